from datetime import date

import pytest

from app.domain.identity import (check_birth_date, check_kk, check_name, check_nik, check_phone,
                                 needs_parents_documents, nik_birth_date, normalise_phone)

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("nik, birth, female, problems", [
    ("3171011708450001", date(1945, 8, 17), False, []),          # python-stdnum's example, a man
    ("3171 0117 0845 0001", date(1945, 8, 17), False, []),       # spaces are allowed
    ("3171015708450001", date(1945, 8, 17), True, []),           # a woman: day + 40
    ("5171014102990003", date(1999, 2, 1), True, []),            # Bali, 1 Feb 1999, a woman
    ("3273010101100002", date(2010, 1, 1), False, []),           # a child born in 2010
    ("3171015708450001", date(1945, 8, 17), False, ["sex_mismatch"]),
    ("3171011708450001", date(1945, 8, 17), True, ["sex_mismatch"]),
    ("3171011708450001", date(1945, 8, 18), False, ["birth_date_mismatch"]),
    ("317101170845000", None, None, ["length"]),
    ("31710117084500012", None, None, ["length"]),
    ("3171O11708450001", None, None, ["digits"]),
    ("9971011708450001", None, None, ["province"]),
    ("3100011708450001", None, None, ["region"]),
    ("3171013208450001", None, None, ["date"]),                  # day 32
    ("3171017208450001", None, None, ["date"]),                  # day 72 (32 for a woman)
    ("3171011713450001", None, None, ["date"]),                  # month 13
    ("3171011708450000", None, None, ["serial"]),
])
def test_nik(nik, birth, female, problems):
    assert check_nik(nik, TODAY, birth, female) == problems


def test_a_nik_encodes_the_birth_date_and_sex():
    assert nik_birth_date("3171015708450001", TODAY, 1945) == (date(1945, 8, 17), True)
    assert nik_birth_date("3171011708450001", TODAY) == (date(1945, 8, 17), False)
    assert nik_birth_date("3171012902000001", TODAY) == (date(2000, 2, 29), False)  # only 2000 has it


def test_a_two_digit_year_is_in_the_latest_century_that_is_not_after_today():
    assert nik_birth_date("3171011708260001", date(2026, 8, 17)) == (date(2026, 8, 17), False)
    assert nik_birth_date("3171011708260001", date(2026, 8, 16)) == (date(1926, 8, 17), False)


@pytest.mark.parametrize("kk, problems", [
    ("3171010101090001", []),
    ("5171-0302-1500-0012", []),
    ("317101010109000", ["length"]),
    ("31710101010900AB", ["digits"]),
    ("0071010101090001", ["province"]),
    ("3171000101090001", ["region"]),
])
def test_kk(kk, problems):
    assert check_kk(kk) == problems


@pytest.mark.parametrize("phone, normalised", [
    ("081234567890", "+6281234567890"),
    ("0812-3456-7890", "+6281234567890"),
    ("+62 812 3456 7890", "+6281234567890"),
    ("6281234567", "+6281234567"),
    ("0811234567", "+62811234567"),
    ("(0812) 3456 7890", "+6281234567890"),
    ("0212345678", None),        # a Jakarta landline, not a mobile
    ("08123", None),             # too short
    ("0812345678901234", None),  # too long
    ("+6181234567890", None),    # another country
    ("", None),
])
def test_phone_numbers_in_indonesian_formats(phone, normalised):
    assert normalise_phone(phone) == normalised
    assert check_phone(phone) == ([] if normalised else ["phone"])


@pytest.mark.parametrize("name, problems", [
    ("SITI RAHAYU", []), ("Ni Made Ayu", []), ("I Gusti Ngurah Rai", []), ("Ahmad S.Pd.", []),
    ("D'Costa", []), ("", ["required"]), ("   ", ["required"]), ("Siti 2", ["digits"]),
    ("Siti@Rahayu", ["characters"]), ("A" * 61, ["characters"]),
])
def test_names_as_on_the_ktp(name, problems):
    assert check_name(name) == problems


@pytest.mark.parametrize("born, problems, under_17", [
    (date(1990, 5, 1), [], False),
    (date(2009, 11, 22), [], False),   # 17 today
    (date(2009, 11, 23), [], True),    # 17 tomorrow
    (date(2026, 11, 22), ["future"], True),
    (date(2030, 1, 1), ["future"], True),
    (date(1899, 12, 31), ["too_old"], False),
])
def test_birth_dates_and_the_age_of_17(born, problems, under_17):
    assert check_birth_date(born, TODAY) == problems
    assert needs_parents_documents(born, TODAY) is under_17
