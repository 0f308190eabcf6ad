"""Rules that keep a test from giving its answers away, and its two forms parallel.

The cues an item-writing review found in the first test: the key as the one longest option,
an item id that names its key, one item's key offered as another's distractor; and two forms
must cover the modules alike and be about as hard.
"""
import re
from collections import Counter

from app.domain.content_types import LANGUAGES, Problem

BASE = LANGUAGES[0]
LONGEST_KEY_SHARE = 1 / 3  # a form may have the key as the single longest option in at most a third
WORD = re.compile(r"[a-z0-9]+")


def _words(text):
    return WORD.findall(text.lower())


def _key_is_longest(item):
    lengths = {key: len(texts[BASE]) for key, texts in item.options.items()}
    longest = max(lengths.values())
    return lengths[item.answer] == longest and list(lengths.values()).count(longest) == 1


def longest_key(items, path):
    """Per form: the key is the single longest option in more than a third of its items."""
    problems = []
    forms = sorted({item.form for item in items if item.form}) or [None]  # no forms: the test is one
    for form in forms:
        in_form = [item for item in items if item.form == form]
        cued = [item for item in in_form if _key_is_longest(item)]
        if len(cued) > LONGEST_KEY_SHARE * len(in_form):
            problems.append(Problem(path, cued[0].line, (
                f"{'form ' + form if form else 'the test'}: the key is the single longest option in {len(cued)} of {len(in_form)} "
                f"items (at most a third): lines {', '.join(str(i.line) for i in cued)}")))
    return problems


def id_names_key(items, path):
    """An item id whose last two words stand together in its key and in no distractor."""
    problems = []
    for item in items:
        tail = " ".join(item.id.split("-")[-2:])
        key_text = " ".join(_words(" ".join(item.options[item.answer].values())))
        others = [" ".join(_words(" ".join(texts.values())))
                  for key, texts in item.options.items() if key != item.answer]
        if tail in key_text and not any(tail in other for other in others):
            problems.append(Problem(path, item.line, f"item '{item.id}': its id names its correct option"))
    return problems


def key_as_distractor(items, path):
    """The same text as one item's key and another item's distractor: they answer each other."""
    keys = {}
    for item in items:
        for lang, text in item.options[item.answer].items():
            keys.setdefault((lang, " ".join(_words(text))), item)
    problems = []
    for item in items:
        for option, texts in item.options.items():
            if option == item.answer:
                continue
            for lang, text in texts.items():
                owner = keys.get((lang, " ".join(_words(text))))
                if owner is not None and owner is not item:
                    problems.append(Problem(path, item.line, (
                        f"item '{item.id}': option {option} is the key of item '{owner.id}' "
                        f"(line {owner.line})")))
                    break
    return problems


def forms_parallel(items, path, modules):
    """Two forms, of about the same size, covering each module alike, about as hard."""
    forms = sorted({item.form for item in items if item.form})
    if not forms:
        return []
    if forms != ["a", "b"]:
        return [Problem(path, None, f"the test has form(s) {', '.join(forms)}: it needs forms a and b")]
    by_form = {form: [item for item in items if item.form == form] for form in forms}
    problems = []
    a, b = by_form["a"], by_form["b"]
    if abs(len(a) - len(b)) > 1:
        problems.append(Problem(path, None, f"form a has {len(a)} items and form b {len(b)}: "
                                "they should differ by at most one"))
    per_module = {form: Counter(item.module for item in chosen) for form, chosen in by_form.items()}
    for module in modules:
        if abs(per_module["a"][module] - per_module["b"][module]) > 1 or not (
                per_module["a"][module] and per_module["b"][module]):
            problems.append(Problem(path, None, (
                f"module '{module}': {per_module['a'][module]} items in form a, "
                f"{per_module['b'][module]} in form b (each form needs it, within one item)")))
    weights = {"easy": 1, "medium": 2, "hard": 3}
    level = {form: sum(weights.get(item.difficulty, 2) for item in chosen) / len(chosen)
             for form, chosen in by_form.items()}
    if abs(level["a"] - level["b"]) > 0.25:
        problems.append(Problem(path, None, (
            f"form a's expected difficulty is {level['a']:.2f} and form b's {level['b']:.2f} "
            "(easy 1, medium 2, hard 3): balance them within 0.25")))
    return problems
