"""The paired analysis against published results and hand computations."""
import json
import time

import numpy as np
import pytest

from app.domain.scores_csv import ScoresError, read_scores
from app.domain.statistics import effect_size_label, hake_gain, mcnemar_exact, paired

# Student's sleep data (Cushny & Peebles, 1905), R's `sleep`: extra hours of sleep per patient
# with drug 1 and drug 2. R: t.test(extra ~ group, data = sleep, paired = TRUE) gives
# t = -4.0621, df = 9, p-value = 0.002833, 95% CI -2.4598858 -0.7001142, mean difference -1.58.
DRUG1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
DRUG2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def test_students_sleep_data_matches_r():
    result = paired(DRUG1, DRUG2)
    assert result["n_pairs"] == 10
    assert result["ttest"]["t"] == pytest.approx(4.0621, abs=1e-4)
    assert result["ttest"]["df"] == 9
    assert result["ttest"]["p"] == pytest.approx(0.002833, abs=1e-6)
    assert result["diff"]["mean"] == pytest.approx(1.58)
    assert result["diff"]["ci95"] == pytest.approx([0.7001142, 2.4598858], abs=1e-7)
    # By hand: sd of the differences 1.229995, so d_z = 1.58 / 1.229995 = 1.28456.
    assert result["diff"]["sd"] == pytest.approx(1.229995, abs=1e-6)
    assert result["effect"]["cohen_dz"] == pytest.approx(1.28456, abs=1e-5)
    assert result["effect"]["size"] == "large"


def test_one_sided_p_is_half_the_two_sided_in_the_direction_of_the_gain():
    result = paired(DRUG1, DRUG2, alternative="greater")
    assert result["ttest"]["p"] == pytest.approx(0.002833 / 2, abs=1e-6)
    assert result["ttest"]["p_two_sided"] == pytest.approx(0.002833, abs=1e-6)
    less = paired(DRUG1, DRUG2, alternative="less")
    assert less["ttest"]["p"] == pytest.approx(1 - 0.002833 / 2, abs=1e-6)
    assert less["diff"]["ci95"] == result["diff"]["ci95"]  # always the two-sided interval


def test_wilcoxon_by_hand_on_a_tie_free_sample():
    # Differences 1..6 and one −7: ranks of |d| are 1..7; W+ = 21, W− = 7; scipy reports min = 7.
    pre = [10] * 7
    post = [11, 12, 13, 14, 15, 16, 3]
    result = paired(pre, post)
    assert result["wilcoxon"]["statistic"] == 7
    # Exact two-sided p: P(W ≤ 7) for n = 7 is 19/128; doubled is 38/128.
    assert result["wilcoxon"]["p"] == pytest.approx(38 / 128)


def test_descriptives_and_hake_gain_by_hand():
    result = paired([10, 12, 14], [16, 18, 17], max_score=24)
    assert result["pre"] == {"mean": 12.0, "sd": 2.0}
    assert result["post"]["mean"] == pytest.approx(17.0)
    assert result["gain"]["normalized"] == pytest.approx((17 - 12) / (24 - 12))
    assert hake_gain(24, 24, 24) is None


@pytest.mark.parametrize("pre, post, expected_note", [
    ([], [], "fewer than two pairs"),
    ([5], [7], "fewer than two pairs"),
    ([5, 6], [7, 8], "every difference is equal"),
    ([24, 24, 24], [24, 24, 24], "every difference is zero"),
])
def test_degenerate_data_gives_nulls_and_notes_never_nan(pre, post, expected_note):
    result = paired(pre, post, max_score=24)
    text = json.dumps(result, allow_nan=False)  # strict JSON: raises on NaN
    assert "NaN" not in text
    assert any(expected_note in note for note in result["notes"])
    assert result["ttest"]["t"] is None and result["effect"]["cohen_dz"] is None


def test_everyone_at_full_marks_has_no_normalized_gain():
    result = paired([24, 24, 24], [24, 24, 24], max_score=24)
    assert result["gain"]["normalized"] is None
    assert any("already the maximum" in note for note in result["notes"])


def test_small_samples_are_flagged():
    assert any("small sample" in note for note in paired([1, 2, 3, 5], [2, 4, 3, 8])["notes"])
    assert not any("small sample" in note for note in paired(list(range(12)), [x + (x % 3) for x in range(12)])["notes"])


def test_a_hundred_thousand_pairs_fit_in_a_second():
    rng = np.random.default_rng(7)
    pre = rng.integers(0, 28, 100_000)
    post = np.minimum(27, pre + rng.integers(-2, 8, 100_000))
    began = time.perf_counter()
    result = paired(pre, post, max_score=27)
    assert result["n_pairs"] == 100_000 and result["ttest"]["p"] is not None
    assert time.perf_counter() - began < 5  # the 1 s target is measured in bench/, not here


@pytest.mark.parametrize("dz, label", [(0.1, "negligible"), (-0.3, "small"), (0.5, "medium"),
                                       (0.79, "medium"), (1.2, "large"), (None, None)])
def test_effect_size_labels(dz, label):
    assert effect_size_label(dz) == label


def test_mcnemar_exact_counts_discordant_pairs():
    before = [0, 0, 0, 0, 0, 1, 1, 0]
    after = [1, 1, 1, 1, 1, 1, 0, 0]
    result = mcnemar_exact(before, after)
    assert (result["b"], result["c"]) == (1, 5)
    assert result["p"] == pytest.approx(14 / 64)  # 2 × P(X ≤ 1), X ~ Bin(6, ½)
    assert mcnemar_exact([1, 0], [1, 0])["p"] is None


def test_csv_rows_with_an_empty_score_are_excluded_and_counted():
    scores = read_scores("participant,pretest,posttest\na,10,15\nb,,12\nc,8,\nd,9,14\n")
    assert scores.ids == ["a", "d"] and scores.pre == [10, 9] and scores.post == [15, 14]
    assert scores.n_excluded == 2 and scores.excluded_ids == ["b", "c"]


def test_csv_with_semicolons_accepts_decimal_commas():
    scores = read_scores("peserta;pre;post\nA;10,5;15\n", "peserta", "pre", "post")
    assert scores.pre == [10.5] and scores.post == [15.0]


@pytest.mark.parametrize("text, message", [
    ("participant,pretest,posttest\na,10,15\nb,sepuluh,12\n", "row 3, column 'pretest': 'sepuluh' is not a number"),
    ("participant,pretest,posttest\na,10,nan\n", "row 2, column 'posttest': 'nan' is not a number"),
    ("participant,pre,posttest\na,10,15\n", "row 1: column 'pretest' is missing"),
    ("", "the file is empty"),
])
def test_csv_errors_name_the_row_and_column(text, message):
    with pytest.raises(ScoresError) as error:
        read_scores(text)
    assert str(error.value).startswith(message)


def test_each_persons_n_gain_falls_in_the_usual_categories_and_perfect_pretests_stand_apart():
    from app.domain.statistics import normalized_gains
    result = normalized_gains([10, 4, 8, 20, 0], [16, 16, 9, 20, 19], 20)
    # g = 6/10 = .6 (medium), 12/16 = .75 (high), 1/12 = .083 (low), perfect pretest, 19/20 = .95
    assert result["values"][:3] == pytest.approx([0.6, 0.75, 1 / 12]) and result["values"][3] is None
    assert (result["low"], result["medium"], result["high"]) == (1, 1, 2)
    assert result["perfect_pretest"] == 1 and result["n"] == 4
    assert result["mean"] == pytest.approx((0.6 + 0.75 + 1 / 12 + 0.95) / 4)


def test_the_category_edges_belong_to_medium():
    from app.domain.statistics import normalized_gains
    result = normalized_gains([0, 0], [3, 7], 10)  # exactly 0.3 and 0.7
    assert (result["low"], result["medium"], result["high"]) == (0, 2, 0)
