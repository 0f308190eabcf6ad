"""Item analysis against values computed by hand (written out below)."""
import pytest

from app.domain.item_analysis import analyse, flags

# Five people, four items. Totals 4, 3, 2, 1, 0: mean 2, sample variance 2.5.
SCORES = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]


def test_kr20_is_alpha_on_zero_one_scores_with_feldts_interval():
    result = analyse(SCORES, ["a", "b", "c", "d"])
    # item sample variances: p = .8, .6, .4, .2 -> 0.2, 0.3, 0.3, 0.2 (sum 1.0);
    # alpha = 4/3 * (1 - 1.0 / 2.5) = 0.8
    assert result["n"] == 5 and result["k"] == 4
    assert result["kr20"] == pytest.approx(0.8)
    assert result["mean"] == pytest.approx(2.0) and result["sd"] == pytest.approx(2.5 ** 0.5)
    # Feldt: 1 - 0.2 * F(.975; 4, 12) and 1 - 0.2 * F(.025; 4, 12). From printed F tables:
    # F(.975; 4, 12) = 4.1212 and F(.025; 4, 12) = 1 / F(.975; 12, 4) = 1 / 8.7512
    low, high = result["kr20_ci95"]
    assert low == pytest.approx(1 - 0.2 * 4.1212, abs=1e-4)
    assert high == pytest.approx(1 - 0.2 / 8.7512, abs=1e-4)


def test_point_biserial_is_corrected_for_the_item_itself():
    result = analyse(SCORES, ["a", "b", "c", "d"])
    # item a = 1,1,1,1,0 (mean .8); rest totals = 3,2,1,0,0 (mean 1.2): cross products of the
    # deviations sum to 1.2, squares to 0.8 and 6.8, so r = 1.2 / sqrt(0.8 * 6.8) = 0.514496
    item_a = result["items"][0]
    assert item_a["p"] == pytest.approx(0.8)
    assert item_a["r_pbis"] == pytest.approx(0.514496, abs=1e-5)


def test_an_item_everyone_got_right_has_no_r_pbis_and_says_why():
    result = analyse([[1, 1], [1, 0], [1, 1], [1, 0]], ["all", "half"])
    assert result["items"][0]["r_pbis"] is None
    assert any("all" in note for note in result["notes"])


def test_unanswered_counts_as_wrong_and_tiny_groups_give_notes_not_numbers():
    result = analyse([[None, 1], [1, None]], ["x", "y"])
    assert result["items"][0]["p"] == 0.5 and result["items"][0]["r_pbis"] is None
    assert any("fewer than 3" in note for note in result["notes"])


@pytest.mark.parametrize("pre, post, r, expected", [
    (0.95, 1.0, 0.3, ["too-easy"]),
    (0.4, 0.8, -0.2, ["check-key"]),
    (0.6, 0.5, 0.3, ["fell"]),
    (0.4, 0.8, 0.4, []),
    (None, None, None, []),
])
def test_flags_in_plain_words(pre, post, r, expected):
    assert flags(pre, post, r) == expected
