"""A backup made just before a migration that only renamed reads as one made just after it."""
import pytest

from app.domain.backup import OLD_NAMES, under_new_names

NEW_NAMES = {new: old for old, new in OLD_NAMES.items()}


def made_at(revision, tables):
    return {"format": "paspor-pintar-backup", "version": 1, "schema_revision": revision, "tables": tables}


def test_a_backup_from_just_before_the_rename_reads_under_the_new_names():
    session, key = NEW_NAMES["training_session"], NEW_NAMES["session_id"]
    old = made_at("before", {session: [{"id": 7, "name": "Sanur"}], "participant": [{"id": 1, key: 7}],
                             "user": [{"id": 1}]})
    assert under_new_names(old, "before", "after") == made_at("after", {
        "training_session": [{"id": 7, "name": "Sanur"}], "participant": [{"id": 1, "session_id": 7}],
        "user": [{"id": 1}]})


@pytest.mark.parametrize("doc, revision", [
    (made_at("other", {NEW_NAMES["training_session"]: []}), "other"),  # refused by read(), as ever
    (made_at("after", {"training_session": []}), "after"),
    (made_at("before", "not tables"), "after"),  # read() then names what is wrong with it
    (made_at("before", {"participant": "not rows"}), "after"),
])
def test_any_other_document_is_left_as_it_is_for_the_reader_to_check(doc, revision):
    assert under_new_names(doc, "before", "after") == {**doc, "schema_revision": revision}


def test_what_is_not_a_backup_is_left_for_the_reader_to_refuse():
    assert under_new_names(["not a backup"], "before", "after") == ["not a backup"]
