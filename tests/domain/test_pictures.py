"""Lesson pictures: one per language where captions differ, each a link that opens it large."""
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.domain.content_check import check_all, shared_name
from app.domain.markdown import render

GOOD = Path(__file__).parent.parent / "fixtures" / "good"
SHIPPED = Path(__file__).parent.parent.parent / "static" / "courses"
EN_PAGE = "courses/demo/01-satu.en.md"


@pytest.fixture
def course_copy(tmp_path):
    shutil.copytree(GOOD, tmp_path / "c")
    return tmp_path / "c"


def with_picture(root, page, name, make_file=True):
    """Point the first step's picture of one page at `name`; return the checker's problems."""
    if make_file:
        shutil.copy(root / "static/courses/demo/layar.svg", root / "static/courses/demo" / name)
    file = root / page
    file.write_text(file.read_text(encoding="utf-8").replace("(layar.svg)", f"({name})", 1), encoding="utf-8")
    return [str(p) for p in check_all(root)[1]]


@pytest.mark.parametrize("name, shared", [
    ("05-kuota.en.svg", "05-kuota.svg"),
    ("05-kuota.id.svg", "05-kuota.svg"),
    ("05-kuota.svg", "05-kuota.svg"),
    ("05-kuota.fr.svg", "05-kuota.fr.svg"),  # not one of the course's languages
    ("peta.v2.svg", "peta.v2.svg"),
])
def test_a_language_version_names_the_same_picture_as_the_shared_file(name, shared):
    assert shared_name(name) == shared


def test_an_english_page_may_show_the_english_version_of_the_indonesian_picture(course_copy):
    assert with_picture(course_copy, EN_PAGE, "layar.en.svg") == []


def test_an_english_version_that_is_not_on_disk_is_reported(course_copy):
    problems = with_picture(course_copy, EN_PAGE, "layar.en.svg", make_file=False)
    assert f"{EN_PAGE}:18: image 'layar.en.svg' not found" in problems


def test_an_english_page_showing_the_shared_picture_is_told_its_english_version_exists(course_copy):
    shutil.copy(course_copy / "static/courses/demo/layar.svg", course_copy / "static/courses/demo/layar.en.svg")
    problems = [str(p) for p in check_all(course_copy)[1]]
    assert (f"{EN_PAGE}:14: step 'First step' shows 'layar.svg', but its 'en' version exists: "
            "show 'layar.en.svg'") in problems


def test_the_english_version_on_an_indonesian_page_is_reported(course_copy):
    problems = with_picture(course_copy, "courses/demo/01-satu.id.md", "layar.en.svg")
    assert ("courses/demo/01-satu.id.md:14: step 'Langkah pertama' shows 'layar.en.svg', "
            "the 'en' version, on the 'id' page") in problems


def test_every_picture_becomes_a_link_to_itself_but_a_linked_picture_keeps_its_link():
    html, images, problems = render("![Layar](a.svg) [![Peta](b.svg)](https://imigrasi.go.id/)",
                                    lambda name: f"/static/courses/demo/{name}")
    assert '<a href="/static/courses/demo/a.svg" rel="noopener noreferrer"><img src="/static/courses/demo/a.svg" alt="Layar"></a>' in html
    assert '<a href="https://imigrasi.go.id/" rel="noopener noreferrer"><img src="/static/courses/demo/b.svg"' in html
    assert html.count("<a ") == 2 and images == ["a.svg", "b.svg"] and problems == []


def test_every_shipped_picture_has_a_natural_size_legible_text_and_nothing_from_outside():
    """Without width and height a picture shrinks to the browser's default; text under 14 px
    is under 11 px once the lesson fits the picture to a phone's screen."""
    problems = []
    for path in sorted(SHIPPED.rglob("*.svg")):
        svg, text = ElementTree.parse(path).getroot(), path.read_text(encoding="utf-8")
        sizes = [float(e.get("font-size")) for e in svg.iter() if e.get("font-size")]
        if not (svg.get("width") and svg.get("height")):
            problems.append(f"{path.name}: no width and height")
        if sizes and min(sizes) < 14:
            problems.append(f"{path.name}: text of {min(sizes):g} px")
        if re.search(r"href|@import|url\((?!#)", text) or path.stat().st_size > 8 * 1024:
            problems.append(f"{path.name}: links out or is over 8 KB")
    assert problems == []
