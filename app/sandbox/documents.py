"""The document upload page of the sandbox: checks each file, keeps only its description."""
from flask import redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _app

from app.content import get_practice_people
from app.domain.documents import MAX_BYTES, check_upload, describe, identity_document, required_documents
from app.domain.sandbox_flow import key, split
from app.extensions import db
from app.forms import Form
from app.sandbox import runs
from app.sandbox.routes import VIEWS, back_url, url_after

LABELS = {
    "ktp": _l("Foto e-KTP"),
    "kk": _l("Foto Kartu Keluarga (KK)"),
    "akta": _l("Akta kelahiran, ijazah, buku nikah atau surat baptis"),
    "ktp_orang_tua": _l("Foto KTP ayah, ibu, atau wali"),
    "akta_kelahiran": _l("Akta kelahiran anak"),
    "buku_nikah_orang_tua": _l("Buku nikah atau akta perkawinan orang tua"),
    "paspor_lama": _l("Paspor lama (halaman data diri)"),
}
MESSAGES = {
    "empty": _l("Pilih foto dokumen ini."),
    "type": _l("File harus foto JPG. Foto dokumennya dengan kamera ponsel."),
    "size": _l("Foto terlalu besar. Paling besar 2 MB: foto ulang dengan ukuran lebih kecil."),
}


def sample_upload(person, document):
    """A practice card 'photographed' for the learner who has no photo at hand."""
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


def upload(run, step):
    """An upload page: the e-KTP photo ('ktp', for the NIK check) or the documents ('dokumen'),
    for the applicant the page belongs to."""
    base, applicant = split(step)
    kind = (run.answers.get(key("pemohon", applicant)) or {}).get("pemohon")
    if base == "ktp":
        required = [identity_document(kind)]
    else:
        required = required_documents(kind, (run.answers.get(key("kuesioner", applicant)) or {}).get("jenis"))
    uploads = runs.uploads_so_far(run, step)
    person = runs.person_for(get_practice_people(), run, key("data-diri", applicant))
    form, errors = Form(), {}
    if form.validate_on_submit():
        runs.time_on_page(run, step)
        for document in required:
            storage = request.files.get(document)
            if storage and storage.filename:
                description, problem = read_upload(storage)
                if problem:
                    errors[document] = MESSAGES[problem]
                else:
                    uploads[document] = description
            elif "contoh" in request.form and document not in uploads:
                uploads[document] = sample_upload(person, document)
        errors.update({d: MESSAGES["empty"] for d in required if d not in uploads and d not in errors})
        runs.keep_uploads(run, step, uploads, done=not errors)
        if errors:
            runs.count_errors(run, base, errors)
        else:
            db.session.commit()
            return redirect(url_after(step, run))
    runs.page_shown(step)
    db.session.commit()
    return render_template("sandbox/documents.html", form=form, required=required, labels=LABELS,
                           step=step, run=run, uploads=uploads, errors=errors,
                           max_mb=MAX_BYTES // (1024 * 1024), identity_photo=base == "ktp",
                           submit=_app("m-paspor", "Lanjutkan"), back=back_url(step, run))


VIEWS["ktp"] = VIEWS["dokumen"] = upload
