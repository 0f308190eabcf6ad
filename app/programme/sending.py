"""On the laptop: "Kirim hasil" writes a session's bundle for the programme's server."""
import re

from flask import Response, render_template, request
from flask_login import current_user

from app.auth.decorators import facilitator_required
from app.domain.bundle import pack
from app.extensions import db
from app.facilitator.services import session_for
from app.programme.bundles import build
from app.programme.routes import bp


@bp.get("/sesi/<int:session_id>/kirim")
@facilitator_required
def send(session_id):
    return render_template("programme/send.html", training_session=session_for(current_user, session_id))


@bp.get("/sesi/<int:session_id>/kirim/berkas")
@facilitator_required
def bundle_file(session_id):
    """The bundle as a download (a GET: it changes nothing but the laptop id made on first use)."""
    training_session = session_for(current_user, session_id)
    data = pack(build([training_session], pseudonymise=request.args.get("kode") == "1"))
    db.session.commit()
    slug = re.sub(r"[^a-z0-9]+", "-", training_session.place.lower()).strip("-")[:30] or "sesi"
    return Response(data, mimetype="application/gzip", headers={
        "Content-Disposition":
            f"attachment; filename=sesi-{training_session.id}-{slug}-{training_session.held_on}.json.gz"})
