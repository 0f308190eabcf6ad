"""On the laptop: "Kirim hasil" writes a session's bundle for the programme's server."""
import re

from flask import Response, render_template, request
from flask_login import current_user

from app.auth.decorators import facilitator_required
from app.domain.bundle import pack
from app.extensions import db
from app.facilitator.services import cohort_for
from app.programme.bundles import build
from app.programme.routes import bp


@bp.get("/sesi/<int:cohort_id>/kirim")
@facilitator_required
def send(cohort_id):
    return render_template("programme/send.html", cohort=cohort_for(current_user, cohort_id))


@bp.get("/sesi/<int:cohort_id>/kirim/berkas")
@facilitator_required
def bundle_file(cohort_id):
    """The bundle as a download (a GET: it changes nothing but the laptop id made on first use)."""
    cohort = cohort_for(current_user, cohort_id)
    data = pack(build([cohort], pseudonymise=request.args.get("kode") == "1"))
    db.session.commit()
    slug = re.sub(r"[^a-z0-9]+", "-", cohort.place.lower()).strip("-")[:30] or "sesi"
    return Response(data, mimetype="application/gzip", headers={
        "Content-Disposition": f"attachment; filename=sesi-{cohort.id}-{slug}-{cohort.held_on}.json.gz"})
