"""Grading and test layout: pure functions over item ids, option keys and responses."""
import random
from dataclasses import dataclass


def grade_single(answer, response):
    """Single choice: right when the chosen option is the item's one correct option."""
    return response is not None and response == answer


GRADERS = {"single": grade_single}


@dataclass(frozen=True)
class Score:
    points: int
    maximum: int
    correct: dict  # item id -> bool


def score(items, responses):
    """items: objects with id, kind and answer; responses: item id -> chosen option key."""
    correct = {item.id: GRADERS[item.kind](item.answer, responses.get(item.id)) for item in items}
    return Score(points=sum(correct.values()), maximum=len(items), correct=correct)


def layout(seed, items):
    """A participant's own order of items and of each item's options, stable for a seed.

    Returns (item ids in order, {item id: [option keys in order]}).
    """
    rng = random.Random(seed)
    order = [item.id for item in items]
    rng.shuffle(order)
    options = {}
    for item in items:
        keys = sorted(item.options)
        rng.shuffle(keys)
        options[item.id] = keys
    return order, options


@dataclass(frozen=True)
class Gain:
    pre: int
    post: int
    maximum: int

    @property
    def points(self):
        return self.post - self.pre

    @property
    def normalized(self):
        """Hake's gain: the share of what there was left to learn that was learned."""
        room = self.maximum - self.pre
        return None if room <= 0 else (self.post - self.pre) / room
