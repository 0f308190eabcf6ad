"""The order of the sandbox's pages, as in the M-Paspor app, and which of them apply.

Pure functions over the answers given so far: a replacement asks for its reason, a child's
application asks for the parents' data.
"""
STEPS = (
    "akun",              # create the M-Paspor account
    "verifikasi",        # the code sent to the (simulated) inbox
    "masuk",             # sign in
    "pemohon",           # adult or child
    "jenis-permohonan",  # new passport or replacement (+ reason)
    "jenis-paspor",      # ordinary or electronic, 5 or 10 years, with its fee
    "provinsi",          # the office's province
    "kantor",            # the office
    "tanggal",           # arrival date (quota)
    "jam",               # arrival time
    "data-diri",         # NIK, KK, name, birth date, phone
    "orang-tua",         # a child's parent (only for children)
    "dokumen",           # document upload
    "periksa",           # check your answers
)
# Steps whose answers the "check your answers" page lists, each with a change link.
REVIEWED = STEPS[3:-1]


def applies(step, answers):
    if step == "orang-tua":
        return (answers.get("pemohon") or {}).get("pemohon") == "anak"
    return True


def steps_for(answers):
    return [step for step in STEPS if applies(step, answers)]


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
