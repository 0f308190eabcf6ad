"""Item banks (quizzes/<course>/test.yaml and checks.yaml): items with every language checked."""
from app.domain.content_files import load_yaml_file, require_languages
from app.domain.content_types import OPTION_KEYS, SLUG, Item, Problem

FORMS = ("a", "b")
DIFFICULTIES = ("easy", "medium", "hard")


def load_items(path, bank, rel, problems):
    data = load_yaml_file(path, rel, problems)
    if data is None:
        return []
    raw = data.get("items")
    if not isinstance(raw, list):
        problems.append(Problem(rel(path), data.line_of("items"), "'items' must be a list"))
        return []
    items = []
    for entry in raw:
        item = _load_item(entry, bank, rel(path), problems)
        if item:
            items.append(item)
    return items


def _load_item(entry, bank, path, problems):
    if not isinstance(entry, dict):
        problems.append(Problem(path, None, "an item must be a mapping"))
        return None
    line = entry.line
    label = f"item '{entry.get('id', '?')}'"
    count = len(problems)
    for key in ("id", "module", "answer", "stem", "options", "explanation"):
        if key not in entry:
            problems.append(Problem(path, line, f"{label}: '{key}' is missing"))
    if len(problems) > count:
        return None
    if not isinstance(entry["id"], str) or not SLUG.match(entry["id"]):
        problems.append(Problem(path, entry.line_of("id"), f"{label}: id must be a lowercase slug"))
    kind = entry.get("kind", "single")
    options = entry["options"]
    if not isinstance(options, dict) or not 2 <= len(options) <= len(OPTION_KEYS):
        problems.append(Problem(path, entry.line_of("options"),
                                f"{label}: needs 2 to {len(OPTION_KEYS)} options"))
        return None
    for key, text in options.items():
        if key not in OPTION_KEYS:
            problems.append(Problem(path, options.line_of(key),
                                    f"{label}: option key '{key}' must be one of a–e"))
        require_languages(text, path, options.line_of(key), f"{label} option {key}", problems)
    answer = entry["answer"]
    if isinstance(answer, list) or answer not in options:
        problems.append(Problem(path, entry.line_of("answer"),
                                f"{label}: 'answer' must name exactly one of its options "
                                f"({', '.join(options)})"))
    for key in ("stem", "explanation"):
        require_languages(entry[key], path, entry.line_of(key), f"{label} {key}", problems)
    for key, allowed in (("form", FORMS), ("difficulty", DIFFICULTIES)):
        if entry.get(key) is not None and entry[key] not in allowed:
            problems.append(Problem(path, entry.line_of(key),
                                    f"{label}: '{key}' must be one of {', '.join(allowed)}"))
    if entry.get("image") is not None:
        if not isinstance(entry["image"], str) or ".." in entry["image"]:
            problems.append(Problem(path, entry.line_of("image"), f"{label}: 'image' must be a path under static/"))
        require_languages(entry.get("alt"), path, entry.line_of("alt") or line, f"{label} alt", problems)
    if len(problems) > count:
        return None
    return Item(id=entry["id"], module=entry["module"], kind=kind, answer=answer,
                stem=dict(entry["stem"]), options={k: dict(v) for k, v in options.items()},
                explanation=dict(entry["explanation"]), bank=bank, line=line,
                form=entry.get("form"), difficulty=entry.get("difficulty"), image=entry.get("image"),
                alt=dict(entry["alt"]) if entry.get("alt") else None)
