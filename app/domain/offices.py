"""The sandbox's immigration offices, read from sandbox/offices.yaml."""
from dataclasses import dataclass
from app.domain.content import SLUG, Problem, read_list

KINDS = ("Kanim", "ULP", "UKK", "MPP")
FIELDS = ("code", "name", "kind", "city", "province", "slot_quota")


@dataclass(frozen=True)
class OfficeData:
    code: str
    name: str
    kind: str
    city: str
    province: str
    slot_quota: int


def load_offices(root):
    """(offices, problems) from root/sandbox/offices.yaml."""
    name = "sandbox/offices.yaml"
    entries, problems = read_list(root, name, "offices")
    offices, seen = [], set()
    for entry in entries:
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or any(entry.get(f) in (None, "") for f in FIELDS):
            problems.append(Problem(name, line, f"an office needs {', '.join(FIELDS)}"))
            continue
        if not SLUG.match(str(entry["code"])) or entry["code"] in seen:
            problems.append(Problem(name, line, f"office code '{entry['code']}' must be a unique slug"))
        if entry["kind"] not in KINDS:
            problems.append(Problem(name, line, f"office kind must be one of {', '.join(KINDS)}"))
        if not isinstance(entry["slot_quota"], int) or entry["slot_quota"] < 1:
            problems.append(Problem(name, line, "slot_quota must be a whole number from 1"))
        seen.add(entry["code"])
        offices.append(OfficeData(**{f: entry[f] for f in FIELDS}))
    return offices, problems
