"""The order of the sandbox's pages, as in the M-Paspor app (facts §1, the Kanim Pati / Kompas
2023 order), and which of them apply.

Pure functions over the answers given so far. An application can hold several applicants (the
account holder adds family members with **Tambah Pemohon**): each applicant has their own pages,
keyed "data-diri" for the first and "data-diri.2", "data-diri.3" … for the others. A child's
pages ask for the parent's data.
"""
ACCOUNT = (
    "akun",              # create the M-Paspor account (Daftar Akun)
    "verifikasi",        # the code sent to the (simulated) inbox
    "masuk",             # sign in
    "layanan",           # Pengajuan Permohonan: Reguler or Percepatan
    "peringatan",        # the warning pop-up: fill in truthfully, payment is not refunded
)
APPLICANT = (
    "pemohon",           # Dewasa or Anak-anak
    "lokasi",            # the office, near the applicant's location (first applicant only)
    "jenis-paspor",      # ordinary or electronic, 5 or 10 years, with its fee
    "ktp",               # photo of the e-KTP (a child: the parent's) for the NIK check
    "data-diri",         # NIK, KK, name, birth date, marriage
    "orang-tua",         # a child's parent (only for children)
    "kuesioner",         # had a passport before (+ reason), purpose of travel
    "dokumen",           # document upload (JPG)
)
BOOKING = (
    "data-pemohon",      # the applicants so far, with Tambah Pemohon
    "tanggal",           # arrival date on the month calendar (quota)
    "jam",               # arrival time
    "periksa",           # check your answers and submit
)
STEPS = ACCOUNT + APPLICANT + BOOKING
SHARED = ("lokasi",)     # asked once per application, not per applicant
MAX_APPLICANTS = 3       # the practice's own limit (the app's is not taught as a number)
FAMILY = "_keluarga"     # not a page: how many applicants the learner added with Tambah Pemohon


def key(step, applicant=1):
    """The answers' key of an applicant's page: 'data-diri', 'data-diri.2' …"""
    return step if applicant == 1 else f"{step}.{applicant}"


def split(step_key):
    """('data-diri', 2) from 'data-diri.2'; ('tanggal', 1) from 'tanggal'."""
    base, _, number = step_key.partition(".")
    return base, int(number) if number.isdigit() else 1


def applicants(answers):
    return max(1, min(MAX_APPLICANTS, int((answers.get(FAMILY) or {}).get("count", 1))))


def personal_data(answers):
    """[(applicant, the answers of their personal data page)] for every applicant so far."""
    return [(n, answers.get(key("data-diri", n)) or {}) for n in range(1, applicants(answers) + 1)]


def applicant_steps(answers, applicant):
    """The page keys of one applicant, in order."""
    steps = []
    for step in APPLICANT:
        if step in SHARED and applicant > 1:
            continue
        if step == "orang-tua" and (answers.get(key("pemohon", applicant)) or {}).get("pemohon") != "anak":
            continue
        steps.append(key(step, applicant))
    return steps


def steps_for(answers):
    """Every page key of this application, in the app's order."""
    steps = list(ACCOUNT)
    for applicant in range(1, applicants(answers) + 1):
        steps += applicant_steps(answers, applicant)
    return steps + list(BOOKING)


def is_step(step_key):
    base, applicant = split(step_key)
    return base in STEPS and (applicant == 1 or (base in APPLICANT and base not in SHARED
                                                 and 1 < applicant <= MAX_APPLICANTS))


def next_step(step, answers):
    steps = steps_for(answers)
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(step, answers):
    steps = steps_for(answers)
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None


def first_unanswered(answers):
    """Where an interrupted booking resumes: the first page not yet completed."""
    for step in steps_for(answers):
        if step not in answers:
            return step
    return STEPS[-1]


def reviewed(answers):
    """(applicant, page key) of every page "check your answers" lists, each with a change link."""
    rows = [(1, "lokasi")]
    for applicant in range(1, applicants(answers) + 1):
        rows += [(applicant, step) for step in applicant_steps(answers, applicant)
                 if split(step)[0] not in SHARED + ("ktp",)]
    return rows + [(1, "tanggal"), (1, "jam")]


def add_applicant(answers):
    """Answers with one more applicant (Tambah Pemohon), or None at the practice's limit.
    'data-pemohon' is asked again once the new applicant's pages are done, and the date and time
    too: the slot must now hold one more person."""
    count = applicants(answers)
    if count >= MAX_APPLICANTS:
        return None
    data = {k: v for k, v in answers.items() if k not in ("data-pemohon", "tanggal", "jam")}
    data[FAMILY] = {"count": count + 1}
    return data


def remove_applicant(answers, applicant):
    """Answers without the last added applicant (only the last one can be taken out)."""
    count = applicants(answers)
    if applicant != count or applicant == 1:
        return None
    data = {k: v for k, v in answers.items() if split(k)[1] != applicant}
    data[FAMILY] = {"count": count - 1}
    return data
