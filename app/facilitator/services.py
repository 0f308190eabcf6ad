"""Sessions a facilitator runs: scoped to their owner, with the room's progress."""
from flask import abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.domain.codes import new_code
from app.extensions import db
from app.learn.services import journey_state
from app.models import Cohort, Participant


def cohorts_for(user):
    query = select(Cohort).order_by(Cohort.held_on.desc(), Cohort.id.desc())
    if user.role != "admin":
        query = query.where(Cohort.facilitator_id == user.id)
    return list(db.session.scalars(query))


def cohort_for(user, cohort_id):
    """The session if this user may see it, else 404 (the same answer as for a missing one)."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None or (user.role != "admin" and cohort.facilitator_id != user.id):
        abort(404)
    return cohort


def create_cohort(user, form, course_id):
    for _ in range(10):
        try:
            with db.session.begin_nested():
                cohort = Cohort(facilitator_id=user.id, name=form.name.data.strip(),
                                place=form.place.data.strip(), held_on=form.held_on.data,
                                course_id=course_id, join_code=new_code(6))
                db.session.add(cohort)
            return cohort
        except IntegrityError:  # the join code was taken: draw another
            continue
    raise RuntimeError("no free join code")


def participants_of(cohort):
    return list(db.session.scalars(select(Participant).where(Participant.cohort_id == cohort.id)
                                   .order_by(Participant.display_name)))


def board_rows(cohort, course):
    """(participant, stage) for each person in the room."""
    return [(p, journey_state(p.user, course).stage()) for p in participants_of(cohort)]


def qr_svg(text):
    import segno

    return segno.make(text, error="m").svg_inline(scale=6, dark="#1b1b1b")

