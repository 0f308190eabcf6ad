"""Figures from the database's sums equal the one-session analysis; when sessions are pooled."""
from datetime import date

import pytest

from app.domain import programme
from app.domain.statistics import paired


@pytest.mark.parametrize("pre, post", [
    ([1, 2, 0, 2, 1], [3, 4, 2, 3, 4]),
    ([5, 6, 7, 8, 2, 3, 9, 1], [6, 6, 9, 7, 5, 3, 9, 4]),
    ([3, 4], [5, 7]),
])
def test_the_summary_from_sums_equals_the_paired_analysis(pre, post):
    diffs = [b - a for a, b in zip(pre, post)]
    summary = programme.gain_summary(len(diffs), sum(diffs), sum(d * d for d in diffs))
    expected = paired(pre, post)
    assert summary["mean"] == pytest.approx(expected["diff"]["mean"])
    assert summary["sd"] == pytest.approx(expected["diff"]["sd"])
    assert summary["ci95"] == pytest.approx(expected["diff"]["ci95"])
    assert summary["cohen_dz"] == pytest.approx(expected["effect"]["cohen_dz"])


@pytest.mark.parametrize("n, sum_d, sum_d2, mean, sd", [
    (0, 0, 0, None, None),  # a session without pairs
    (1, 3, 9, 3.0, None),  # one pair: no spread
    (3, 6, 12, 2.0, 0.0),  # every gain equal: no interval, no d_z
])
def test_the_summary_of_too_few_or_equal_gains_has_no_interval(n, sum_d, sum_d2, mean, sd):
    summary = programme.gain_summary(n, sum_d, sum_d2)
    assert (summary["mean"], summary["sd"], summary["ci95"], summary["cohen_dz"]) == (mean, sd, None, None)


@pytest.mark.parametrize("versions, mixed_ok, allowed, warning", [
    (["v1", "v1", None], False, True, False),
    (["v1", "v2"], False, False, False),
    (["v1", "v2"], True, True, True),
    ([], False, True, False),
])
def test_sessions_of_different_versions_are_pooled_only_when_asked_and_then_with_a_warning(
        versions, mixed_ok, allowed, warning):
    rule = programme.pooling(versions, mixed_ok)
    assert (rule.allowed, rule.warning) == (allowed, warning)


def test_months_weigh_each_session_by_its_pairs():
    points = [(date(2026, 1, 5), 10, 20.0), (date(2026, 1, 20), 30, 30.0), (date(2025, 12, 1), 5, 5.0),
              (date(2026, 2, 1), 0, 0)]
    assert programme.by_month(points) == [("2025-12", 5, 1.0), ("2026-01", 40, 1.25)]


def test_the_weakest_module_after_the_course_comes_first():
    sums = [("t-1", "pre", 10, 2), ("t-1", "post", 10, 9), ("t-2", "pre", 10, 5), ("t-2", "post", 10, 4),
            ("t-3", "post", 10, 6), ("gone", "post", 3, 0)]
    rows = programme.weakest_modules(sums, {"t-1": "m1", "t-2": "m2", "t-3": "m2"})
    assert [(r["module"], r["pre"], r["post"], r["items"]) for r in rows] == [("m2", 0.5, 0.5, 2), ("m1", 0.2, 0.9, 1)]


def test_counted_pairs_expand_to_the_same_analysis():
    pre, post = [1, 2, 2, 0, 1, 2], [3, 4, 4, 2, 1, 4]
    counts = [(1, 3, 4, 1), (2, 4, 4, 3), (0, 2, 4, 1), (1, 1, 4, 1), (5, 5, None, 0)]
    expanded_pre, expanded_post, maximum = programme.expand(counts)
    assert maximum == 4 and sorted(zip(expanded_pre, expanded_post)) == sorted(zip(pre, post))
    assert paired(expanded_pre, expanded_post, max_score=4)["ttest"] == pytest.approx(paired(pre, post, max_score=4)["ttest"])
