"""What a course is made of, as plain values: modules, items, the course, and the problems an
author is shown. Shared by the loaders (content, itembank) and the checks that read them."""
import re
from dataclasses import asdict, dataclass, field

LANGUAGES = ("id", "en")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OPTION_KEYS = "abcde"


@dataclass
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class ModuleText:
    """One language's file of a module."""
    lang: str
    path: str
    title: str
    objectives: list
    sources: list
    steps: list
    meta: dict = field(repr=False, default_factory=dict)


@dataclass
class Module:
    id: str
    order: int
    minutes: int
    facts_checked: str
    stem: str
    texts: dict  # lang -> ModuleText

    def text(self, lang):
        return self.texts.get(lang) or self.texts[LANGUAGES[0]]


@dataclass
class Item:
    id: str
    module: str
    kind: str
    answer: str
    stem: dict
    options: dict  # key -> {lang: text}
    explanation: dict
    bank: str = "test"
    line: int = 0
    form: str | None = None  # "a" or "b" of the test's two parallel forms; None: the reserve
    difficulty: str | None = None  # the author's expectation before training: easy, medium, hard
    image: str | None = None  # a screen picture under static/, e.g. courses/mpaspor/05-kuota.svg
    alt: dict | None = None  # what the picture shows, per language


@dataclass
class Course:
    id: str
    title: dict
    description: dict
    modules: list
    test_items: list
    check_items: list
    content_hash: str
    problems: list = field(default_factory=list)

    def module(self, module_id):
        return next((m for m in self.modules if m.id == module_id), None)

    @property
    def forms(self):
        """The test's parallel forms ('a', 'b'), or () when its items have none."""
        return tuple(sorted({item.form for item in self.test_items if item.form}))

    def form_items(self, form):
        """The items of one form; every test item when the course has no forms."""
        if not self.forms:
            return list(self.test_items)
        return [item for item in self.test_items if item.form == form]

    def checks_for(self, module_id):
        return [item for item in self.check_items if item.module == module_id]

    def item_snapshot(self):
        """The item banks as plain data: what a stored result needs to keep its meaning."""
        return {item.id: asdict(item) for item in self.test_items + self.check_items}
