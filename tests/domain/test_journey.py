import pytest

from app.domain.journey import (CAN_TAKE, CLOSED, DONE, EVERYONE, FINISHED, LOCKED, MISSED, OPEN,
                                WAIT, WAITING, JourneyState, Room)

MODULES = ["a", "b", "c"]


@pytest.mark.parametrize("state, expected", [
    (JourneyState(MODULES), ("pretest", None)),
    (JourneyState(MODULES, pretest_done=True), ("module", "a")),
    (JourneyState(MODULES, pretest_done=True, modules_done={"a"}), ("module", "b")),
    (JourneyState(MODULES, pretest_done=True, modules_done={"a", "c"}), ("module", "b")),
    (JourneyState(MODULES, pretest_done=True, modules_done=set(MODULES)), ("practice", None)),
    (JourneyState(MODULES, True, set(MODULES), practice_done=True), ("posttest", None)),
    (JourneyState(MODULES, True, set(MODULES), True, posttest_done=True), ("posttest", None)),
    (JourneyState(MODULES, True, set(MODULES), True, True, True), ("results", None)),
])
def test_next_action_follows_the_journey(state, expected):
    assert state.next_action() == expected


def test_modules_open_one_after_another_only_after_the_pretest():
    before = JourneyState(MODULES)
    assert not any(before.module_unlocked(m) for m in MODULES)
    after = JourneyState(MODULES, pretest_done=True, modules_done={"a"})
    assert [after.module_unlocked(m) for m in MODULES] == [True, True, False]
    assert not after.module_unlocked("unknown")


def test_posttest_needs_the_pretest_every_module_and_the_practice():
    assert not JourneyState(MODULES, True, {"a", "b"}, practice_done=True).posttest_unlocked
    assert not JourneyState(MODULES, False, set(MODULES), practice_done=True).posttest_unlocked
    assert not JourneyState(MODULES, True, set(MODULES)).posttest_unlocked
    assert JourneyState(MODULES, True, set(MODULES)).practice_unlocked
    assert JourneyState(MODULES, True, set(MODULES), practice_done=True).posttest_unlocked


def person(room, stage, **more):
    """A participant at one point of the journey, in a room."""
    facts = {
        "new": {},
        "in module b": {"pretest_done": True, "modules_done": {"a"}},
        "finished": {"pretest_done": True, "modules_done": set(MODULES), "practice_done": True},
        "posttest sent": {"pretest_done": True, "modules_done": set(MODULES), "practice_done": True,
                          "posttest_done": True, "posttest_confidence_given": True},
    }[stage]
    return JourneyState(MODULES, room=room, **facts, **more)


# The one room rule: (room, where the person is) -> (pretest, posttest) access and next action.
ROOM_TABLE = [
    (Room(), "new", WAIT, LOCKED, ("wait", "pretest")),
    (Room(pretest=OPEN), "new", CAN_TAKE, LOCKED, ("pretest", None)),
    (Room(pretest=CLOSED), "new", MISSED, LOCKED, ("module", "a")),  # a late joiner learns anyway
    (Room(pretest=CLOSED), "in module b", DONE, LOCKED, ("module", "b")),
    (Room(pretest=CLOSED), "finished", DONE, WAIT, ("wait", "posttest")),
    (Room(CLOSED, OPEN, FINISHED), "in module b", DONE, LOCKED, ("module", "b")),
    (Room(CLOSED, OPEN, FINISHED), "finished", DONE, CAN_TAKE, ("posttest", None)),
    (Room(CLOSED, OPEN, EVERYONE), "in module b", DONE, CAN_TAKE, ("posttest", None)),
    (Room(CLOSED, OPEN, EVERYONE), "new", MISSED, CAN_TAKE, ("posttest", None)),
    (Room(CLOSED, OPEN, EVERYONE), "posttest sent", DONE, DONE, ("wait", "results")),
    (Room(CLOSED, CLOSED), "posttest sent", DONE, DONE, ("results", None)),
    (Room(CLOSED, CLOSED), "in module b", DONE, MISSED, ("module", "b")),
    (Room(CLOSED, CLOSED), "finished", DONE, MISSED, ("ended", None)),
    (Room(OPEN, WAITING, ended=True), "new", MISSED, MISSED, ("module", "a")),
    (Room(OPEN, OPEN, EVERYONE, ended=True), "posttest sent", DONE, DONE, ("results", None)),
]


@pytest.mark.parametrize("room, stage, pre, post, action", ROOM_TABLE)
def test_the_room_decides_which_test_is_open_to_whom(room, stage, pre, post, action):
    state = person(room, stage)
    assert (state.test_access("pre"), state.test_access("post")) == (pre, post)
    assert state.next_action() == action
    # the dashboard offers a test exactly when the test page lets the person in
    assert (action[0] == "pretest") == (pre == CAN_TAKE)
    assert (action[0] == "posttest") == (post == CAN_TAKE)


def test_results_show_in_a_room_only_once_the_posttest_is_closed():
    assert not person(Room(CLOSED, OPEN), "posttest sent").results_visible
    assert person(Room(CLOSED, CLOSED), "posttest sent").results_visible
    assert person(None, "posttest sent").results_visible


def test_a_presented_step_opens_its_module_and_can_be_reached_directly():
    room = Room(pretest=CLOSED, presented=("c", 3))
    state = person(room, "in module b")
    assert state.module_unlocked("c")
    assert state.step_reachable("c", 3, steps_seen=0)
    assert not state.step_reachable("c", 4, steps_seen=0)
    assert not person(Room(pretest=CLOSED), "in module b").module_unlocked("c")
    assert not person(Room(pretest=CLOSED), "in module b").step_reachable("b", 3, steps_seen=1)


def test_signals_are_what_phones_poll():
    assert Room(OPEN, OPEN, EVERYONE, presented=("b", 2)).signals() == {
        "pre": "open", "post": "open", "for": "everyone", "end": False, "show": "b/2"}


@pytest.mark.parametrize("state, stage", [
    (JourneyState(MODULES), "not-started"),
    (JourneyState(MODULES, pretest_started=True), "pretest"),
    (JourneyState(MODULES, True, {"a"}, pretest_started=True), "modules"),
    (JourneyState(MODULES, True, set(MODULES)), "practice"),
    (JourneyState(MODULES, True, set(MODULES), True), "ready"),
    (JourneyState(MODULES, True, set(), posttest_started=True), "posttest"),
    (JourneyState(MODULES, True, set(), posttest_done=True, posttest_started=True), "done"),
])
def test_stage_names_where_the_person_is(state, stage):
    assert state.stage() == stage


def test_current_module_is_the_first_not_done():
    assert JourneyState(MODULES, True, {"a", "c"}).current_module == 2
    assert JourneyState(MODULES, True, set(MODULES)).current_module is None


@pytest.mark.parametrize("kind", ["pre", "post"])
def test_the_autosaves_cheap_check_agrees_with_the_room_rule_for_started_tests(kind):
    from itertools import product

    from app.domain.journey import attempt_open
    for pre, post, audience, ended in product((WAITING, OPEN, CLOSED), (WAITING, OPEN, CLOSED),
                                              (EVERYONE, FINISHED), (False, True)):
        room = Room(pre, post, audience, ended)
        if (pre if kind == "pre" else post) == WAITING and not ended:
            continue  # nobody can have started a test the room never opened
        for stage in ("in module b", "finished"):
            state = person(room, stage, **{f"{kind}test_started": True})
            if kind == "pre":
                state.pretest_done = False
            assert attempt_open(room, kind) == (state.test_access(kind) == CAN_TAKE), (room, stage)
    assert attempt_open(None, kind)
