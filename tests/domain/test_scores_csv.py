"""CSV cells we write are safe to open in a spreadsheet."""
import pytest

from app.domain.scores_csv import safe_cell


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+62812", "'+62812"), ("-cmd", "'-cmd"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("Siti", "Siti"), (-3, -3), (2.5, 2.5), ("", ""),
])
def test_cells_that_start_like_a_formula_are_kept_as_text(value, shown):
    assert safe_cell(value) == shown
