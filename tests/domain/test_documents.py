import pytest

from app.domain.documents import MAX_BYTES, check_upload, describe, identity_document, required_documents

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00"


@pytest.mark.parametrize("applicant, application, documents", [
    ("dewasa", "baru", ["kk", "akta"]),
    ("dewasa", "penggantian", ["kk", "akta", "paspor_lama"]),
    ("anak", "baru", ["kk", "akta_kelahiran", "buku_nikah_orang_tua"]),
])
def test_required_documents(applicant, application, documents):
    assert required_documents(applicant, application) == documents


def test_the_card_photographed_for_the_nik_check_is_a_parents_for_a_child():
    assert identity_document("dewasa") == "ktp" and identity_document("anak") == "ktp_orang_tua"


@pytest.mark.parametrize("name, head, size, problems", [
    ("ktp.jpg", JPEG, 200_000, []), ("KTP.JPEG", JPEG, 1, []), ("kk.png", PNG, 500_000, ["type"]),
    ("ktp.jpg", JPEG, MAX_BYTES + 1, ["size"]),
    ("ktp.pdf", b"%PDF-1.7", 1000, ["type"]),
    ("ktp.jpg", b"MZ\x90\x00", 1000, ["type"]),   # a program renamed to .jpg
    ("ktp.png", JPEG, 1000, ["type"]),            # name and content disagree
    ("ktp", JPEG, 1000, ["type"]),
    ("", b"", 0, ["empty"]), ("ktp.jpg", b"", 0, ["empty"]),
])
def test_uploads_are_checked_by_name_content_and_size(name, head, size, problems):
    assert check_upload(name, head, size) == problems


def test_only_name_type_and_size_are_kept():
    assert describe("Foto KTP.JPG", 1234) == {"name": "Foto KTP.JPG", "type": "image/jpeg", "size": 1234}
