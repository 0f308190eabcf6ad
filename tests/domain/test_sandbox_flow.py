from app.domain.sandbox_flow import STEPS, first_unanswered, next_step, previous_step, steps_for


def test_the_pages_follow_the_apps_order():
    assert STEPS[:3] == ("akun", "verifikasi", "masuk")
    assert STEPS.index("jenis-paspor") < STEPS.index("kantor") < STEPS.index("tanggal") \
        < STEPS.index("data-diri") < STEPS.index("dokumen") < STEPS.index("periksa")


def test_an_adult_skips_the_parents_page_and_a_child_does_not():
    adult = {"pemohon": {"pemohon": "dewasa"}}
    child = {"pemohon": {"pemohon": "anak"}}
    assert "orang-tua" not in steps_for(adult)
    assert next_step("data-diri", adult) == "dokumen"
    assert next_step("data-diri", child) == "orang-tua"
    assert previous_step("dokumen", child) == "orang-tua"
    assert previous_step("akun", child) is None and next_step("periksa", child) is None


def test_an_interrupted_booking_resumes_at_the_first_page_not_done():
    assert first_unanswered({}) == "akun"
    answers = {step: {} for step in STEPS[:5]}
    assert first_unanswered(answers) == "jenis-paspor"
    done = {step: {} for step in STEPS}
    assert first_unanswered(done) == "periksa"
