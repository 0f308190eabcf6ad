"""Reading pre/post scores from CSV, as the CLI and the import page accept them.

Rows count as in a spreadsheet: the header is row 1. A comma or a semicolon separates
columns; with semicolons (Indonesian Excel) a decimal comma is accepted too.
"""
import csv
import io
import math
from dataclasses import dataclass


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell a spreadsheet shows as text, never runs (OWASP CSV injection): text that starts
    like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class ScoresError(ValueError):
    """A problem with the file, naming the row and column where there is one."""

    def __init__(self, message, row=None, column=None, kind=None, value=None):
        self.kind, self.value = kind, value
        where = ", ".join(part for part in (f"row {row}" if row else "", f"column '{column}'" if column else "") if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.row, self.column = row, column


@dataclass
class Scores:
    ids: list
    pre: list
    post: list
    n_excluded: int
    excluded_ids: list


def highest_score(pre, post):
    """The highest score among the pairs (0 for none): a maximum given must not be below it,
    and the plots of an import given none are drawn up to it."""
    return max([*pre, *post], default=0)


def _number(text, row, column, decimal_comma):
    value = text.strip()
    if decimal_comma:
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        raise ScoresError(f"'{text.strip()}' is not a number", row, column, "not_number", text.strip()) from None
    if not math.isfinite(number):
        raise ScoresError(f"'{text.strip()}' is not a number", row, column, "not_number", text.strip())
    return number


INDONESIAN_HEADERS = {"nama": "participant", "peserta": "participant", "tes awal": "pretest",
                      "tes_awal": "pretest", "tes akhir": "posttest", "tes_akhir": "posttest"}


def read_scores(text, id_col="participant", pre_col="pretest", post_col="posttest", aliases=None):
    """Pairs from CSV text. Rows with an empty pre or post value are excluded and counted.
    aliases: other header names ({"tes awal": "pretest", …}) read as the columns they name."""
    if not text.strip():
        raise ScoresError("the file is empty", kind="empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # old-Mac and Windows line endings
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _read(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter),
                     delimiter, id_col, pre_col, post_col, aliases or {})
    except csv.Error as error:  # e.g. a cell past the csv module's 128 KiB limit
        raise ScoresError(f"cannot be read as CSV ({error})", kind="unreadable") from None


def _read(reader, delimiter, id_col, pre_col, post_col, aliases):
    header = [name.strip() for name in next(reader)]
    header = [aliases.get(name.lower(), name) for name in header]
    for column in (id_col, pre_col, post_col):
        if column not in header:
            raise ScoresError(f"column '{column}' is missing (found: {', '.join(header)})", 1,
                              kind="missing_column", value=column)
    at = {column: header.index(column) for column in (id_col, pre_col, post_col)}
    scores = Scores([], [], [], 0, [])
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {column: (row[index] if index < len(row) else "") for column, index in at.items()}
        if not cells[pre_col].strip() or not cells[post_col].strip():
            scores.n_excluded += 1
            scores.excluded_ids.append(cells[id_col].strip())
            continue
        scores.ids.append(cells[id_col].strip())
        scores.pre.append(_number(cells[pre_col], row_number, pre_col, delimiter == ";"))
        scores.post.append(_number(cells[post_col], row_number, post_col, delimiter == ";"))
    return scores


def read_item_scores(text, id_col="participant"):
    """(item ids, rows of 0/1/None) from CSV text: one row per person, one 0/1 column per item
    besides the id column; an empty cell is an unanswered item."""
    if not text.strip():
        raise ScoresError("the file is empty", kind="empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = [name.strip() for name in next(reader)]
        if id_col not in header:
            raise ScoresError(f"column '{id_col}' is missing (found: {', '.join(header)})", 1,
                              kind="missing_column", value=id_col)
        items = [name for name in header if name != id_col]
        if not items:
            raise ScoresError("no item columns besides the id column", 1, kind="no_items")
        rows = []
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(header, row + [""] * (len(header) - len(row))))
            values = []
            for item in items:
                cell = cells[item].strip()
                if cell not in ("0", "1", ""):
                    raise ScoresError(f"'{cell}' is not 0, 1 or empty", row_number, item, "not_binary", cell)
                values.append(int(cell) if cell else None)
            rows.append(values)
    except csv.Error as error:
        raise ScoresError(f"cannot be read as CSV ({error})", kind="unreadable") from None
    return items, rows
