"""The sandbox's upload pages ('ktp', 'dokumen'): which documents a page asks for, and each sent
file checked, of which only its description is kept."""
from flask_babel import lazy_gettext as _l

from app.content import get_practice_people
from app.domain.documents import check_upload, describe, identity_document, required_documents
from app.domain.sandbox_flow import key, split
from app.sandbox import runs

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


def required(run, step):
    """The documents an upload page asks of its applicant: the e-KTP photo ('ktp', for the NIK
    check), or what their kind of application needs ('dokumen')."""
    base, applicant = split(step)
    kind = (run.answers.get(key("pemohon", applicant)) or {}).get("pemohon")
    if base == "ktp":
        return [identity_document(kind)]
    return required_documents(kind, (run.answers.get(key("kuesioner", applicant)) or {}).get("jenis"))


def receive(run, step, documents, uploads, files, samples):
    """Add the sent files to uploads ({document: description}), the practice cards standing in for
    the missing ones when the learner asks (samples), and keep them on the run. Returns
    {document: message} of what is still wrong or missing."""
    base, applicant = split(step)
    person = runs.person_for(get_practice_people(), run, key("data-diri", applicant))
    errors = {}
    for document in documents:
        storage = files.get(document)
        if storage and storage.filename:
            description, problem = read_upload(storage)
            if problem:
                errors[document] = MESSAGES[problem]
            else:
                uploads[document] = description
        elif samples and document not in uploads:
            uploads[document] = sample_upload(person, document)
    errors.update({d: MESSAGES["empty"] for d in documents if d not in uploads and d not in errors})
    runs.keep_uploads(run, step, uploads, done=not errors)
    if errors:
        runs.count_errors(run, base, errors)
    return errors
