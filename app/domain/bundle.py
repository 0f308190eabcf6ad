"""The session bundle: one small gzip'd JSON file a laptop sends to the programme's server.

Versioned, with a SHA-256 checksum over its canonical JSON, and checked whole before anything
is written. Plain values in and out; nothing here touches a database.
"""
import gzip
import hashlib
import json
import zlib
from datetime import date, datetime

FORMAT, VERSION = "paspor-pintar-sesi", 1
LARGEST = 20 * 1024 * 1024  # unzipped bytes: a real bundle is a few hundred KB at most
KINDS, FORMS, MODES = ("pre", "post"), ("a", "b", None), ("online", "paper")


class BundleError(ValueError):
    """What is wrong with a bundle, in one line naming where; `kind` lets a page say it in words:
    damaged, foreign, altered, version, own (made on this installation) or invalid."""

    def __init__(self, message, kind="invalid"):
        super().__init__(message)
        self.kind = kind


def canonical(value):
    """The bytes the checksum covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def checksum(doc):
    return hashlib.sha256(canonical({k: v for k, v in doc.items() if k != "checksum"})).hexdigest()


def document(laptop_id, created_at, sessions, contents, pseudonymised):
    """A bundle of `sessions` (plain dicts) with the item banks (`contents`) their attempts use."""
    doc = {"format": FORMAT, "version": VERSION, "laptop_id": laptop_id,
           "created_at": created_at.isoformat(), "pseudonymised": pseudonymised,
           "contents": contents, "sessions": sessions}
    return {**doc, "checksum": checksum(doc)}


def pack(doc):
    """The file's bytes; mtime 0 so the same bundle is the same file."""
    return gzip.compress(canonical(doc), mtime=0)


def unpack(data):
    """The document in a bundle file's bytes, or BundleError; checked whole by `read`."""
    try:
        stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
        text = stream.decompress(data, LARGEST + 1)
        if len(text) > LARGEST or not stream.eof:
            raise BundleError("the file is cut short or too large to be a session bundle", "damaged")
        return read(json.loads(text.decode("utf-8")))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BundleError("not a session bundle (not a gzip'd JSON file)", "damaged") from None


def read(doc):
    """The bundle, checked: format, version, checksum, then every field. Raises BundleError."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BundleError("not a Paspor Pintar session bundle", "foreign")
    if doc.get("version") != VERSION:
        raise BundleError(f"bundle format version {doc.get('version')!r} is not {VERSION}: "
                          "update Paspor Pintar on this server", "version")
    if doc.get("checksum") != checksum(doc):
        raise BundleError("the checksum does not match: the file was changed or damaged on the way", "altered")
    check = Checker()
    check.text(doc, "laptop_id", "bundle", 32)
    check.time(doc, "created_at", "bundle")
    check.kind(doc, "pseudonymised", bool, "bundle")
    contents = check.kind(doc, "contents", dict, "bundle") or {}
    for content_hash, content in contents.items():
        where = f"content {content_hash[:12]}"
        check.text(content, "course_id", where, 60)
        items = check.kind(content, "items", dict, where) or {}
        for item_id, item in items.items():
            if not isinstance(item, dict) or not isinstance(item.get("module"), str):
                check.fail(f"{where} item {item_id!r}: not an item with a module")
    sessions = check.kind(doc, "sessions", list, "bundle") or []
    if not sessions:
        check.fail("bundle: holds no session")
    for number, session in enumerate(sessions, start=1):
        check.session(session, f"session {number}", contents)
    if len({session["id"] for session in sessions}) != len(sessions):
        check.fail("bundle: the same session twice")
    return doc


class Checker:
    """Field checks that stop at the first problem with a message naming where it is."""

    def fail(self, message):
        raise BundleError(message)

    def kind(self, obj, key, expected, where, nullable=False):
        if not isinstance(obj, dict):
            self.fail(f"{where}: not an object")
        value = obj.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            self.fail(f"{where}: {key} is missing or not a {getattr(expected, '__name__', expected)}")
        return value

    def text(self, obj, key, where, longest, nullable=False):
        value = self.kind(obj, key, str, where, nullable)
        if value is not None and (len(value) > longest or (not value.strip() and not nullable)):
            self.fail(f"{where}: {key} is empty or longer than {longest} characters")
        return value

    def time(self, obj, key, where, nullable=False, parse=datetime.fromisoformat):
        value = self.kind(obj, key, str, where, nullable)
        if value is not None:
            try:
                parse(value)
            except ValueError:
                self.fail(f"{where}: {key} {value!r} is not a date")
        return value

    def choice(self, obj, key, choices, where):
        if obj.get(key) not in choices:
            self.fail(f"{where}: {key} {obj.get(key)!r} is not one of {[c for c in choices if c]}")

    def session(self, session, where, contents):
        self.kind(session, "id", int, where)
        for key, longest in (("name", 120), ("place", 120), ("course_id", 60)):
            self.text(session, key, where, longest)
        self.time(session, "held_on", where, parse=date.fromisoformat)
        self.time(session, "closed_at", where, nullable=True)
        facilitator = self.kind(session, "facilitator", dict, where)
        self.kind(facilitator, "id", int, f"{where} facilitator")
        self.text(facilitator, "name", f"{where} facilitator", 80)
        codes = set()
        for number, person in enumerate(self.kind(session, "participants", list, where), start=1):
            here = f"{where} participant {number}"
            self.kind(person, "id", int, here)
            self.text(person, "name", here, 80)
            codes.add(self.text(person, "code", here, 8))
            self.kind(person, "helper", bool, here)
            self.choice(person, "first_form", FORMS, here)
            kinds = [self.attempt(attempt, f"{here} {kind_of(attempt)}", contents)
                     for attempt in self.kind(person, "attempts", list, here)]
            if len(kinds) != len(set(kinds)):
                self.fail(f"{here}: more than one attempt of the same kind")
            if person.get("practice") is not None:
                self.practice(person["practice"], f"{here} practice")
        if len(codes) != len(session["participants"]):
            self.fail(f"{where}: two participants share a personal code")

    def attempt(self, attempt, where, contents):
        self.choice(attempt, "kind", KINDS, where)
        self.choice(attempt, "form", FORMS, where)
        self.choice(attempt, "mode", MODES, where)
        content_hash = self.kind(attempt, "content_hash", str, where)
        if content_hash not in contents:
            self.fail(f"{where}: its content version {content_hash[:12]} is not in the bundle")
        bank = contents[content_hash]["items"]
        item_ids = self.kind(attempt, "item_ids", list, where)
        answers = self.kind(attempt, "answers", dict, where)
        for item_id in [*item_ids, *answers]:
            if item_id not in bank:
                self.fail(f"{where}: item {item_id!r} is not in its content version")
        for item_id, answer in answers.items():
            if (not isinstance(answer, list) or len(answer) != 2 or not isinstance(answer[0], str)
                    or len(answer[0]) > 10 or not isinstance(answer[1], bool)):
                self.fail(f"{where}: the answer to {item_id!r} is not [option, correct]")
        score, maximum = self.kind(attempt, "score", int, where), self.kind(attempt, "max_score", int, where)
        if not 0 <= score <= maximum:
            self.fail(f"{where}: score {score} is not between 0 and {maximum}")
        if score != sum(1 for _option, right in answers.values() if right):
            self.fail(f"{where}: score {score} is not the number of right answers")
        confidence = self.kind(attempt, "confidence", int, where, nullable=True)
        if confidence is not None and not 1 <= confidence <= 5:
            self.fail(f"{where}: confidence {confidence} is not 1 to 5")
        self.time(attempt, "submitted_at", where)
        return attempt["kind"]

    def practice(self, practice, where):
        self.time(practice, "started_at", where)
        self.time(practice, "completed_at", where, nullable=True)
        self.kind(practice, "problems_mode", bool, where)
        for key in ("seconds", "errors"):
            for name, value in self.kind(practice, key, dict, where).items():
                if not isinstance(value, int) or isinstance(value, bool) or value < 0 or len(name) > 80:
                    self.fail(f"{where}: {key} of {name!r} is not a count")


def kind_of(attempt):
    return {"pre": "pretest", "post": "posttest"}.get(attempt.get("kind"), "attempt") \
        if isinstance(attempt, dict) else "attempt"
