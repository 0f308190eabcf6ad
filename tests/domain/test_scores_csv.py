"""CSV cells we write are safe to open in a spreadsheet."""
import pytest

from app.domain.scores_csv import highest_score, safe_cell


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+62812", "'+62812"), ("-cmd", "'-cmd"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("Siti", "Siti"), (-3, -3), (2.5, 2.5), ("", ""),
])
def test_cells_that_start_like_a_formula_are_kept_as_text(value, shown):
    assert safe_cell(value) == shown


@pytest.mark.parametrize("pre, post, highest", [([10, 12], [14, 11], 14), ([18.5], [9], 18.5), ([], [], 0)])
def test_the_highest_score_is_read_from_both_columns(pre, post, highest):
    assert highest_score(pre, post) == highest
