"""Pieces of bench/room_journey.py: one phone walking the whole journey over real HTTP, the
requests timed and grouped by route, the closed-loop saturation client, the database check.

The phone is driven by the pages it gets, as a person is: on the dashboard it taps the "next"
button, on a step page it reads and taps "Lanjut", on a test page it answers item by item (each
answer autosaved as static/js/test.js does), in the sandbox it fills in each page with the
practice person's data. Pages that carry the room watcher (test, step and dashboard pages) poll
GET /ruang/<id>/keadaan while the person reads, as static/js/room.js does, and move on when the
room changes (e.g. the posttest opens for everyone).
"""
import html as htmllib
import http.client
import json
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict

from quota_race import CSRF, Learner  # the caller puts bench/ on sys.path

ROUTES = [  # a URL's route, for grouping: (pattern, name)
    (r"/j/[^/]+", "/j/<code>"),
    (r"/ruang/\d+/keadaan", "/ruang/<id>/keadaan"),
    (r"/fasilitator/sesi/\d+(/.*)?", r"/fasilitator/sesi/<id>\1"),
    (r"/modules/[^/]+", "/modules/<id>"),
    (r"/modules/[^/]+/step/\d+", "/modules/<id>/step/<n>"),
    (r"/modules/[^/]+/check", "/modules/<id>/check"),
]
# The practice person "Siti" (sandbox/practice_people.yaml), as tests/sandbox/test_sandbox_pages.py.
ACCOUNT = {"nama_lengkap": "SITI CONTOH", "tanggal_lahir": "1990-03-12", "jenis_kelamin": "P",
           "nomor_ponsel": "0812-0000-1001", "kata_sandi": "Rahasia123", "setuju": "y"}
PERSON = {"nik": "5171015203900001", "nomor_kk": "5171010101150003", "nama_lengkap": "SITI CONTOH",
          "tempat_lahir": "DENPASAR", "tanggal_lahir": "1990-03-12", "jenis_kelamin": "P",
          "status_kawin": "kawin"}
SANDBOX = {  # sandbox page -> its answers (the office, date and time are picked from the page)
    "layanan": {"layanan": "reguler"}, "peringatan": {}, "pemohon": {"pemohon": "dewasa"},
    "jenis-paspor": {"paspor": "biasa-5"}, "data-diri": PERSON,
    "orang-tua": {"nama_orang_tua": "SITI CONTOH", "nik_orang_tua": "5171015203900001"},
    "kuesioner": {"jenis": "baru", "tujuan": "wisata"}, "data-pemohon": {"aksi": "lanjut"},
}
CHANNELS = ("mobile-banking", "atm", "indomaret", "kantor-pos", "marketplace")


def route(method, path):
    bare = urllib.parse.urlsplit(path).path
    for pattern, name in ROUTES:
        match = re.fullmatch(pattern, bare)
        if match:
            return f"{method} {match.expand(name)}"
    return f"{method} {bare}"


class Recorder:
    """Every request of a phase: (route, seconds, status, as expected, when it was answered)."""

    def __init__(self):
        self.rows, self.lock, self.unexpected = [], threading.Lock(), Counter()

    def add(self, label, seconds, status, ok):
        with self.lock:
            self.rows.append((label, seconds, status, ok, time.monotonic()))
            if not ok:
                self.unexpected[(label, status)] += 1


class JourneyError(RuntimeError):
    pass


def with_everyone(state):
    """room.js: "everyone" is true once the posttest is open for everyone."""
    return dict(state, everyone=state.get("post") == "open" and state.get("for") == "everyone")


class Phone(Learner):
    """One participant's phone: its cookies, the page on its screen, what the server acknowledged."""

    def __init__(self, base, number, recorder, think, deadline):
        super().__init__(base)
        self.number, self.name, self.rng = number, f"Peserta {number}", random.Random(number)
        self.recorder, self.mean, self.deadline = recorder, think, deadline
        self.path, self.html, self.watch, self.etag, self.next_poll = None, "", None, None, 0.0
        self.retries = Counter()
        # What the server acknowledged, for the database check:
        self.chosen = {"pre": {}, "post": {}}   # item -> position sent (autosave and submit)
        self.acked = {"pre": {}, "post": {}}    # item -> position acknowledged
        self.confidence = {}                    # kind -> value acknowledged
        self.submitted = set()                  # tests whose submit was acknowledged
        self.checks, self.modules = {}, []      # check item -> option key; modules completed
        self.steps = set()                      # step pages read (for the saturation mix)
        self.booked = self.billing = None       # booking acknowledged, its billing code
        self.paid = False
        self.joined = self.finished = self.done = False
        self.joined_at = self.pretest_at = self.finished_at = self.post_at = None
        self.failure = None

    # --- HTTP -------------------------------------------------------------------------------
    def call(self, method, path, data=None, headers=None, body=None, expect=None):
        """One timed request: (status, response headers, text); never follows a redirect."""
        headers = dict(headers or {})
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, body, headers, method=method)
        began = time.perf_counter()
        try:
            try:
                with self.opener.open(request, timeout=60) as response:
                    status, head, raw = response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:  # 3xx (no redirects followed), 4xx, 5xx
                status, head, raw = error.code, error.headers, error.read()
        except (OSError, http.client.HTTPException):  # refused, reset, timed out
            status, head, raw = 0, {}, b""
        expect = expect or ((200, 302) if method == "GET" else (302,))
        self.recorder.add(route(method, path), time.perf_counter() - began, status, status in expect)
        return status, head, raw.decode(errors="replace")

    def where(self, head):
        location = urllib.parse.urlsplit(head.get("Location", ""))
        return location.path + (f"?{location.query}" if location.query else "")

    def go(self, path):
        """GET a page as the browser does, following redirects; it becomes the page on screen."""
        for _ in range(10):
            status, head, text = self.call("GET", path)
            if status != 302:
                break
            path = self.where(head)
        if status != 200:
            raise JourneyError(f"GET {path} answered {status}")
        self.show(path, text)

    def show(self, path, text):
        self.path, self.html = urllib.parse.urlsplit(path).path, text
        self.watch_room(text)

    def submit(self, path, data, expect=(302,), multipart=False, token=True):
        """Submit the form on the page on screen (its CSRF token); follows the redirect."""
        fields = dict(data)
        if token:
            found = CSRF.search(self.html)
            if not found:
                raise JourneyError(f"no form to submit on {self.path}")
            fields["csrf_token"] = found.group(1)
        if multipart:
            body, kind = encode_multipart(fields, multipart)
            status, head, text = self.call("POST", path, headers={"Content-Type": kind}, body=body,
                                           expect=expect)
        else:
            status, head, text = self.call("POST", path, fields, expect=expect)
        if status == 302:
            self.go(self.where(head))
        elif status == 200:  # the page again: its errors, or (the check page) its feedback
            self.show(path, text)
        else:
            raise JourneyError(f"POST {path} answered {status}")
        return status

    # --- room.js ------------------------------------------------------------------------------
    def watch_room(self, text):
        """The page's room watcher (rooms/_watch.html), if it has one; its first poll after a delay."""
        found = re.search(r'<div id="room-watch"([^>]*)>', text)
        if not found:
            self.watch = None
            return
        attrs = {key: htmllib.unescape(value) for key, value in re.findall(r'data-([a-z]+)="([^"]*)"', found.group(1))}
        self.watch = {"url": attrs["url"], "seen": with_everyone(json.loads(attrs["state"])),
                      "keys": attrs["watch"].split(), "target": attrs.get("target"),
                      "delay": float(attrs.get("seconds") or 4)}
        self.etag, self.next_poll = None, time.monotonic() + self.watch["delay"]

    def poll(self):
        """One poll; the page to move to when the room changed in a way this page watches."""
        watch = self.watch
        status, head, text = self.call("GET", watch["url"], headers={"If-None-Match": self.etag} if self.etag else {},
                                       expect=(200, 304))
        if status != 200:
            return None
        self.etag = head.get("ETag")
        state = with_everyone(json.loads(text))
        for key in watch["keys"]:
            if state.get(key) != watch["seen"].get(key) and (key != "everyone" or state["everyone"]):
                return watch["target"] or self.path
        return None

    def wait_until(self, until):
        """Stay on the page until then, polling the room if the page does; returns where to move."""
        while True:
            now = time.monotonic()
            if self.watch is None or self.next_poll >= until:
                time.sleep(max(0.0, until - now))
                return None
            time.sleep(max(0.0, self.next_poll - now))
            target = self.poll()
            if target:
                return target
            self.next_poll = time.monotonic() + self.watch["delay"] + self.rng.random()

    def think(self, share=1.0):
        """Reading the page: the think time ± 50%; returns where room.js moved the page, if it did."""
        return self.wait_until(time.monotonic() + share * self.mean * self.rng.uniform(0.5, 1.5))

    # --- the journey --------------------------------------------------------------------------
    def walk(self, code, join_at):
        """From scanning the QR code to the results; each page's handler moves to the next page."""
        time.sleep(max(0.0, join_at - time.monotonic()))
        self.go(f"/j/{code}")
        self.think()
        self.submit(f"/j/{code}", {"code": code, "name": self.name}, token=True)
        self.joined, self.joined_at = True, time.monotonic()
        for _ in range(3000):  # a bound: the journey is about 300 pages
            if time.monotonic() > self.deadline:
                raise JourneyError(f"out of time on {self.path}")
            self.retries[self.path] += 1
            if self.retries[self.path] > 4:
                raise JourneyError(f"stuck on {self.path}")
            if self.page() == "done":
                return
        raise JourneyError("too many pages")

    def page(self):
        path = self.path
        if path == "/":
            return self.dashboard()
        test = re.fullmatch(r"/test/(pre|post)(/done)?", path)
        if test:
            return self.test(test.group(1)) if not test.group(2) else self.test_done(test.group(1))
        if path == "/test/results":
            self.done = True
            return "done"
        step = re.fullmatch(r"/modules/([^/]+)/step/(\d+)", path)
        if step:
            return self.step(step.group(1))
        check = re.fullmatch(r"/modules/([^/]+)/check", path)
        if check:
            return self.check(check.group(1))
        if path.startswith("/latihan/"):
            return self.sandbox(path[len("/latihan/"):])
        raise JourneyError(f"unexpected page {path}")

    def button(self, text):
        found = re.search(r'<a class="button" href="([^"]+)"', text)
        return htmllib.unescape(found.group(1)) if found else None

    def dashboard(self):
        next_block = re.search(r'<div class="next">(.*?)</div>', self.html, re.DOTALL)
        target = self.button(next_block.group(1)) if next_block else None
        if target:
            self.go(self.think(0.5) or target)
            return None
        if self.watch is None:  # the room closed the posttest before this person took it
            self.done = True
            return "done"
        moved = self.wait_until(self.deadline)  # waiting for the facilitator (pretest, posttest, results)
        if not moved:
            raise JourneyError("the room never moved on")
        self.retries.clear()
        self.go(moved)
        return None

    def test(self, kind):
        if f'action="/test/{kind}/start"' in self.html:  # the start page (pretest: the confidence question)
            self.think()
            data = {"confidence": str(self.rng.randint(1, 5))} if kind == "pre" else {}
            self.submit(f"/test/{kind}/start", data)
            if data:
                self.confidence[kind] = int(data["confidence"])
            return
        token = CSRF.search(self.html).group(1)
        options = Counter(re.findall(r'name="q-([^"]+)"', self.html))  # item -> radio buttons
        for item, count in options.items():
            if item in self.acked[kind]:
                continue
            moved = self.think()  # reading the question
            if moved:  # the room closed the test
                self.go(moved)
                return
            choice = str(self.rng.randrange(count))
            self.chosen[kind][item] = choice
            status, _, text = self.call("POST", f"/test/{kind}/answer", {"item": item, "choice": choice},
                                        headers={"X-CSRFToken": token}, expect=(200,))
            if status == 200 and json.loads(text).get("saved") is True:
                self.acked[kind][item] = choice
        self.think(0.5)  # a look over the page before submitting
        answers = {f"q-{item}": choice for item, choice in self.chosen[kind].items()}
        self.submit(f"/test/{kind}/submit", answers)
        if self.path == f"/test/{kind}/done":
            self.submitted.add(kind)
            self.acked[kind].update(self.chosen[kind])
            if kind == "pre":
                self.pretest_at = time.monotonic()

    def test_done(self, kind):
        if kind == "pre":  # "Mulai modul 1"
            self.go(self.think(0.5) or self.button(self.html))
            return
        self.think()  # the posttest's confidence question
        confidence = str(self.rng.randint(1, 5))
        if self.submit("/test/post/done", {"confidence": confidence}) == 302:
            self.confidence["post"], self.post_at = int(confidence), time.monotonic()

    def step(self, module):
        self.steps.add(self.path)
        moved = self.think()
        if moved:  # the posttest opened for everyone: room.js takes the phone to the dashboard
            self.go(moved)
            return
        nav = re.search(r'<p class="step-nav">(.*?)</p>', self.html, re.DOTALL)
        self.go(self.button(nav.group(1)))  # "Lanjut": the next step, or the check after the last one

    def check(self, module):
        items = Counter(re.findall(r'name="(item_[^"]+)"', self.html))
        if items:  # the questions: any answer is accepted
            keys = {name: sorted(set(re.findall(rf'name="{re.escape(name)}"[^>]*value="([^"]+)"', self.html)
                                     + re.findall(rf'value="([^"]+)"[^>]*name="{re.escape(name)}"', self.html)))
                    for name in items}
            answers = {name: self.rng.choice(values) for name, values in keys.items()}
            self.think()
            self.submit(self.path, answers, expect=(200,))
            if 'class="feedback' in self.html:
                self.checks.update({name[len("item_"):]: key for name, key in answers.items()})
                self.modules.append(module)
            return
        self.go(self.think(0.5) or self.button(self.html))  # "Ke modul berikutnya", the practice or the posttest

    def sandbox(self, page):
        html = self.html
        if page == "":  # the practice's start page: practise as Siti
            self.think()
            self.submit("/latihan/mulai", {"person": "siti", "cara": "isi"})
        elif page == "akun":
            self.think(2)  # a whole form to fill in
            self.submit(self.path, dict(ACCOUNT, email=f"peserta{self.number}@contoh.id"))
        elif page == "verifikasi":  # the code is in the practice inbox
            self.think(0.5)
            status, _, inbox = self.call("GET", "/latihan/inbox", expect=(200,))
            found = re.search(r'class="code">(\d{6})<', inbox)
            if not found:
                raise JourneyError(f"no verification code in the inbox ({status})")
            self.think()
            self.submit(self.path, {"kode": found.group(1)})
        elif page == "masuk":
            self.think()
            self.submit(self.path, {"email": f"peserta{self.number}@contoh.id", "kata_sandi": ACCOUNT["kata_sandi"]})
        elif page in SANDBOX:
            self.think(2 if page in ("data-diri", "orang-tua") else 1)
            self.submit(self.path, SANDBOX[page])
        elif page == "lokasi" and 'name="kantor"' not in html:  # "Pakai Lokasi Saya Saat Ini"
            self.think()
            self.go("/latihan/lokasi?lokasi=saya")
        elif page in ("lokasi", "tanggal", "jam"):  # what the page offers, free places only
            field = "kantor" if page == "lokasi" else page
            free = [value for value, disabled in re.findall(
                rf'name="{field}"[^>]*?value="([^"]+)"([^>]*?\bdisabled\b)?', html) if not disabled]
            if not free:
                raise JourneyError(f"nothing free on /latihan/{page}")
            self.think()
            self.submit(self.path.split("?")[0], {field: self.rng.choice(free[:8])})
        elif page in ("ktp", "dokumen"):  # no photos at hand: the practice cards (contoh=1), as a multipart form
            files = re.findall(r'type="file"[^>]*name="([^"]+)"|name="([^"]+)"[^>]*type="file"', html)
            self.think()
            self.submit(self.path, {"contoh": "1"}, multipart=[a or b for a, b in files] or True)
        elif page == "periksa":
            self.think(2)  # checking every answer
            self.submit(self.path, {})
            if self.path == "/latihan/pemesanan":
                self.booked = True
        elif page == "pemesanan":
            found = re.search(r'class="code billing-code">(\d+)<', html)
            self.billing = found.group(1) if found else self.billing
            target = "/latihan/bayar" if 'href="/latihan/bayar"' in html else "/latihan/bukti"
            self.think()
            self.go(target)
        elif page == "bayar":
            self.think(2)  # choosing the channel, copying the billing code
            if self.submit(self.path, {"kanal": self.rng.choice(CHANNELS), "kode_billing": self.billing}) == 302:
                self.paid = True
        elif page == "bukti":
            self.finished, self.finished_at = True, time.monotonic()
            self.think()
            self.go(self.button(html.replace('class="button secondary"', 'class="button"')) or "/")
        else:
            raise JourneyError(f"unexpected sandbox page {page}")

    @property
    def stage(self):
        """Where the phone is, for the timeline."""
        path = self.path or ""
        if self.failure or self.done:
            return "failed" if self.failure else "done"
        for prefix, stage in (("/test/pre", "pretest"), ("/modules/", "modules"), ("/latihan/", "practice"),
                              ("/test/post", "posttest"), ("/test/results", "posttest")):
            if path.startswith(prefix):
                return stage
        return "waiting" if self.joined else "joining"

    def cookie_header(self):
        jar = next(h.cookiejar for h in self.opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def encode_multipart(fields, files):
    """multipart/form-data as a browser sends it: the fields, and each file input left empty."""
    boundary = f"----journey{uuid.uuid4().hex}"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in fields.items()]
    if isinstance(files, list):
        parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n\r\n" for name in files]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


# --- closed-loop saturation -------------------------------------------------------------------------
def hammer(base, clients, seconds, recorder):
    """K clients, each on a keep-alive connection, sending its next GET as soon as the last answered.

    clients: [(cookie header, [paths])]. Returns the seconds the phase lasted.
    """
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    start = threading.Barrier(len(clients) + 1)

    def client(number, cookie, paths):
        rng, connection = random.Random(number), None
        headers = {"Cookie": cookie} if cookie else {}
        start.wait()
        while time.monotonic() < until:
            path = rng.choice(paths)
            began = time.perf_counter()
            try:
                connection = connection or http.client.HTTPConnection(host, port, timeout=60)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                status = 0
                if connection:
                    connection.close()
                connection = None
            recorder.add(route("GET", path), time.perf_counter() - began, status, status in (200,))
        if connection:
            connection.close()

    threads = [threading.Thread(target=client, args=(number, cookie, paths))
               for number, (cookie, paths) in enumerate(clients)]
    for thread in threads:
        thread.start()
    until = time.monotonic() + seconds  # read by the clients once the barrier opens
    began = time.monotonic()
    start.wait()
    for thread in threads:
        thread.join()
    return time.monotonic() - began


# --- the database afterwards -----------------------------------------------------------------------
def verify(url, session_id, phones):
    """Every acknowledged answer, check answer, module completion and booking stored exactly once.

    Returns [(what, acknowledged, of those stored exactly once as acknowledged, rows in the database)]:
    all is well when the three numbers are equal.
    """
    from sqlalchemy import func, select

    from app import create_app
    from app.extensions import db
    from app.models import Answer, Attempt, Booking, BookingSlot, CheckAnswer, ModuleProgress, Participant, SandboxRun
    app = create_app({"SECRET_KEY": "journey", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        people = db.session.execute(select(Participant.display_name, Participant.user_id)
                                    .where(Participant.session_id == session_id)).all()
        user_of = {name: user for name, user in people}
        names = Counter(name for name, _ in people)
        users = set(user_of.values())
        attempts = {(a.user_id, a.kind): a for a in db.session.scalars(select(Attempt).where(Attempt.user_id.in_(users)))}
        answers = defaultdict(list)
        for answer in db.session.scalars(select(Answer).where(Answer.attempt_id.in_([a.id for a in attempts.values()]))):
            answers[(answer.attempt_id, answer.item_id)].append(answer.option)
        checks = defaultdict(list)
        for row in db.session.scalars(select(CheckAnswer).where(CheckAnswer.user_id.in_(users))):
            checks[(row.user_id, row.item_id)].append(row.option)
        progress = Counter((row.user_id, row.module_id) for row in db.session.scalars(
            select(ModuleProgress).where(ModuleProgress.user_id.in_(users), ModuleProgress.completed_at.is_not(None))))
        bookings = defaultdict(list)
        for booking, user in db.session.execute(select(Booking, SandboxRun.user_id).join(SandboxRun)
                                                .where(SandboxRun.user_id.in_(users))):
            bookings[user].append(booking)
        slots_booked = db.session.scalar(select(func.sum(BookingSlot.booked))) or 0
        booking_rows = db.session.scalar(select(func.count(Booking.id)))

        joined = [p for p in phones if p.joined]
        kind_of = {a.id: a.kind for a in attempts.values()}
        report = [("participants", len(joined), sum(1 for p in joined if names[p.name] == 1), len(people))]

        def user(phone):
            return user_of.get(phone.name)
        for kind in ("pre", "post"):
            acked = good = 0
            for phone in joined:
                attempt = attempts.get((user(phone), kind))
                for item, position in phone.acked[kind].items():
                    acked += 1
                    good += bool(attempt) and answers.get((attempt.id, item)) == [attempt.option_orders[item][int(position)]]
            stored = sum(len(options) for (attempt_id, _), options in answers.items() if kind_of[attempt_id] == kind)
            report.append((f"{kind}test answers", acked, good, stored))
            submits = [p for p in joined if kind in p.submitted]
            report.append((f"{kind}test submits", len(submits),
                           sum(1 for p in submits if getattr(attempts.get((user(p), kind)), "submitted", False)),
                           sum(1 for a in attempts.values() if a.kind == kind and a.submitted)))
            given = [p for p in joined if kind in p.confidence]
            report.append((f"{kind}test confidence", len(given),
                           sum(1 for p in given if getattr(attempts.get((user(p), kind)), "confidence", None)
                               == p.confidence[kind]),
                           sum(1 for a in attempts.values() if a.kind == kind and a.confidence is not None)))
        report.append(("check answers", sum(len(p.checks) for p in joined),
                       sum(1 for p in joined for item, key in p.checks.items() if checks.get((user(p), item)) == [key]),
                       sum(len(options) for options in checks.values())))
        report.append(("module completions", sum(len(p.modules) for p in joined),
                       sum(1 for p in joined for module in p.modules if progress.get((user(p), module)) == 1),
                       sum(progress.values())))
        booked = [p for p in joined if p.booked]
        report.append(("bookings (with their billing code)", len(booked),
                       sum(1 for p in booked if [b.billing_code for b in bookings.get(user(p), [])] == [p.billing]),
                       booking_rows))
        report.append(("places taken in the slots", len(booked), slots_booked, slots_booked))
        paid = [p for p in joined if p.paid]
        report.append(("payments", len(paid),
                       sum(1 for p in paid if [b.status for b in bookings.get(user(p), [])] == ["paid"]),
                       sum(1 for rows in bookings.values() for b in rows if b.status == "paid")))
        db.engine.dispose()
    return report
