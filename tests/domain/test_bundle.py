"""The session bundle file: versioned, checksummed, checked whole."""
import gzip
import json
from datetime import UTC, datetime

import pytest

from app.domain import bundle

ITEMS = {"t-1": {"module": "m1"}, "t-2": {"module": "m2"}}


def attempt(kind="pre", right=1, **changes):
    answers = {"t-1": ["a", right >= 1], "t-2": ["b", right >= 2]}
    return {"kind": kind, "form": "a", "mode": "online", "content_hash": "h" * 64, "item_ids": ["t-1", "t-2"],
            "score": right, "max_score": 2, "confidence": 3, "submitted_at": "2026-11-23T09:00:00+00:00",
            "answers": answers, **changes}


def session(**changes):
    person = {"id": 7, "name": "Siti", "code": "ABC234", "helper": False, "first_form": "a",
              "attempts": [attempt("pre", 1), attempt("post", 2)],
              "practice": {"started_at": "2026-11-23T09:30:00+00:00", "completed_at": None,
                           "problems_mode": False, "seconds": {"kantor": 40}, "errors": {"data.nik": 2}}}
    return {"id": 3, "name": "Sosialisasi", "place": "Sanur", "held_on": "2026-11-23", "course_id": "demo",
            "test_design": "parallel", "closed_at": None, "facilitator": {"id": 1, "name": "Bu Ani"},
            "participants": [person], **changes}


def doc(sessions=None, **changes):
    made = bundle.document("a1b2c3d4e5f60718", datetime(2026, 11, 24, tzinfo=UTC),
                           sessions or [session()], {"h" * 64: {"course_id": "demo", "items": ITEMS}}, False)
    if changes:  # an altered bundle whose checksum is made again (so the field checks are reached)
        made = {**made, **changes}
        made["checksum"] = bundle.checksum(made)
    return made


def test_a_bundle_survives_the_file_unchanged():
    original = doc()
    assert bundle.unpack(bundle.pack(original)) == original
    assert bundle.pack(original) == bundle.pack(original)  # the same bundle is the same file


def test_an_altered_bundle_is_refused_by_its_checksum():
    altered = doc()
    altered["sessions"][0]["participants"][0]["attempts"][0]["score"] = 2
    with pytest.raises(bundle.BundleError, match="checksum"):
        bundle.read(altered)


@pytest.mark.parametrize("data, message", [
    (b"not gzip at all", "not a session bundle"),
    (gzip.compress(b"{not json"), "not a session bundle"),
    (gzip.compress(json.dumps({"format": "other"}).encode()), "not a Paspor Pintar session bundle"),
    (gzip.compress(json.dumps(doc())[:-20].encode()), "not a session bundle"),
    (bundle.pack(doc())[:-12], "cut short"),
], ids=["not gzip", "gzip not json", "other format", "json cut", "bundle cut"])
def test_a_file_that_is_not_a_bundle_is_refused_in_one_line(data, message):
    with pytest.raises(bundle.BundleError, match=message) as caught:
        bundle.unpack(data)
    assert "\n" not in str(caught.value)


def test_a_newer_format_version_asks_for_an_update():
    with pytest.raises(bundle.BundleError, match="version 2 is not 1"):
        bundle.read(doc(version=2))


@pytest.mark.parametrize("change, message", [
    ({"score": 2}, "score 2 is not the number of right answers"),
    ({"score": 3}, "score 3 is not between 0 and 2"),
    ({"item_ids": ["t-9"]}, "item 't-9' is not in its content version"),
    ({"content_hash": "x" * 64}, "content version xxxxxxxxxxxx is not in the bundle"),
    ({"confidence": 9}, "confidence 9 is not 1 to 5"),
    ({"kind": "mid"}, "kind 'mid' is not one of"),
    ({"answers": {"t-1": "a"}}, "the answer to 't-1' is not"),
    ({"submitted_at": "yesterday"}, "submitted_at 'yesterday' is not a date"),
])
def test_each_attempt_field_is_checked_and_named(change, message):
    bad = session(participants=[{**session()["participants"][0], "attempts": [attempt(**change)]}])
    with pytest.raises(bundle.BundleError, match=message) as caught:
        bundle.read(doc([bad]))
    assert str(caught.value).startswith("session 1 participant 1 ")  # says where


@pytest.mark.parametrize("change, message", [
    ({"held_on": "23/11/2026"}, "held_on '23/11/2026' is not a date"),
    ({"place": ""}, "place is empty"),
    ({"participants": "none"}, "participants is missing or not a list"),
    ({"facilitator": {"id": 1}}, "facilitator: name is missing"),
])
def test_each_session_field_is_checked(change, message):
    with pytest.raises(bundle.BundleError, match=message):
        bundle.read(doc([session(**change)]))


def test_practice_carries_counts_only():
    person = {**session()["participants"][0]}
    person["practice"] = {**person["practice"], "errors": {"data.nik": "3201…"}}
    with pytest.raises(bundle.BundleError, match="errors of 'data.nik' is not a count"):
        bundle.read(doc([session(participants=[person])]))


def test_two_attempts_of_a_kind_or_a_repeated_session_are_refused():
    person = {**session()["participants"][0], "attempts": [attempt(), attempt()]}
    with pytest.raises(bundle.BundleError, match="more than one attempt of the same kind"):
        bundle.read(doc([session(participants=[person])]))
    with pytest.raises(bundle.BundleError, match="the same session twice"):
        bundle.read(doc([session(), session()]))
