"""The sandbox's immigration offices, read from sandbox/offices.yaml, and the app's office
search: nearest to the applicant's location ("Pakai Lokasi Saya Saat Ini") or by typed place."""
import math
import unicodedata
from dataclasses import dataclass

from app.domain.content_files import read_list
from app.domain.content_types import SLUG, Problem

KINDS = ("Kanim", "ULP", "UKK", "MPP")
FIELDS = ("code", "name", "kind", "city", "province", "slot_quota", "lat", "lon")


@dataclass(frozen=True)
class OfficeData:
    code: str
    name: str
    kind: str
    city: str
    province: str
    slot_quota: int
    lat: float
    lon: float


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
        if not all(isinstance(entry[f], (int, float)) for f in ("lat", "lon")) \
                or not (-11 <= entry["lat"] <= 6 and 94 <= entry["lon"] <= 142):
            problems.append(Problem(name, line, "lat and lon must be a place in Indonesia, in degrees"))
        seen.add(entry["code"])
        offices.append(OfficeData(**{f: entry[f] for f in FIELDS}))
    return offices, problems


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _plain(text):
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().casefold()


def search(offices, here, query="", limit=8):
    """[(office, km)] nearest first. here: (lat, lon) of the applicant; query: words typed in the
    search box, each of which must appear in the office's name, kind, city or province."""
    words = _plain(query).split()
    found = [office for office in offices
             if all(word in _plain(f"{office.name} {office.kind} {office.city} {office.province}")
                    for word in words)]
    ranked = sorted(((office, distance_km(*here, office.lat, office.lon)) for office in found),
                    key=lambda pair: (pair[1], pair[0].name))
    return ranked[:limit]
