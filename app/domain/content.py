"""Load a course from its files: Markdown modules in courses/, YAML item banks in quizzes/.

Loading collects every problem it meets instead of stopping at the first, so an author
sees them all at once; content_check adds the checks that look across files.
"""
import hashlib
import re
from datetime import date
from pathlib import Path

from app.domain.content_files import load_yaml_file, require_languages
from app.domain.content_types import LANGUAGES, SLUG, Course, Module, ModuleText, Problem
from app.domain.itembank import load_items
from app.domain.markdown import split_steps

MODULE_FILE = re.compile(r"^(?P<stem>\d{2}-[a-z0-9-]+)\.(?P<lang>[a-z]{2})\.md$")
FRONT_MATTER_KEYS = ("id", "order", "title", "minutes", "objectives", "facts_checked", "sources")


def discover(root):
    """Course ids under root/courses (every folder holding a course.yaml)."""
    return sorted(p.parent.name for p in Path(root, "courses").glob("*/course.yaml"))


def load_course(root, course_id, static_url="/static"):
    root = Path(root)
    course_dir, quiz_dir = root / "courses" / course_id, root / "quizzes" / course_id
    problems = []

    def rel(path):
        return str(Path(path).relative_to(root))

    meta = load_yaml_file(course_dir / "course.yaml", rel, problems) or {}
    for key in ("title", "description"):
        require_languages(meta.get(key), rel(course_dir / "course.yaml"),
                           meta.line_of(key) if meta else None, key, problems)
    image_dir = root / "static" / "courses" / course_id

    def image_url(name):
        if "/" in name or not (image_dir / name).is_file():
            return None
        return f"{static_url}/courses/{course_id}/{name}"

    modules = _load_modules(course_dir, rel, image_url, problems)
    test_items = load_items(quiz_dir / "test.yaml", "test", rel, problems)
    check_items = load_items(quiz_dir / "checks.yaml", "checks", rel, problems)
    return Course(id=course_id, title=dict(meta.get("title") or {}),
                  description=dict(meta.get("description") or {}), modules=modules,
                  test_items=test_items, check_items=check_items,
                  content_hash=content_hash(course_dir, quiz_dir), problems=problems)


def content_hash(*folders):
    """SHA-256 over every content file's path and bytes: the version a result was taken on."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            digest.update(f"{folder.name}/{path.relative_to(folder)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _load_modules(course_dir, rel, image_url, problems):
    by_stem = {}
    for path in sorted(course_dir.glob("*.md")):
        match = MODULE_FILE.match(path.name)
        if not match or match["lang"] not in LANGUAGES:
            problems.append(Problem(rel(path), None,
                                    "file name must be NN-slug.LANG.md with LANG one of "
                                    + ", ".join(LANGUAGES)))
            continue
        text = _load_module_text(path, match["lang"], rel, image_url, problems)
        if text:
            by_stem.setdefault(match["stem"], {})[match["lang"]] = text
    modules = []
    for stem, texts in sorted(by_stem.items()):
        for lang in LANGUAGES:
            if lang not in texts:
                problems.append(Problem(rel(course_dir / f"{stem}.{lang}.md"), None,
                                        f"file is missing: module '{stem}' has no '{lang}' version"))
        base = texts.get(LANGUAGES[0]) or next(iter(texts.values()))
        modules.append(Module(id=base.meta["id"], order=base.meta["order"],
                              minutes=base.meta["minutes"], facts_checked=base.meta["facts_checked"],
                              stem=stem, texts=texts))
    return sorted(modules, key=lambda m: (m.order, m.stem))


def _load_module_text(path, lang, rel, image_url, problems):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in [l.strip() for l in lines[1:]]:
        problems.append(Problem(rel(path), 1, "front matter missing: the file must start with '---'"))
        return None
    close = 1 + [l.strip() for l in lines[1:]].index("---")
    meta = load_yaml_file(path, rel, problems, first_line=2, text="\n".join(lines[1:close]))
    if meta is None:
        return None
    before = len(problems)
    _check_front_matter(meta, rel(path), problems)
    if len(problems) > before:
        return None
    body = split_steps("\n".join(lines[close + 1:]), image_url)
    problems += [Problem(rel(path), close + 1 + line, msg) for line, msg in body.problems]
    for step in body.steps:
        step.line += close + 1
    meta["facts_checked"] = str(meta["facts_checked"])
    return ModuleText(lang=lang, path=rel(path), title=meta["title"],
                      objectives=list(meta["objectives"]), sources=list(meta["sources"]),
                      steps=body.steps, meta=meta)


def _check_front_matter(meta, path, problems):
    def bad(key, message):
        problems.append(Problem(path, meta.line_of(key), f"front matter '{key}': {message}"))

    missing = [key for key in FRONT_MATTER_KEYS if meta.get(key) in (None, "", [])]
    for key in missing:
        problems.append(Problem(path, meta.line or 2, f"front matter: '{key}' is missing"))
    if missing:
        return
    if not isinstance(meta["id"], str) or not SLUG.match(meta["id"]):
        bad("id", "must be a lowercase slug like 'membuat-akun'")
    if not isinstance(meta["order"], int) or meta["order"] < 1:
        bad("order", "must be a whole number from 1")
    if not isinstance(meta["minutes"], int) or meta["minutes"] < 1:
        bad("minutes", "must be a whole number of minutes")
    if not isinstance(meta["title"], str):
        bad("title", "must be text")
    if not isinstance(meta["objectives"], list) or not all(isinstance(o, str) for o in meta["objectives"]):
        bad("objectives", "must be a list of sentences")
    if not isinstance(meta["facts_checked"], date):
        bad("facts_checked", "must be a date like 2026-11-22")
    sources = meta["sources"]
    if not isinstance(sources, list) or not all(
            isinstance(s, dict) and s.get("title") and str(s.get("url", "")).startswith("http")
            for s in sources):
        bad("sources", "must be a list of entries with a title and an http(s) url")
