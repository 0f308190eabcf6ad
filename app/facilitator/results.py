"""The results review of one or more sessions: pairs, statistics, items, confidence, practice."""
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from app.domain.statistics import mcnemar_exact, paired
from app.extensions import db
from app.models import Attempt, Participant, SandboxRun
from app.quizzes.services import version_items


@dataclass
class Row:
    """One participant's line in the review and the CSV export."""
    participant: Participant
    pre: Attempt | None
    post: Attempt | None
    practice: SandboxRun | None = None
    answers: dict = field(default_factory=dict)  # kind -> {item id: correct}

    @property
    def paired(self):
        return bool(self.pre and self.post)

    @property
    def gain(self):
        return self.post.score - self.pre.score if self.paired else None


def rows_for(cohorts):
    participants = list(db.session.scalars(
        select(Participant).where(Participant.cohort_id.in_([c.id for c in cohorts]))
        .order_by(Participant.cohort_id, Participant.display_name)))
    user_ids = [p.user_id for p in participants]
    attempts = defaultdict(dict)
    for attempt in db.session.scalars(select(Attempt).where(Attempt.user_id.in_(user_ids),
                                                            Attempt.status == "submitted")):
        attempts[attempt.user_id][attempt.kind] = attempt
    runs = {}
    for run in db.session.scalars(select(SandboxRun).where(SandboxRun.user_id.in_(user_ids))
                                  .order_by(SandboxRun.id)):
        if runs.get(run.user_id) is None or run.completed_at:
            runs[run.user_id] = run
    rows = []
    for participant in participants:
        mine = attempts.get(participant.user_id, {})
        row = Row(participant, mine.get("pre"), mine.get("post"), runs.get(participant.user_id))
        row.answers = {kind: {a.item_id: bool(a.is_correct) for a in attempt.answers}
                       for kind, attempt in mine.items()}
        rows.append(row)
    return rows


def analyse(rows, alternative="two-sided"):
    pairs = [row for row in rows if row.paired]
    maximum = max((row.post.max_score for row in pairs), default=None)
    return paired([r.pre.score for r in pairs], [r.post.score for r in pairs], alternative, maximum,
                  n_excluded=len(rows) - len(pairs))


def item_analysis(rows):
    """Per item: share right before and after, McNemar's exact p; then modules, weakest first."""
    pairs = [row for row in rows if row.paired]
    if not pairs:
        return [], []
    items = version_items(pairs[0].post.content_hash)
    per_item = []
    for item_id in pairs[0].post.item_ids:
        before = [row.answers["pre"].get(item_id, False) for row in pairs]
        after = [row.answers["post"].get(item_id, False) for row in pairs]
        per_item.append({"item": items[item_id], "module": items[item_id].module,
                         "pre": sum(before) / len(pairs), "post": sum(after) / len(pairs),
                         **mcnemar_exact(before, after)})
    modules = defaultdict(list)
    for entry in per_item:
        modules[entry["module"]].append(entry)
    by_module = sorted(({"module": module, "items": entries,
                         "pre": sum(e["pre"] for e in entries) / len(entries),
                         "post": sum(e["post"] for e in entries) / len(entries)}
                        for module, entries in modules.items()), key=lambda m: m["post"])
    return sorted(per_item, key=lambda e: e["post"]), by_module


def confidence(rows):
    """Share answering 4 or 5 ("confident") before and after, among those who answered."""
    def share(values):
        values = [v for v in values if v]
        return (sum(1 for v in values if v >= 4) / len(values), len(values)) if values else (None, 0)
    return {"pre": share([r.pre.confidence for r in rows if r.pre]),
            "post": share([r.post.confidence for r in rows if r.post])}


def page_seconds(run):
    """(page, seconds spent) from a run's log; keys starting with _ are bookkeeping."""
    return [(step, entry.get("seconds", 0)) for step, entry in (run.step_log or {}).items()
            if not step.startswith("_")]


def practice(rows):
    """Where people got stuck in the sandbox: completions, time, and errors per page and field."""
    runs = [row.practice for row in rows if row.practice]
    errors = defaultdict(int)
    seconds = defaultdict(int)
    for run in runs:
        for key, count in (run.field_errors or {}).items():
            errors[key] += count
        for step, spent in page_seconds(run):
            seconds[step] += spent
    return {"started": len(runs), "completed": sum(1 for run in runs if run.completed_at),
            "errors": sorted(errors.items(), key=lambda kv: -kv[1])[:10],
            "slowest": sorted(seconds.items(), key=lambda kv: -kv[1])[:5]}


def run_summary(run):
    """(completed, minutes spent, errors made) of one practice run, for its participant's row."""
    if run is None:
        return None
    spent = sum(spent for _step, spent in page_seconds(run))
    return bool(run.completed_at), round(spent / 60, 1), sum((run.field_errors or {}).values())
