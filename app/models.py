"""Database models (SQLAlchemy 2.0 typed mappings). Models never commit themselves."""
import hmac
import secrets
from datetime import date, datetime
from typing import Optional

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint, bindparam, func, select
from sqlalchemy import false as sa_false
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.security import check_password_hash, generate_password_hash

from app import clock
from app.domain.journey import Room
from app.extensions import MAX_ID, db, login_manager


def utcnow():
    """Column defaults read the app's clock when a row is made (so a test that sets it holds)."""
    return clock.now()


def password_method():
    """How account passwords are hashed: scrypt, except where the config says otherwise (tests)."""
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[Optional[str]] = mapped_column(String(254))
    password_hash: Mapped[Optional[str]] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default="learner")
    locale: Mapped[Optional[str]] = mapped_column(String(5))
    large_text: Mapped[bool] = mapped_column(default=False, server_default=sa_false())  # "Teks besar"
    # A participant the facilitator merged into another one: this login now acts as that one.
    merged_into_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id"))
    # Part of every login's id (session and remember cookie): a new one ends all old logins.
    login_token: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def set_password(self, password):
        self.password_hash = generate_password_hash(password, password_method())
        self.end_logins()

    def end_logins(self):
        """Sign out every browser of this user (logout, a new password)."""
        self.login_token = secrets.token_hex(16)

    def get_id(self):
        return f"{self.id}.{self.login_token}"

    def check_password(self, password):
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def is_facilitator(self):
        return self.role in ("facilitator", "admin")

    @property
    def is_programme_lead(self):
        """Sees every session of the programme (an admin too); a facilitator sees their own."""
        return self.role in ("programme", "admin")


@login_manager.user_loader
def load_user(login_id):
    """The user of a session or remember cookie, if its token is still the user's.

    One statement reads the user with their newest session place and that session (outer joins),
    kept on the user as `newest_participant` for this request (rooms.services.participation):
    nearly every page asks for it, and this runs on every request."""
    user_id, _, token = login_id.partition(".")
    if not user_id.isdigit() or int(user_id) > MAX_ID:
        return None
    row = db.session.execute(_USER_AND_PLACE, {"user_id": int(user_id)}).first()
    user = row and row.User
    if user is None or not hmac.compare_digest(token, user.login_token or ""):
        return None
    if user.merged_into_id:  # a phone of a merged participant goes on as the kept one
        return db.session.get(User, user.merged_into_id)
    if row.Participant is not None:  # its session came in the same row (held: the identity map is weak)
        set_committed_value(row.Participant, "session", row.TrainingSession)
    user.newest_participant = row.Participant
    return user


class ContentVersion(db.Model):
    """A snapshot of a course's item banks, so an old result keeps its meaning after edits."""
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[str] = mapped_column(String(60))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    items: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Attempt(db.Model):
    """One sitting of the course test: kind 'pre' or 'post', one of each per learner and course."""
    __table_args__ = (UniqueConstraint("user_id", "course_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    course_id: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="open")
    content_hash: Mapped[str] = mapped_column(String(64))
    item_ids: Mapped[list] = mapped_column(JSON)
    option_orders: Mapped[dict] = mapped_column(JSON)
    score: Mapped[Optional[int]]
    max_score: Mapped[Optional[int]]
    confidence: Mapped[Optional[int]]
    mode: Mapped[str] = mapped_column(String(10), default="online", server_default="online")  # or "paper"
    form: Mapped[Optional[str]] = mapped_column(String(1))  # the parallel form taken: "a" or "b"
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[Optional[datetime]]

    user: Mapped[User] = relationship()
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="Answer.id")

    @hybrid_property
    def submitted(self):
        """On an attempt, whether it was sent; on the class, the same test in SQL."""
        return self.status == "submitted"


class Answer(db.Model):
    __table_args__ = (UniqueConstraint("attempt_id", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(80))
    option: Mapped[str] = mapped_column(String(10))
    is_correct: Mapped[Optional[bool]]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="answers")


class ModuleProgress(db.Model):
    """How far a learner got in one module; the step they last saw is where they continue."""
    __table_args__ = (UniqueConstraint("user_id", "course_id", "module_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    course_id: Mapped[str] = mapped_column(String(60))
    module_id: Mapped[str] = mapped_column(String(80))
    current_step: Mapped[int] = mapped_column(default=0)
    steps_seen: Mapped[int] = mapped_column(default=0)
    completed_at: Mapped[Optional[datetime]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CheckAnswer(db.Model):
    """An answer to a module's "check yourself" question: formative, never counted in a score."""
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    course_id: Mapped[str] = mapped_column(String(60))
    item_id: Mapped[str] = mapped_column(String(80))
    option: Mapped[str] = mapped_column(String(10))
    is_correct: Mapped[bool]
    content_hash: Mapped[str] = mapped_column(String(64))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class Office(db.Model):
    """An immigration office of the sandbox (from sandbox/offices.yaml)."""
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(60))
    province: Mapped[str] = mapped_column(String(60))
    slot_quota: Mapped[int]
    lat: Mapped[Optional[float]]  # where it is, for "Pakai Lokasi Saya Saat Ini"
    lon: Mapped[Optional[float]]


class BookingSlot(db.Model):
    """One arrival time at one office on one day, with its quota.

    `booked` only changes through a conditional UPDATE (see sandbox.services), and the CHECK
    constraint is the database's own guard that it never passes the quota.
    """
    __table_args__ = (UniqueConstraint("office_id", "day", "time"),
                      CheckConstraint("booked >= 0 AND booked <= quota", name="within_quota"))
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    day: Mapped[date]
    time: Mapped[str] = mapped_column(String(5))
    quota: Mapped[int]
    booked: Mapped[int] = mapped_column(default=0)

    office: Mapped[Office] = relationship()


class SandboxRun(db.Model):
    """One learner's practice of the M-Paspor booking: every entry, and where they got stuck.

    `answers` keeps everything typed, per step, so an interrupted booking resumes with nothing
    lost; `machinery` what the practice keeps for itself (its inbox, the practice account's password
    hash, staged problems: read and written by app/sandbox/machinery.py only); `step_log` holds the
    seconds spent per step and `field_errors` the count of validation errors per step and field
    (never the values).
    """
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    person_code: Mapped[Optional[str]] = mapped_column(String(40))
    problems_mode: Mapped[bool] = mapped_column(default=False)
    # The learner types the practice person's data from the drawn cards instead of having it filled in.
    type_from_card: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    step: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    machinery: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    step_log: Mapped[dict] = mapped_column(JSON, default=dict)
    field_errors: Mapped[dict] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    completed_at: Mapped[Optional[datetime]]


class Booking(db.Model):
    """A submitted practice booking: its slot, booking code, billing code and payment."""
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("sandbox_run.id"), unique=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("booking_slot.id"), index=True)
    booking_code: Mapped[str] = mapped_column(String(20), unique=True)
    billing_code: Mapped[str] = mapped_column(String(15), unique=True)
    billing_issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="unpaid")
    payment_channel: Mapped[Optional[str]] = mapped_column(String(40))
    pending_until: Mapped[Optional[datetime]]  # problems mode: the payment shows late
    paid_at: Mapped[Optional[datetime]]
    rescheduled: Mapped[int] = mapped_column(default=0)
    places: Mapped[int] = mapped_column(default=1, server_default="1")  # one per applicant (Tambah Pemohon)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    run: Mapped[SandboxRun] = relationship()
    slot: Mapped[BookingSlot] = relationship()


class Installation(db.Model):
    """This installation (a facilitator's laptop, or the programme's server): its stable random id."""
    id: Mapped[int] = mapped_column(primary_key=True)
    laptop_id: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TrainingSession(db.Model):
    """An outreach session ("sesi"): a facilitator, a room, a join code, the room's pacing."""
    __table_args__ = (UniqueConstraint("laptop_id", "origin_id", name="uq_training_session_origin"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    place: Mapped[str] = mapped_column(String(120))
    held_on: Mapped[date]
    course_id: Mapped[str] = mapped_column(String(60))
    join_code: Mapped[str] = mapped_column(String(8), unique=True)
    pretest: Mapped[str] = mapped_column(String(10), default="waiting")   # waiting, open, closed
    posttest: Mapped[str] = mapped_column(String(10), default="waiting")  # waiting, open, closed
    # Once the posttest is open: "everyone" now, or only those who "finished" modules and practice.
    posttest_for: Mapped[str] = mapped_column(String(10), default="finished", server_default="finished")
    problems_mode: Mapped[bool] = mapped_column(default=False)
    # "parallel": forms a and b counterbalanced; "same": each person takes one form twice.
    test_design: Mapped[str] = mapped_column(String(10), default="parallel", server_default="parallel")
    # The presenter view's step; phones in the modules follow it while follow_presenter is on.
    presenting_module: Mapped[Optional[str]] = mapped_column(String(80))
    presenting_step: Mapped[Optional[int]]
    follow_presenter: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    closed_at: Mapped[Optional[datetime]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A session merged from a laptop's bundle: that laptop, its id there, and the bundle's time.
    laptop_id: Mapped[Optional[str]] = mapped_column(String(32))
    origin_id: Mapped[Optional[int]]
    bundled_at: Mapped[Optional[datetime]]
    bundle_checksum: Mapped[Optional[str]] = mapped_column(String(64))

    facilitator: Mapped[User] = relationship()

    @property
    def room(self):
        """The session's pacing as the journey's rules read it."""
        presented = None
        if self.follow_presenter and self.presenting_module and self.presenting_step:
            presented = (self.presenting_module, self.presenting_step)
        return Room(pretest=self.pretest, posttest=self.posttest, posttest_for=self.posttest_for,
                    ended=self.closed_at is not None, presented=presented)


class Participant(db.Model):
    """A person in a session: a user without a password, known by a display name and a code."""
    __table_args__ = (UniqueConstraint("session_id", "user_id"),
                      UniqueConstraint("session_id", "display_name", name="uq_participant_session_name"))
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    personal_code: Mapped[str] = mapped_column(String(8), unique=True)
    helper_name: Mapped[Optional[str]] = mapped_column(String(80))
    first_form: Mapped[Optional[str]] = mapped_column(String(1))  # the pretest's form, by arrival
    hand_raised_at: Mapped[Optional[datetime]]
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[TrainingSession] = relationship()
    user: Mapped[User] = relationship()


class ScoreRow(db.Model):
    """A merged participant's figures in one narrow row, so the programme view sums 300,000 people
    without joining their attempts (written with the participant by the bundle merge)."""
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), unique=True)
    pre: Mapped[Optional[int]]
    post: Mapped[Optional[int]]
    max_score: Mapped[Optional[int]]
    gain: Mapped[Optional[int]]  # post − pre, when both were taken
    ngain: Mapped[Optional[float]]  # (post − pre) / (max − pre), when defined
    pre_form: Mapped[Optional[str]] = mapped_column(String(1))
    content_version_id: Mapped[Optional[int]] = mapped_column(ForeignKey("content_version.id"))
    confidence_pre: Mapped[Optional[int]]
    confidence_post: Mapped[Optional[int]]
    practice_done: Mapped[Optional[bool]]  # None: never opened the practice


class SessionSum(db.Model):
    """A merged session's sums over its score rows (programme.services.SUMS), stored by the merge so
    the unfiltered programme view reads 10,000 rows instead of summing 300,000."""
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), primary_key=True)
    people: Mapped[int]
    pairs: Mapped[int]
    sum_d: Mapped[Optional[int]]
    sum_d2: Mapped[Optional[int]]
    sum_g: Mapped[Optional[float]]
    n_g: Mapped[int]
    low: Mapped[int]
    medium: Mapped[int]
    high: Mapped[int]
    conf_pre_n: Mapped[int]
    conf_pre: Mapped[int]
    conf_post_n: Mapped[int]
    conf_post: Mapped[int]
    practised: Mapped[int]
    completed: Mapped[Optional[int]]
    version: Mapped[Optional[int]]  # the lowest and highest content version id among its people
    version_max: Mapped[Optional[int]]


class ItemTally(db.Model):
    """How many in a merged session answered an item at the pre- or posttest, and how many right:
    the programme's item analysis sums these instead of every answer."""
    __table_args__ = (UniqueConstraint("session_id", "content_version_id", "item_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    content_version_id: Mapped[int] = mapped_column(ForeignKey("content_version.id"))
    item_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    answered: Mapped[int]
    right: Mapped[int]


class ScoreImport(db.Model):
    """Pre/post scores of an earlier paper-only session, uploaded as CSV to be analysed."""
    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    filename: Mapped[str] = mapped_column(String(200))
    max_score: Mapped[Optional[float]]
    pairs: Mapped[list] = mapped_column(JSON)  # [[participant, pre, post], ...]
    excluded: Mapped[list] = mapped_column(JSON)  # participants lacking a pre or post score
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# load_user's statement, built once: the user, their newest Participant row and its TrainingSession.
_newest_place = (select(func.max(Participant.id)).where(Participant.user_id == User.id)
                 .correlate(User).scalar_subquery())
_USER_AND_PLACE = (select(User, Participant, TrainingSession)
                   .outerjoin(Participant, Participant.id == _newest_place)
                   .outerjoin(TrainingSession, TrainingSession.id == Participant.session_id)
                   .where(User.id == bindparam("user_id")))
