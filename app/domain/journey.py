"""The learner's journey: pretest, modules in order, the sandbox practice, the posttest.

In an outreach session the room paces the two tests: this module is the one place that says
what a person may do in every room state, so the dashboard, the test pages, the sandbox and
the facilitator's board never disagree.
"""
from dataclasses import dataclass, field

WAITING, OPEN, CLOSED = "waiting", "open", "closed"  # a room's state of one test
EVERYONE, FINISHED = "everyone", "finished"  # who may take the posttest once it is open

# What a person may do with one test (test_access):
DONE = "done"        # submitted
CAN_TAKE = "open"    # may start it or go on with it now
WAIT = "wait"        # the facilitator has not opened it for the room yet
MISSED = "closed"    # the room closed it before this person took it
LOCKED = "locked"    # the modules and the practice come first


@dataclass(frozen=True)
class Room:
    """The pacing of a session, as the facilitator set it."""
    pretest: str = WAITING
    posttest: str = WAITING
    posttest_for: str = FINISHED
    ended: bool = False
    presented: tuple | None = None  # (module id, step number) while phones follow the presenter

    def signals(self):
        """The room's state as phones poll it: small, and the same for everyone in the room."""
        return {"pre": self.pretest, "post": self.posttest, "for": self.posttest_for,
                "end": self.ended, "show": "/".join(map(str, self.presented)) if self.presented else None}


@dataclass
class JourneyState:
    module_ids: list  # in course order
    pretest_done: bool = False
    modules_done: set = field(default_factory=set)
    practice_done: bool = False
    posttest_done: bool = False
    posttest_confidence_given: bool = False
    room: Room | None = None  # None: a self-paced learner
    pretest_started: bool = False
    posttest_started: bool = False

    @property
    def all_modules_done(self):
        return set(self.module_ids) <= self.modules_done

    @property
    def finished_learning(self):
        return self.all_modules_done and self.practice_done

    @property
    def learning_open(self):
        """Modules open after the pretest; in a room also once the pretest is closed (late joiners)."""
        return self.pretest_done or (self.room is not None and self.test_access("pre") == MISSED)

    def module_unlocked(self, module_id):
        """A module opens once the one before it is done, or when the room is shown it."""
        if not self.learning_open or module_id not in self.module_ids:
            return False
        index = self.module_ids.index(module_id)
        if self.presented and index <= self.module_ids.index(self.presented[0]):
            return True
        return index == 0 or self.module_ids[index - 1] in self.modules_done

    def step_reachable(self, module_id, number, steps_seen):
        """Steps are read in order; a step the room is being shown may be opened at once."""
        shown = self.presented
        return number <= steps_seen + 1 or (shown is not None and shown[0] == module_id
                                            and number <= shown[1])

    @property
    def presented(self):
        room = self.room
        if room and room.presented and room.presented[0] in self.module_ids:
            return room.presented
        return None

    @property
    def practice_unlocked(self):
        return self.learning_open and self.all_modules_done

    def test_access(self, kind):
        """DONE, CAN_TAKE, WAIT, MISSED or LOCKED for the 'pre' or 'post' test."""
        if self.pretest_done if kind == "pre" else self.posttest_done:
            return DONE
        room = self.room
        if kind == "pre":
            if room is None:
                return CAN_TAKE
            if room.ended:
                return MISSED
            return {WAITING: WAIT, OPEN: CAN_TAKE, CLOSED: MISSED}[room.pretest]
        if not self.learning_open:
            return LOCKED
        if room is None:
            return CAN_TAKE if self.finished_learning else LOCKED
        if room.ended or room.posttest == CLOSED:
            return MISSED
        if room.posttest == OPEN and (room.posttest_for == EVERYONE or self.finished_learning
                                      or self.posttest_started):  # nobody is locked out mid-test
            return CAN_TAKE
        return WAIT if self.finished_learning else LOCKED

    @property
    def posttest_unlocked(self):
        return self.test_access("post") in (CAN_TAKE, DONE)

    @property
    def results_visible(self):
        """Own results, once the posttest is in; in a room only after it closed for everyone."""
        if not (self.posttest_done and self.posttest_confidence_given):
            return False
        room = self.room
        return room is None or room.ended or room.posttest == CLOSED

    def next_action(self):
        """(what, detail): what the dashboard offers next.

        what: 'pretest', 'module' (detail: module id), 'practice', 'posttest', 'results', or
        'wait' (detail: 'pretest', 'posttest' or 'results'), or 'ended' when the room closed
        the posttest before this person took it.
        """
        pre, post = self.test_access("pre"), self.test_access("post")
        if pre == CAN_TAKE:
            return ("pretest", None)
        if pre == WAIT:
            return ("wait", "pretest")
        if post == CAN_TAKE or (post == DONE and not self.posttest_confidence_given):
            return ("posttest", None)
        if post == DONE:
            return ("results", None) if self.results_visible else ("wait", "results")
        for module_id in self.module_ids:
            if module_id not in self.modules_done:
                return ("module", module_id)
        if not self.practice_done:
            return ("practice", None)
        return ("wait", "posttest") if post == WAIT else ("ended", None)

    def stage(self):
        """Where the person is, for the facilitator's board: one of STAGES."""
        if self.posttest_done:
            return "done"
        if self.posttest_started:
            return "posttest"
        if self.pretest_started and not self.pretest_done:
            return "pretest"
        if not self.learning_open:
            return "not-started"
        if not self.all_modules_done:
            return "modules"
        return "ready" if self.practice_done else "practice"

    @property
    def current_module(self):
        """The number (1, 2, …) of the first module not yet done, or None."""
        return next((number for number, module_id in enumerate(self.module_ids, start=1)
                     if module_id not in self.modules_done), None)


def attempt_open(room, kind):
    """May a person go on answering a test they already started? Only the room can stop them:
    by closing that test or ending the session (the same answer as test_access, cheaper)."""
    if room is None:
        return True
    return not room.ended and getattr(room, f"{kind}test") != CLOSED


STAGES = ("not-started", "pretest", "modules", "practice", "ready", "posttest", "done")
