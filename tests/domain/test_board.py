from datetime import datetime

from app.domain.board import BoardRow, counts, ordered
from app.domain.journey import EVERYONE, OPEN, JourneyState, Room

MODULES = ["a", "b"]


def row(name, hand=None, **state):
    return BoardRow(participant_id=len(name), name=name, hand_raised_at=hand,
                    state=JourneyState(MODULES, room=Room(pretest=OPEN, posttest=OPEN, posttest_for=EVERYONE), **state))


def test_raised_hands_come_first_then_the_least_far_along_then_names_in_natural_order():
    rows = [row("Peserta 10", pretest_done=True), row("Peserta 2", pretest_done=True),
            row("Ani", posttest_done=True, pretest_done=True), row("Budi"),
            row("Cici", hand=datetime(2026, 12, 2, 9, 5), pretest_done=True),
            row("Dedi", hand=datetime(2026, 12, 2, 9, 1))]
    assert [r.name for r in ordered(rows)] == ["Dedi", "Cici", "Budi", "Peserta 2", "Peserta 10", "Ani"]


def test_counts_say_who_finished_who_is_answering_and_who_may_start_the_posttest():
    rows = [row("A", pretest_done=True, modules_done=set(MODULES), practice_done=True),
            row("B", pretest_done=True, posttest_started=True),
            row("C", pretest_started=True)]
    rows[1].answered, rows[2].answered = {"post": (3, 15)}, {"pre": (14, 27)}
    got = counts(rows)
    assert (got.people, got.finished_learning, got.pre_done, got.pre_answering) == (3, 1, 2, 1)
    assert (got.post_answering, got.post_can_start, got.hands) == (1, 1, 0)
