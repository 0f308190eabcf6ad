"""The document upload page of the sandbox: checks each file, keeps only its description."""
from flask import redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _app
from flask_login import current_user, login_required

from app.domain.documents import MAX_BYTES, check_upload, describe, required_documents
from app.domain.sandbox_flow import first_unanswered, next_step, previous_step
from app.extensions import db
from app.forms import Form
from app.sandbox import runs
from app.sandbox.routes import bp, practice_people, step_url

LABELS = {
    "ktp": _l("Foto KTP"),
    "kk": _l("Foto Kartu Keluarga (KK)"),
    "akta": _l("Akta kelahiran, ijazah, buku nikah atau surat baptis"),
    "ktp_orang_tua": _l("Foto KTP ayah atau ibu"),
    "akta_kelahiran": _l("Akta kelahiran anak"),
    "buku_nikah_orang_tua": _l("Buku nikah atau akta perkawinan orang tua"),
    "paspor_lama": _l("Paspor lama (halaman data diri)"),
}
MESSAGES = {
    "empty": _l("Pilih foto dokumen ini."),
    "type": _l("File harus foto JPG. Foto dokumennya dengan kamera ponsel."),
    "size": _l("Foto terlalu besar. Paling besar 2 MB: foto ulang dengan ukuran lebih kecil."),
}


def sample_upload(people, code, document):
    """A practice card 'photographed' for the learner who has no photo at hand."""
    person = people.get(code)
    card = person.family_card if person and document == "kk" else (person.id_card if person else None)
    name = (card or "contoh-dokumen.svg").rsplit(".", 1)[0] + f"-{document}.jpg"
    return {"name": name, "type": "image/jpeg", "size": 184_320, "sample": True}


def read_upload(storage):
    """(description or None, problem code or None); the content itself is never kept."""
    head = storage.stream.read(8)
    storage.stream.seek(0, 2)
    size = storage.stream.tell()
    storage.stream.close()
    problems = check_upload(storage.filename or "", head, size)
    return (None, problems[0]) if problems else (describe(storage.filename, size), None)


@bp.route("/dokumen", methods=["GET", "POST"])
@login_required
def documents():
    run = runs.current_run(current_user)
    if "dokumen" not in run.answers and first_unanswered(run.answers) != "dokumen":
        return redirect(step_url(first_unanswered(run.answers)))
    required = required_documents(run.answers.get("pemohon", {}).get("pemohon"),
                                  run.answers.get("jenis-permohonan", {}).get("jenis"))
    uploads = dict(run.answers.get("dokumen") or run.answers.get("_uploads") or {})
    form, errors = Form(), {}
    if form.validate_on_submit():
        for document in required:
            storage = request.files.get(document)
            if storage and storage.filename:
                description, problem = read_upload(storage)
                if problem:
                    errors[document] = MESSAGES[problem]
                else:
                    uploads[document] = description
            elif "contoh" in request.form and document not in uploads:
                uploads[document] = sample_upload(practice_people(), run.person_code, document)
        errors.update({d: MESSAGES["empty"] for d in required if d not in uploads and d not in errors})
        runs.keep_uploads(run, uploads, done=not errors)
        if errors:
            runs.count_errors(run, "dokumen", errors)
        else:
            db.session.commit()
            target = "periksa" if request.args.get("ubah") else next_step("dokumen", run.answers)
            return redirect(step_url(target))
    runs.log_visit(run, "dokumen")
    db.session.commit()
    return render_template("sandbox/documents.html", form=form, required=required, labels=LABELS, step="dokumen",
                           uploads=uploads, errors=errors, max_mb=MAX_BYTES // (1024 * 1024),
                           submit=_app("m-paspor", "Lanjutkan"),
                           back=step_url(previous_step("dokumen", run.answers)))
