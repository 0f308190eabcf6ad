from datetime import date
from pathlib import Path

from app.domain.practice import PracticePerson, check_person, load_people

ROOT = Path(__file__).parent.parent.parent
TODAY = date(2026, 11, 22)


def test_every_shipped_practice_person_passes_the_forms_own_checks():
    people, problems = load_people(ROOT, TODAY)
    assert [str(p) for p in problems] == []
    assert {p.code for p in people} >= {"siti", "budi", "wayan", "putu"}
    assert any(p.parent for p in people)  # one child, to practise an application under 17


def test_a_practice_person_whose_nik_disagrees_is_reported(tmp_path):
    (tmp_path / "ktp.svg").write_text("<svg/>")
    person = PracticePerson(code="x", name="X CONTOH", sex="male", birth_place="DENPASAR",
                            birth_date=date(1990, 3, 12), nik="5171015203900001",
                            kk="5171010101150003", phone="0812-0000-1001", email="x@contoh.id",
                            address="-", married=False, id_card="ktp.svg", family_card="kk.svg")
    assert check_person(person, TODAY, tmp_path) == ["nik: sex_mismatch", "picture kk.svg not found"]
