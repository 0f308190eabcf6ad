"""The content loader and checker, on a good fixture course and on broken copies of it."""
import shutil
from pathlib import Path

import pytest

from app.domain.content import load_course
from app.domain.content_check import check_all, check_course, summary

GOOD = Path(__file__).parent.parent / "fixtures" / "good"
ROOT = Path(__file__).parent.parent.parent


@pytest.fixture
def course_copy(tmp_path):
    shutil.copytree(GOOD, tmp_path / "c")
    return tmp_path / "c"


def problems_after(root, path, old, new):
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, problems = check_all(root)
    return [str(p) for p in problems]


def test_the_good_fixture_has_no_problems_and_is_summarised():
    courses, problems = check_all(GOOD)
    assert problems == []
    assert summary(courses) == "ok: 1 courses, 2 modules, 4 items, languages: id, en"


def test_the_shipped_course_passes_the_checker_with_nine_modules_and_two_forms_of_sixteen():
    courses, problems = check_all(ROOT)
    assert [str(p) for p in problems] == []
    course = courses[0]
    assert len(course.modules) >= 9 and len(course.test_items) >= 40
    assert course.forms == ("a", "b") and [len(course.form_items(f)) for f in "ab"] == [16, 16]


def test_steps_are_split_on_level_two_headings_and_rendered_safely():
    course = load_course(GOOD, "demo")
    steps = course.module("satu").text("en").steps
    assert [s.title for s in steps] == ["First step", "Second step"]
    assert '<img src="/static/courses/demo/layar.svg" alt="The sign-in screen">' in steps[0].html
    assert "<strong>Masuk</strong>" in steps[0].html


def test_raw_html_in_markdown_is_never_rendered(course_copy):
    path = course_copy / "courses/demo/02-dua.en.md"
    path.write_text(path.read_text() + "\n<script>alert(1)</script>\n[x](javascript:alert(1))\n")
    html = load_course(course_copy, "demo").module("dua").text("en").steps[0].html
    assert "<script" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;" in html  # shown as text, harmless


@pytest.mark.parametrize("path, old, new, expected", [
    ("quizzes/demo/test.yaml", "id: t-satu-2", "id: t-satu-1",
     "quizzes/demo/test.yaml:21: item id 't-satu-1' is used twice"),
    ("quizzes/demo/test.yaml", "answer: b", "answer: [a, b]",
     "quizzes/demo/test.yaml:23: item 't-satu-2': 'answer' must name exactly one of its options"),
    ("quizzes/demo/test.yaml", "answer: b", "answer: e",
     "quizzes/demo/test.yaml:23: item 't-satu-2': 'answer' must name exactly one"),
    ("quizzes/demo/test.yaml", "    en: Question t satu 2?\n", "",
     "quizzes/demo/test.yaml:24: item 't-satu-2' stem: missing the 'en' text"),
    ("quizzes/demo/test.yaml", "module: dua", "module: tiga",
     "item 't-dua-3' tests module 'tiga', which does not exist"),
    ("quizzes/demo/test.yaml", "module: dua", "module: satu",
     "module 'dua' is tested by 1 items of test.yaml; needs at least 2"),
    ("quizzes/demo/checks.yaml", "module: dua", "module: satu",
     "module 'dua' has no 'check yourself' item"),
    ("courses/demo/01-satu.en.md", "(layar.svg)", "(hilang.svg)",
     "courses/demo/01-satu.en.md:18: image 'hilang.svg' not found"),
    ("courses/demo/01-satu.en.md", "## Second step\n", "",
     "courses/demo/01-satu.en.md: 1 steps but 2 in courses/demo/01-satu.id.md"),
    ("courses/demo/01-satu.en.md", "minutes: 3", "minutes: 5",
     "courses/demo/01-satu.en.md:5: front matter 'minutes' is 5 but 3"),
    ("courses/demo/01-satu.en.md", "facts_checked: 2026-11-22\n", "",
     "courses/demo/01-satu.en.md:2: front matter: 'facts_checked' is missing"),
    ("courses/demo/01-satu.id.md", "order: 1", "order: 2",
     "module order 2 is used by 2 modules"),
    ("courses/demo/02-dua.en.md", "title: Creating an account", "title: [broken",
     "courses/demo/02-dua.en.md:5: invalid YAML"),
    ("courses/demo/02-dua.en.md", "\n## First step", "Loose text.\n## First step",
     "courses/demo/02-dua.en.md:13: text before the first step heading"),
])
def test_each_broken_fixture_is_reported_with_file_line_and_reason(course_copy, path, old, new, expected):
    problems = problems_after(course_copy, path, old, new)
    assert any(expected in p for p in problems), problems


def test_a_missing_language_file_is_reported(course_copy):
    (course_copy / "courses/demo/02-dua.en.md").unlink()
    _, problems = check_all(course_copy)
    assert "courses/demo/02-dua.en.md: file is missing: module '02-dua' has no 'en' version" in [
        str(p) for p in problems]


def test_a_different_image_in_one_language_is_reported(course_copy):
    shutil.copy(course_copy / "static/courses/demo/layar.svg", course_copy / "static/courses/demo/lain.svg")
    problems = problems_after(course_copy, "courses/demo/01-satu.en.md", "(layar.svg)", "(lain.svg)")
    assert any("step 1 shows images ['lain.svg'] but ['layar.svg']" in p for p in problems), problems


def test_the_content_hash_changes_when_an_item_changes(course_copy):
    before = load_course(course_copy, "demo").content_hash
    problems_after(course_copy, "quizzes/demo/test.yaml", "Penjelasan 1.", "Penjelasan baru.")
    assert load_course(course_copy, "demo").content_hash != before
    assert check_course(load_course(course_copy, "demo")) == []


def test_the_office_search_lists_the_nearest_first_and_matches_typed_places():
    from app.domain.offices import OfficeData, distance_km, search
    offices = [OfficeData("denpasar", "Kantor Imigrasi Kelas I TPI Denpasar", "Kanim", "Denpasar", "Bali", 10, -8.67, 115.23),
               OfficeData("mpp", "MPP Graha Sewaka Dharma", "MPP", "Denpasar", "Bali", 3, -8.65, 115.22),
               OfficeData("miko", "ULP Miko Mall", "ULP", "Bandung", "Jawa Barat", 5, -6.96, 107.59)]
    assert 820 < distance_km(-8.67, 115.23, -6.96, 107.59) < 900  # Denpasar to Bandung, about 860 km
    near = search(offices, (-8.64, 115.21))
    assert [o.code for o, _ in near] == ["mpp", "denpasar", "miko"] and near[0][1] < 2
    assert [o.code for o, _ in search(offices, (-8.64, 115.21), "bandung")] == ["miko"]
    assert [o.code for o, _ in search(offices, (-8.64, 115.21), "ulp jawa")] == ["miko"]
    assert search(offices, (-8.64, 115.21), "papua") == []

