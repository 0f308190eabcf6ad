"""Checks of Indonesian identity data as the M-Paspor form makes them: NIK, No. KK, phone, name.

Each check returns a list of problem codes (empty when valid); the forms turn codes into
messages in the learner's language. Rules follow shared/facts/mpaspor.md §3.
"""
import re
from datetime import date

# Province codes (kode provinsi, Kemendagri) that begin a NIK or a No. KK, with the 2022 Papua
# provinces (93–96).
PROVINCES = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung",
    "19": "Kepulauan Bangka Belitung", "21": "Kepulauan Riau", "31": "DKI Jakarta",
    "32": "Jawa Barat", "33": "Jawa Tengah", "34": "DI Yogyakarta", "35": "Jawa Timur",
    "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara",
    "75": "Gorontalo", "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara",
    "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan", "94": "Papua Tengah",
    "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}
SEPARATORS = re.compile(r"[\s.\-]")
NAME = re.compile(r"^[A-Za-z][A-Za-z .,'\-]*$")
PHONE = re.compile(r"^(?:\+62|62|0)(8\d{7,11})$")
ADULT_AGE = 17


def digits_only(value):
    return SEPARATORS.sub("", value or "")


def _region_problems(number):
    problems = []
    if number[:2] not in PROVINCES:
        problems.append("province")
    elif number[2:4] == "00" or number[4:6] == "00":
        problems.append("region")
    return problems


def _sixteen_digits(value):
    number = digits_only(value)
    if not number.isdigit():
        return number, ["digits"]
    if len(number) != 16:
        return number, ["length"]
    return number, []


def nik_birth_date(nik, today, year_hint=None):
    """(birth date, is female) encoded in a 16-digit NIK, or (None, None) if it encodes none.

    A NIK holds only two digits of the year; year_hint (a full year) picks the century, else
    the latest one that does not put the birth after today.
    """
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    day -= 40 if female else 0
    centuries = [year_hint // 100 * 100] if year_hint else [2000, 1900]
    for century in centuries:
        try:
            born = date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            return born, female
    return None, None


def check_nik(value, today, birth_date=None, female=None):
    number, problems = _sixteen_digits(value)
    if problems:
        return problems
    problems = _region_problems(number)
    born, is_female = nik_birth_date(number, today, birth_date.year if birth_date else None)
    if born is None:
        problems.append("date")
    if number[12:] == "0000":
        problems.append("serial")
    if born is not None and birth_date is not None and (born.day, born.month) != (birth_date.day, birth_date.month):
        problems.append("birth_date_mismatch")
    if born is not None and female is not None and is_female != female:
        problems.append("sex_mismatch")
    return problems


def check_kk(value):
    number, problems = _sixteen_digits(value)
    return problems or _region_problems(number)


def normalise_phone(value):
    """A mobile number in the international form +628…, or None if it is not one."""
    cleaned = re.sub(r"[\s.\-()]", "", value or "")
    match = PHONE.match(cleaned)
    return f"+62{match.group(1)}" if match else None


def check_phone(value):
    return [] if normalise_phone(value) else ["phone"]


def check_name(value):
    name = " ".join((value or "").split())
    if not name:
        return ["required"]
    if any(ch.isdigit() for ch in name):
        return ["digits"]
    if not NAME.match(name) or len(name) > 60:
        return ["characters"]
    return []


def age_on(birth_date, today):
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def check_birth_date(birth_date, today):
    if birth_date >= today:
        return ["future"]
    if birth_date.year < 1900:
        return ["too_old"]
    return []


def needs_parents_documents(birth_date, today):
    """Applicants under 17 apply with their parents' KTP and documents, and come with them."""
    return age_on(birth_date, today) < ADULT_AGE
