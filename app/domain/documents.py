"""Which documents an application uploads, and what an upload may be (facts §1.8, §1.15).

Only a file's name, type and size are ever kept: its content is read for its first bytes
(to know its real type) and its length, then dropped.
"""
MAX_BYTES = 2 * 1024 * 1024
# The app asks for JPG photos of the documents (facts §1.14): a PNG or a PDF is refused.
SIGNATURES = {"image/jpeg": b"\xff\xd8\xff"}
EXTENSIONS = {".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def identity_document(applicant):
    """The card photographed for the NIK check before the personal data (facts §1.6): the
    applicant's e-KTP, or for a child the parent's KTP (facts §1.3)."""
    return "ktp_orang_tua" if applicant == "anak" else "ktp"


def required_documents(applicant, application):
    """Document keys in upload order, for 'dewasa'/'anak' and 'baru'/'penggantian' (the
    identity card was photographed earlier, for the NIK check)."""
    if applicant == "anak":
        docs = ["kk", "akta_kelahiran", "buku_nikah_orang_tua"]
    else:
        docs = ["kk", "akta"]
    if application == "penggantian":
        docs.append("paspor_lama")
    return docs


def check_upload(filename, head, size):
    """Problem codes of an upload: 'empty', 'type' (by name and by content) or 'size'."""
    if not filename or size == 0:
        return ["empty"]
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    declared = EXTENSIONS.get(extension)
    if declared is None or not head.startswith(SIGNATURES[declared]):
        return ["type"]
    if size > MAX_BYTES:
        return ["size"]
    return []


def describe(filename, size):
    """What is kept of an upload."""
    extension = "." + filename.rsplit(".", 1)[-1].lower()
    return {"name": filename[-120:], "type": EXTENSIONS[extension], "size": size}
