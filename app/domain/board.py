"""The facilitator's live board: one row per person, in an order that puts who needs help first."""
import re
from dataclasses import dataclass, field

from app.domain.journey import CAN_TAKE, STAGES, JourneyState


@dataclass
class BoardRow:
    participant_id: int
    name: str
    state: JourneyState
    answered: dict = field(default_factory=dict)  # kind -> (answered, items) of an unsubmitted test
    paper: set = field(default_factory=set)  # kinds taken on paper
    hand_raised_at: object = None
    helper_name: str | None = None

    @property
    def stage(self):
        return self.state.stage()

    @property
    def can_take_posttest(self):
        return self.state.test_access("post") == CAN_TAKE


def ordered(rows):
    """Raised hands first (longest waiting first), then the least far along, then by name."""
    def key(row):
        hand = row.hand_raised_at
        return (hand is None, hand or 0, STAGES.index(row.stage), natural(row.name))
    return sorted(rows, key=key)


def natural(name):
    """'Peserta 2' before 'Peserta 10'."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", name.casefold())]


@dataclass(frozen=True)
class RoomCounts:
    people: int
    hands: int
    finished_learning: int  # every module and the practice
    pre_done: int
    pre_answering: int
    post_done: int
    post_answering: int
    post_can_start: int  # may take the posttest now and have not begun


def counts(rows):
    return RoomCounts(
        people=len(rows),
        hands=sum(row.hand_raised_at is not None for row in rows),
        finished_learning=sum(row.state.finished_learning for row in rows),
        pre_done=sum(row.state.pretest_done for row in rows),
        pre_answering=sum("pre" in row.answered for row in rows),
        post_done=sum(row.state.posttest_done for row in rows),
        post_answering=sum("post" in row.answered for row in rows),
        post_can_start=sum(row.can_take_posttest and not row.state.posttest_started for row in rows),
    )
