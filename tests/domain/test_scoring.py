from types import SimpleNamespace

import pytest

from app.domain.scoring import Gain, layout, score


def item(item_id, answer="a", keys="abcd"):
    return SimpleNamespace(id=item_id, kind="single", answer=answer, options={k: {} for k in keys})


ITEMS = [item("q1", "a"), item("q2", "c"), item("q3", "d"), item("q4", "b")]


@pytest.mark.parametrize("responses, points", [
    ({}, 0),
    ({"q1": "a"}, 1),
    ({"q1": "a", "q2": "c", "q3": "d", "q4": "b"}, 4),
    ({"q1": "b", "q2": "c", "q3": "a", "q4": "b"}, 2),
    ({"q1": "A", "q2": None, "unknown": "a"}, 0),
])
def test_score_counts_only_the_one_correct_option(responses, points):
    result = score(ITEMS, responses)
    assert (result.points, result.maximum) == (points, 4)


def test_layout_is_stable_for_a_seed_and_differs_between_participants():
    first = layout("7:mpaspor:post", ITEMS)
    assert layout("7:mpaspor:post", ITEMS) == first
    orders = {tuple(layout(f"{n}:mpaspor:post", ITEMS)[0]) for n in range(30)}
    assert len(orders) > 5
    order, options = first
    assert sorted(order) == ["q1", "q2", "q3", "q4"]
    assert all(sorted(keys) == list("abcd") for keys in options.values())


@pytest.mark.parametrize("pre, post, maximum, points, normalized", [
    (10, 20, 24, 10, 10 / 14),
    (12, 12, 24, 0, 0.0),
    (20, 16, 24, -4, -1.0),
    (24, 24, 24, 0, None),  # nothing left to learn: Hake's gain is undefined
])
def test_gain_in_points_and_normalized(pre, post, maximum, points, normalized):
    gain = Gain(pre=pre, post=post, maximum=maximum)
    assert gain.points == points
    assert gain.normalized == (pytest.approx(normalized) if normalized is not None else None)
