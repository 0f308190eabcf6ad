"""Done when: bundles from two laptops merge twice into PostgreSQL; the programme view shows each
session once, pooled exactly as the analysis module would pool the combined pairs."""
import gzip
import json

import pytest
from sqlalchemy import func, select

from app.domain.statistics import paired
from app.extensions import db
from app.models import Answer, Attempt, ContentVersion, Participant, TrainingSession, User
from tests.conftest import Browser
from tests.programme.conftest import HELD_ON, run_session

SANUR = [(1, 3), (2, 4), (0, 2), (2, 3), (1, 4), (None, 2)]
UBUD = [(2, 2), (0, 3), (1, 4), (3, 4), (1, 1), (2, None)]


def bundle_from(app, session_id, path, *options):
    result = app.test_cli_runner().invoke(args=["data", "bundle", str(session_id), "--out", str(path), *options])
    assert result.exit_code == 0, result.output
    return path


def flat(value):
    """A result's numbers as a flat dict, for comparing up to the last bits of summation order."""
    if not isinstance(value, dict):
        return value
    return {f"{key}.{i}": v for key, inner in value.items()
            for i, v in enumerate(inner if isinstance(inner, list) else [inner])}


def counts(app):
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(model))
                     for model in (TrainingSession, Participant, User, Attempt, Answer, ContentVersion))


def sign_in_lead(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "kepala", "--role", "programme", "--password-stdin"],
                           input="program-rahasia-1\n")
    assert result.exit_code == 0, result.output
    browser = Browser(app.test_client())
    assert browser.post("/auth/login", {"username": "kepala", "password": "program-rahasia-1"}).status_code == 302
    return browser


def test_two_laptops_merge_twice_into_one_programme_view(laptop, server, tmp_path):
    first, second = laptop("sanur"), laptop("ubud")
    sanur = bundle_from(first, run_session(first, "Bu Ani", "Sanur", HELD_ON[0], SANUR, helped={1}),
                        tmp_path / "sanur.json.gz")
    ubud = bundle_from(second, run_session(second, "Pak Made", "Ubud", HELD_ON[1], UBUD),
                       tmp_path / "ubud.json.gz", "--codes")
    assert sanur.stat().st_size < 100_000

    runner = server.test_cli_runner()
    merged = runner.invoke(args=["data", "merge", str(sanur), str(ubud)])
    assert merged.exit_code == 0, merged.output
    assert merged.output.splitlines() == ["added: Sosialisasi Sanur", "added: Sosialisasi Ubud"]
    after_once = counts(server)
    again = runner.invoke(args=["data", "merge", str(ubud), str(sanur)])
    assert again.exit_code == 0 and again.output.count("unchanged:") == 2
    assert counts(server) == after_once == (2, 12, 12 + 2, 22, after_once[4], 1)

    html = sign_in_lead(server).get("/program/").get_data(as_text=True)
    assert html.count("Sosialisasi Sanur") == 1 and html.count("Sosialisasi Ubud") == 1
    assert "Bu Ani" in html and "Pak Made" in html
    pairs = [(a, b) for a, b in SANUR + UBUD if a is not None and b is not None]
    expected = paired([a for a, _ in pairs], [b for _, b in pairs], max_score=4)
    comma = lambda value, digits: f"{value:.{digits}f}".replace(".", ",")  # noqa: E731 (Indonesian page)
    assert f"{len(pairs)} pasangan tes awal dan tes akhir" in html
    assert f"t = {comma(expected['ttest']['t'], 3)}, df = {len(pairs) - 1}" in html
    assert f"{comma(expected['diff']['ci95'][0], 2)} – {comma(expected['diff']['ci95'][1], 2)}" in html
    assert f"d<sub>z</sub> = {comma(expected['effect']['cohen_dz'], 2)}" in html
    assert f"W = {comma(expected['wilcoxon']['statistic'], 1)}" in html

    with server.test_request_context():
        from app.programme.report import pooled_analysis
        from app.programme.services import Filters
        pooled = pooled_analysis(Filters())["analysis"]
        names = set(db.session.scalars(select(Participant.display_name)))
        origins = set(db.session.scalars(select(TrainingSession.laptop_id)))
        helped = db.session.scalar(select(func.count()).where(Participant.helper_name.is_not(None)))
    for key in ("n_pairs", "pre", "post", "diff", "ttest", "effect", "wilcoxon", "shapiro", "gain"):
        assert flat(pooled[key]) == pytest.approx(flat(expected[key])), key
    assert "Warga Sanur 0" in names and not any(name.startswith("Warga Ubud") for name in names)  # --codes
    assert len(origins) == 2 and helped == 1
    with server.app_context():  # each session's row, from the sums the merge stored
        from app.programme.services import sessions, summarise
        rows = {row["place"]: summarise(row) for row in sessions(Filters())}
    for place, scores in (("Sanur", SANUR), ("Ubud", UBUD)):
        own = [(a, b) for a, b in scores if a is not None and b is not None]
        alone = paired([a for a, _ in own], [b for _, b in own], max_score=4)
        assert rows[place]["pairs"] == len(own) and rows[place]["people"] == len(scores)
        assert rows[place]["gain"]["ci95"] == pytest.approx(alone["diff"]["ci95"])
        assert rows[place]["gain"]["cohen_dz"] == pytest.approx(alone["effect"]["cohen_dz"])
    assert item_sums(server) == item_sums(first, second)  # the stored tallies count what the laptops counted


def item_sums(*apps):
    """{(item, kind): [answered, right]} of every session on these installations."""
    from collections import defaultdict

    from app.programme.services import Filters, item_sums as sums
    total = defaultdict(lambda: [0, 0])
    for app in apps:
        with app.app_context():
            for item, kind, answered, right in sums(Filters()):
                total[(item, kind)][0] += answered
                total[(item, kind)][1] += right
    return dict(total)


def test_a_newer_bundle_of_a_session_updates_it(laptop, server, tmp_path):
    first = laptop("sanur")
    session_id = run_session(first, "Bu Ani", "Sanur", HELD_ON[0], SANUR[:3])
    old = bundle_from(first, session_id, tmp_path / "old.json.gz")
    with first.app_context():
        from app.rooms.services import add_participant
        from tests.results.test_results import sit_test
        late = add_participant(db.session.get(TrainingSession, session_id), "Datang terlambat")
        db.session.commit()
        sit_test(late.user, "pre", 1)
        sit_test(late.user, "post", 4)
    new = bundle_from(first, session_id, tmp_path / "new.json.gz")
    runner = server.test_cli_runner()
    assert runner.invoke(args=["data", "merge", str(old)]).output == "added: Sosialisasi Sanur\n"
    assert runner.invoke(args=["data", "merge", str(new)]).output == "updated: Sosialisasi Sanur\n"
    assert runner.invoke(args=["data", "merge", str(old)]).output == "unchanged: Sosialisasi Sanur\n"
    assert counts(server)[:4] == (1, 4, 5, 8)


def test_a_broken_or_altered_bundle_is_refused_with_nothing_written(laptop, server, tmp_path):
    first = laptop("sanur")
    good = bundle_from(first, run_session(first, "Bu Ani", "Sanur", HELD_ON[0], SANUR), tmp_path / "good.json.gz")
    document = json.loads(gzip.decompress(good.read_bytes()))
    document["sessions"][0]["participants"][0]["attempts"][1]["score"] = 4  # a better posttest, typed in
    altered = tmp_path / "altered.json.gz"
    altered.write_bytes(gzip.compress(json.dumps(document).encode()))
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    before = counts(server)
    runner = server.test_cli_runner()
    for bad, message in ((altered, "the checksum does not match"), (broken, "cut short")):
        result = runner.invoke(args=["data", "merge", str(good), str(bad)])
        assert result.exit_code == 2
        assert result.output.strip().count("\n") == 0 and message in result.output
        assert "Traceback" not in result.output
    assert counts(server) == before
    with server.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
