"""Checks across a course's files: languages aligned, ids unique, every module tested."""
import re
from collections import Counter
from pathlib import Path

from app.domain import item_rules
from app.domain.content import discover, load_course
from app.domain.content_types import LANGUAGES, Problem

MIN_TEST_ITEMS_PER_MODULE = 2
MIN_CHECK_ITEMS_PER_MODULE = 1
# NAME.en.svg is the English version of NAME.svg: the same picture with English captions.
LANGUAGE_VERSION = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})(?P<ext>\.[a-z]+)$")


def check_course(course, root=None):
    """All problems of a loaded course: those met while loading plus the cross-file ones."""
    problems = list(course.problems)
    problems += _module_alignment(course)
    problems += _unique_modules(course)
    problems += _item_references(course)
    problems += _picture_languages(course, root)
    problems += _test_design(course, root)
    return problems


def _test_design(course, root):
    """No cues in the test, its two forms parallel, and every screen picture on disk."""
    path = f"quizzes/{course.id}/test.yaml"
    items = course.test_items
    problems = (item_rules.longest_key(items, path) + item_rules.id_names_key(items, path)
                + item_rules.key_as_distractor(items, path)
                + item_rules.forms_parallel(items, path, [m.id for m in course.modules]))
    if root is not None:
        for item in items:
            if item.image and not Path(root, "static", item.image).is_file():
                problems.append(Problem(path, item.line, f"item '{item.id}': image static/{item.image} is missing"))
    return problems


def _module_alignment(course):
    problems = []
    for module in course.modules:
        base = module.texts.get(LANGUAGES[0])
        if not base:
            continue
        for lang, text in module.texts.items():
            if lang == base.lang:
                continue
            for key in ("id", "order", "minutes", "facts_checked"):
                if text.meta.get(key) != base.meta.get(key):
                    problems.append(Problem(text.path, text.meta.line_of(key),
                                            f"front matter '{key}' is {text.meta.get(key)!r} "
                                            f"but {base.meta.get(key)!r} in {base.path}"))
            for key in ("objectives", "sources"):
                if len(getattr(text, key)) != len(getattr(base, key)):
                    problems.append(Problem(text.path, text.meta.line_of(key),
                                            f"{len(getattr(text, key))} {key} but "
                                            f"{len(getattr(base, key))} in {base.path}"))
            if len(text.steps) != len(base.steps):
                problems.append(Problem(text.path, None, f"{len(text.steps)} steps but "
                                        f"{len(base.steps)} in {base.path}"))
                continue
            for number, (step, base_step) in enumerate(zip(text.steps, base.steps), start=1):
                if [shared_name(n) for n in step.images] != [shared_name(n) for n in base_step.images]:
                    problems.append(Problem(text.path, step.line,
                                            f"step {number} shows images {step.images} but "
                                            f"{base_step.images} in {base.path}"))
    return problems


def shared_name(name):
    """The picture a file shows in any language: '05-kuota.en.svg' -> '05-kuota.svg'."""
    match = LANGUAGE_VERSION.match(name)
    return match["stem"] + match["ext"] if match and match["lang"] in LANGUAGES else name


def _picture_languages(course, root):
    """A page shows its own language's version of a picture, and that version when one exists."""
    problems = []
    for module in course.modules:
        for lang, text in module.texts.items():
            for step in text.steps:
                for name in step.images:
                    match = LANGUAGE_VERSION.match(name)
                    if match and match["lang"] in LANGUAGES and match["lang"] != lang:
                        problems.append(Problem(text.path, step.line, f"step '{step.title}' shows "
                                                f"'{name}', the '{match['lang']}' version, on the '{lang}' page"))
                    own = Path(name).stem + f".{lang}" + Path(name).suffix
                    if (root is not None and shared_name(name) == name
                            and Path(root, "static", "courses", course.id, own).is_file()):
                        problems.append(Problem(text.path, step.line, f"step '{step.title}' shows "
                                                f"'{name}', but its '{lang}' version exists: show '{own}'"))
    return problems


def _unique_modules(course):
    problems = []
    for key, label in (("id", "id"), ("order", "order")):
        counts = Counter(getattr(m, key) for m in course.modules)
        for module in course.modules:
            if counts[getattr(module, key)] > 1:
                text = module.text(LANGUAGES[0])
                problems.append(Problem(text.path, text.meta.line_of(key),
                                        f"module {label} {getattr(module, key)!r} is used by "
                                        f"{counts[getattr(module, key)]} modules"))
    return problems


def _item_references(course):
    problems = []
    module_ids = {m.id for m in course.modules}
    quiz_path = f"quizzes/{course.id}"
    seen = {}
    for item in course.test_items + course.check_items:
        path = f"{quiz_path}/{item.bank}.yaml"
        if item.id in seen:
            problems.append(Problem(path, item.line, f"item id '{item.id}' is used twice "
                                    f"(also {seen[item.id]})"))
        seen.setdefault(item.id, f"{path}:{item.line}")
        if item.module not in module_ids:
            problems.append(Problem(path, item.line,
                                    f"item '{item.id}' tests module '{item.module}', "
                                    f"which does not exist"))
        if item.kind != "single":
            problems.append(Problem(path, item.line,
                                    f"item '{item.id}': unknown kind '{item.kind}'"))
    tested = Counter(item.module for item in course.test_items)
    checked = Counter(item.module for item in course.check_items)
    for module in course.modules:
        path = module.text(LANGUAGES[0]).path
        if tested[module.id] < MIN_TEST_ITEMS_PER_MODULE:
            problems.append(Problem(path, None, f"module '{module.id}' is tested by "
                                    f"{tested[module.id]} items of test.yaml; needs at least "
                                    f"{MIN_TEST_ITEMS_PER_MODULE}"))
        if checked[module.id] < MIN_CHECK_ITEMS_PER_MODULE:
            problems.append(Problem(path, None, f"module '{module.id}' has no "
                                    "'check yourself' item in checks.yaml"))
    return problems


def check_all(root):
    """Check every course under root. Returns (courses, problems)."""
    courses, problems = [], []
    course_ids = discover(root)
    if not course_ids:
        problems.append(Problem("courses", None, "no course found (no courses/*/course.yaml)"))
    for course_id in course_ids:
        course = load_course(root, course_id)
        courses.append(course)
        problems += check_course(course, root)
    return courses, problems


def summary(courses):
    """The checker's last line on success."""
    modules = sum(len(c.modules) for c in courses)
    items = sum(len(c.test_items) for c in courses)
    return (f"ok: {len(courses)} courses, {modules} modules, {items} items, "
            f"languages: {', '.join(LANGUAGES)}")
