import pytest

from app.domain.journey import JourneyState

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


def test_stage_names_where_the_learner_is():
    assert JourneyState(MODULES).stage() == "pretest"
    assert JourneyState(MODULES, True, {"a"}).stage() == "module 2"
    assert JourneyState(MODULES, True, set(MODULES)).stage() == "practice"
    assert JourneyState(MODULES, True, set(MODULES), True, True, True).stage() == "done"
