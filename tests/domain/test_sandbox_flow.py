from app.domain.sandbox_flow import (MAX_APPLICANTS, STEPS, add_applicant, first_unanswered, is_step,
                                     next_step, previous_step, remove_applicant, reviewed, split,
                                     steps_for)


def test_the_pages_follow_the_apps_order():
    """Facts §1 (Kanim Pati / Kompas 2023): account, Reguler/Percepatan, the warning, the applicant,
    the office, the passport type, the e-KTP photo and data, the questionnaire, the uploads, Data
    Pemohon, then date and time."""
    assert steps_for({}) == ["akun", "verifikasi", "masuk", "layanan", "peringatan", "pemohon", "lokasi",
                             "jenis-paspor", "ktp", "data-diri", "kuesioner", "dokumen", "data-pemohon",
                             "tanggal", "jam", "periksa"]


def test_an_adult_skips_the_parents_page_and_a_child_does_not():
    adult = {"pemohon": {"pemohon": "dewasa"}}
    child = {"pemohon": {"pemohon": "anak"}}
    assert "orang-tua" not in steps_for(adult)
    assert next_step("data-diri", adult) == "kuesioner"
    assert next_step("data-diri", child) == "orang-tua"
    assert previous_step("kuesioner", child) == "orang-tua"
    assert previous_step("akun", child) is None and next_step("periksa", child) is None


def test_an_added_applicant_has_their_own_pages_before_data_pemohon_but_not_the_office():
    answers = {step: {} for step in STEPS}
    added = add_applicant(answers)
    assert "data-pemohon" not in added and "tanggal" not in added  # asked again, for two people
    steps = steps_for(dict(added, **{"pemohon.2": {"pemohon": "anak"}}))
    second = steps[steps.index("dokumen") + 1:steps.index("data-pemohon")]
    assert second == ["pemohon.2", "jenis-paspor.2", "ktp.2", "data-diri.2", "orang-tua.2", "kuesioner.2",
                      "dokumen.2"]
    assert first_unanswered(added) == "pemohon.2"
    assert split("data-diri.2") == ("data-diri", 2) and split("tanggal") == ("tanggal", 1)
    assert is_step("data-diri.2") and not is_step("lokasi.2") and not is_step("tanggal.2")
    assert not is_step(f"pemohon.{MAX_APPLICANTS + 1}") and not is_step("rahasia")


def test_the_family_has_a_limit_and_only_the_last_added_can_be_taken_out():
    answers = {}
    for _ in range(MAX_APPLICANTS - 1):
        answers = add_applicant(answers)
    assert add_applicant(answers) is None
    answers["data-diri.3"] = {"nama_lengkap": "X"}
    assert remove_applicant(answers, 2) is None and remove_applicant(answers, 1) is None
    fewer = remove_applicant(answers, 3)
    assert "data-diri.3" not in fewer and fewer["_keluarga"] == {"count": MAX_APPLICANTS - 1}


def test_check_your_answers_lists_each_applicants_pages_once():
    answers = {"_keluarga": {"count": 2}, "pemohon": {"pemohon": "dewasa"}, "pemohon.2": {"pemohon": "anak"}}
    rows = reviewed(answers)
    assert rows[0] == (1, "lokasi") and rows[-2:] == [(1, "tanggal"), (1, "jam")]
    assert (2, "orang-tua.2") in rows and (1, "orang-tua") not in rows
    assert not any(step.startswith("ktp") for _, step in rows)


def test_an_interrupted_booking_resumes_at_the_first_page_not_done():
    assert first_unanswered({}) == "akun"
    answers = {step: {} for step in STEPS[:5]}
    assert first_unanswered(answers) == "pemohon"
    done = {step: {} for step in STEPS}
    assert first_unanswered(done) == "periksa"
