"""Reading content files: YAML that remembers its lines, and texts every language must have.
Each problem found is collected, not raised, so an author sees them all at once."""
from pathlib import Path

from app.domain import yamlfile
from app.domain.content_types import LANGUAGES, Problem


def read_list(root, relpath, key):
    """The list under `key` in the YAML file root/relpath, as (entries, problems)."""
    problems = []
    data = load_yaml_file(Path(root, relpath), lambda p: relpath, problems)
    if data is None:
        return [], problems
    entries = data.get(key)
    if not isinstance(entries, list):
        return [], [Problem(relpath, data.line_of(key), f"'{key}' must be a list")]
    return entries, []


def load_yaml_file(path, rel, problems, first_line=1, text=None):
    if text is None:
        if not path.is_file():
            problems.append(Problem(rel(path), None, "file is missing"))
            return None
        text = path.read_text(encoding="utf-8")
    try:
        data = yamlfile.load(text, first_line)
    except yamlfile.YamlError as exc:
        problems.append(Problem(rel(path), exc.line, str(exc)))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(rel(path), first_line, "expected a YAML mapping"))
        return None
    return data


def require_languages(value, path, line, what, problems):
    if not isinstance(value, dict):
        problems.append(Problem(path, line, f"{what}: needs a text for each language"))
        return
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            problems.append(Problem(path, line, f"{what}: missing the '{lang}' text"))
    for lang in set(value) - set(LANGUAGES):
        problems.append(Problem(path, line, f"{what}: unknown language '{lang}'"))
