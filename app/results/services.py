"""The results review of one or more sessions: pairs, statistics, items, confidence, practice."""
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from app.content import version_items
from app.domain import item_analysis as item_stats
from app.domain.design import order_label
from app.domain.statistics import mcnemar_exact, normalized_gains, paired
from app.extensions import db
from app.models import Answer, Attempt, Participant, SandboxRun


@dataclass
class Row:
    """One participant's line in the review and the CSV export."""
    participant: Participant
    pre: Attempt | None
    post: Attempt | None
    practice: SandboxRun | None = None
    answers: dict = field(default_factory=dict)  # kind -> {item id: correct}
    chosen: dict = field(default_factory=dict)  # kind -> [(item id, option key, correct)], in order

    @property
    def paired(self):
        return bool(self.pre and self.post)

    @property
    def gain(self):
        return self.post.score - self.pre.score if self.paired else None


def rows_for(sessions):
    """Every participant of the sessions with their submitted attempts, answers and practice, in
    four set-based queries. Answers come as plain rows, not ORM objects: a 500-person session has
    16,000 of them."""
    session_ids = [c.id for c in sessions]
    in_sessions = select(Participant.user_id).where(Participant.session_id.in_(session_ids))
    participants = list(db.session.scalars(
        select(Participant).where(Participant.session_id.in_(session_ids))
        .order_by(Participant.session_id, Participant.display_name)))
    attempts, by_id = defaultdict(dict), {}
    for attempt in db.session.scalars(select(Attempt).where(Attempt.user_id.in_(in_sessions),
                                                            Attempt.submitted)):
        attempts[attempt.user_id][attempt.kind] = by_id[attempt.id] = attempt
    chosen = defaultdict(list)
    for attempt_id, item_id, option, correct in db.session.execute(
            select(Answer.attempt_id, Answer.item_id, Answer.option, Answer.is_correct)
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .where(Attempt.user_id.in_(in_sessions), Attempt.submitted)
            .order_by(Answer.attempt_id, Answer.id)):
        chosen[attempt_id].append((item_id, option, bool(correct)))
    runs = {}
    for run in db.session.scalars(select(SandboxRun).where(SandboxRun.user_id.in_(in_sessions))
                                  .order_by(SandboxRun.id)):
        if runs.get(run.user_id) is None or run.completed_at:
            runs[run.user_id] = run
    rows = []
    for participant in participants:
        mine = attempts.get(participant.user_id, {})
        row = Row(participant, mine.get("pre"), mine.get("post"), runs.get(participant.user_id))
        row.chosen = {kind: chosen[attempt.id] for kind, attempt in mine.items()}
        row.answers = {kind: {item_id: correct for item_id, _option, correct in answers}
                       for kind, answers in row.chosen.items()}
        rows.append(row)
    return rows


def maximum_of(rows):
    """The most a paired participant could score (the posttest's; the largest, should the
    sessions' tests differ), or None with no pairs: the gains and the plots are read against it."""
    return max((row.post.max_score for row in rows if row.paired), default=None)


def analyse(rows, alternative="two-sided"):
    pairs = [row for row in rows if row.paired]
    return paired([r.pre.score for r in pairs], [r.post.score for r in pairs], alternative, maximum_of(rows),
                  n_excluded=len(rows) - len(pairs))


def item_analysis(rows):
    """Per item: share right at the pretest and at the posttest (among those who had it),
    McNemar's exact p where the same people answered it twice, its corrected point-biserial
    within its form and plain flags; then modules, weakest first; then each form's KR-20."""
    taken = [(row, kind, getattr(row, kind)) for row in rows for kind in ("pre", "post") if getattr(row, kind)]
    if not taken:
        return [], [], []
    items = {}
    for _row, _kind, attempt in taken:
        items.update(version_items(attempt.content_hash))
    by_form, reliability = defaultdict(list), []
    for (form, kind), group in sorted(_groups(taken).items(), key=lambda kv: (kv[0][0] or "", kv[0][1] != "pre")):
        ids = list(dict.fromkeys(i for _row, _kind, a in group for i in a.item_ids))
        matrix = [[row.answers[kind].get(i, False) for i in ids] for row, kind, _a in group]
        reliability.append({"form": form, "kind": kind, **item_stats.analyse(matrix, ids)})
        by_form[form] += [(ids, line) for line in matrix]
    r_pbis = {}
    for form, lines in by_form.items():  # discrimination over both sittings of the form
        ids = lines[0][0]
        result = item_stats.analyse([line for _ids, line in lines], ids)
        r_pbis.update({entry["id"]: entry["r_pbis"] for entry in result["items"]})
    per_item = [_item_entry(items[item_id], item_id, rows, r_pbis.get(item_id))
                for item_id in dict.fromkeys(i for _r, _k, a in taken for i in a.item_ids)]
    modules = defaultdict(list)
    for entry in per_item:
        modules[entry["module"]].append(entry)
    by_module = sorted(({"module": module, "items": entries,
                         "pre": _mean([e["pre"] for e in entries]), "post": _mean([e["post"] for e in entries])}
                        for module, entries in modules.items()), key=lambda m: (m["post"] is None, m["post"] or 0))
    return sorted(per_item, key=lambda e: (e["post"] is None, e["post"] or 0)), by_module, reliability


def _groups(taken):
    groups = defaultdict(list)
    for row, kind, attempt in taken:
        groups[(attempt.form, kind)].append((row, kind, attempt))
    return groups


def _mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _item_entry(item, item_id, rows, r):
    before = [row.answers["pre"].get(item_id, False) for row in rows if row.pre and item_id in row.pre.item_ids]
    after = [row.answers["post"].get(item_id, False) for row in rows if row.post and item_id in row.post.item_ids]
    twice = [row for row in rows if row.paired and item_id in row.pre.item_ids and item_id in row.post.item_ids]
    test = mcnemar_exact([row.answers["pre"].get(item_id, False) for row in twice],
                         [row.answers["post"].get(item_id, False) for row in twice]) if twice else {"p": None}
    pre, post = _mean(before), _mean(after)
    return {"item": item, "module": item.module, "form": getattr(item, "form", None),
            "pre": pre, "post": post, "n_pre": len(before), "n_post": len(after), "r_pbis": r,
            "flags": item_stats.flags(pre, post, r), **test}


def orders(rows):
    """The gain by order of forms ('A→B', 'B→A'): n, mean gain, mean pretest score."""
    groups = defaultdict(list)
    for row in rows:
        label = order_label(row.pre.form, row.post.form) if row.paired else None
        if label:
            groups[label].append(row)
    return [{"order": label, "n": len(group), "gain": _mean([r.gain for r in group]),
             "pre": _mean([r.pre.score / r.pre.max_score for r in group if r.pre.max_score])}
            for label, group in sorted(groups.items())]


def ngain(rows):
    pairs = [row for row in rows if row.paired]
    return normalized_gains([r.pre.score for r in pairs], [r.post.score for r in pairs], maximum_of(rows))


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
