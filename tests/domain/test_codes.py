import pytest

from app.domain.codes import READABLE, distinct_name, new_code, normalise_code


def test_codes_never_use_characters_that_are_easy_to_mix_up():
    assert not set("0O1I") & set(READABLE)
    codes = {new_code() for _ in range(500)}
    assert all(len(code) == 6 and set(code) <= set(READABLE) for code in codes)
    assert len(codes) > 490


@pytest.mark.parametrize("typed, code", [("abc 23d", "ABC23D"), ("ab-c2-3d", "ABC23D"), ("", ""),
                                         ("0k1", "OKI")])
def test_typed_codes_are_normalised(typed, code):
    assert normalise_code(typed) == code


def test_duplicate_names_in_a_room_are_told_apart():
    assert distinct_name("Siti", set()) == "Siti"
    assert distinct_name(" Siti  ", {"Siti"}) == "Siti (2)"
    assert distinct_name("Siti", {"Siti", "Siti (2)"}) == "Siti (3)"
