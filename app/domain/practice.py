"""Practice identities for the sandbox, read from sandbox/practice_people.yaml and checked with
the same rules as the form, so a practice person always passes them."""
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.domain import identity
from app.domain.content_files import read_list
from app.domain.content_types import Problem

FILE = "sandbox/practice_people.yaml"
NO_PERSON_PLACE = (-8.67, 115.22)  # Denpasar: where a person without a place of their own "is"


@dataclass(frozen=True)
class PracticePerson:
    code: str
    name: str
    sex: str
    birth_place: str
    birth_date: date
    nik: str
    kk: str
    phone: str
    email: str
    address: str
    married: bool
    id_card: str
    family_card: str
    lat: float = NO_PERSON_PLACE[0]  # where the person is when they tap "Pakai Lokasi Saya Saat Ini"
    lon: float = NO_PERSON_PLACE[1]
    parent: str | None = None

    @property
    def female(self):
        return self.sex == "female"


def family_of(people, person):
    """The practice person's family members (the same KK), in file order: the people the learner
    adds with Tambah Pemohon."""
    if person is None:
        return []
    return [p for p in people if p.kk == person.kk and p.code != person.code]


def check_person(person, today, image_dir):
    """Problems of one practice person, as messages (the form's own checks, and their cards)."""
    problems = [f"nik: {code}" for code in identity.check_nik(person.nik, today, person.birth_date, person.female)]
    problems += [f"kk: {code}" for code in identity.check_kk(person.kk)]
    problems += [f"phone: {code}" for code in identity.check_phone(person.phone)]
    problems += [f"name: {code}" for code in identity.check_name(person.name)]
    problems += [f"birth_date: {code}" for code in identity.check_birth_date(person.birth_date, today)]
    if identity.needs_parents_documents(person.birth_date, today) and not person.parent:
        problems.append("a child needs a parent")
    for card in (person.id_card, person.family_card):
        if not Path(image_dir, card).is_file():
            problems.append(f"picture {card} not found")
    return problems


def load_people(root, today):
    """(people, problems) from root/sandbox/practice_people.yaml; today dates their ages."""
    entries, problems = read_list(root, FILE, "people")
    people = []
    fields = set(PracticePerson.__dataclass_fields__)
    for entry in entries:
        try:
            person = PracticePerson(**{k: v for k, v in entry.items() if k in fields})
        except TypeError as exc:
            problems.append(Problem(FILE, entry.line, f"practice person: {exc}"))
            continue
        for message in check_person(person, today, Path(root, "static", "sandbox")):
            problems.append(Problem(FILE, entry.line, f"practice person '{person.code}': {message}"))
        people.append(person)
    codes = {p.code for p in people}
    problems += [Problem(FILE, None, f"practice person '{p.code}': parent '{p.parent}' unknown")
                 for p in people if p.parent and p.parent not in codes]
    return people, problems
