"""One form per sandbox page. Checks and messages follow the M-Paspor form (facts §1–§3)."""
import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _app  # a label of the real app
from werkzeug.security import check_password_hash
from wtforms import (BooleanField, DateField, EmailField, PasswordField, RadioField, SelectChoice,
                     StringField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from app import clock
from app.domain import booking, identity, sandbox_flow
from app.forms import Form
from app.i18n import rupiah
from app.sandbox import machinery

PASSWORD = re.compile(r"^(?=.*[A-Z]).{8,12}$")


def choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


def longest(n):
    return Length(max=n, message=_l("Paling banyak %(max)d huruf atau angka."))


def ktp_name(form, field):
    """A name as a KTP writes it (the account holder's, an applicant's, a parent's)."""
    if identity.check_name(field.data):
        raise ValidationError(_l("Pakai huruf saja, seperti tertulis di KTP."))


class StepForm(Form):
    """A sandbox page's form. It knows the run and whose page it is (the first applicant or one
    added with Tambah Pemohon), so checks can look at that applicant's earlier answers."""

    def __init__(self, run, *args, applicant=1, person=None, **kwargs):
        self.run, self.applicant, self.person = run, applicant, person
        super().__init__(*args, **kwargs)

    def fields(self):
        return [f for f in self if f.name != "csrf_token"]

    def answers(self):
        """The entries as plain JSON values (dates as ISO text; a password is never kept)."""
        return {f.name: f.data.isoformat() if isinstance(f.data, date) else f.data
                for f in self.fields() if f.type != "PasswordField"}

    def prefill(self, saved):
        for f in self.fields():
            if f.name in (saved or {}) and f.type != "PasswordField":
                value = saved[f.name]
                f.data = date.fromisoformat(value) if f.type == "DateField" and value else value

    def earlier(self, step, name, default=None):
        """An answer given before: an applicant's page of this same applicant."""
        if step in sandbox_flow.APPLICANT and step not in sandbox_flow.SHARED:
            step = sandbox_flow.key(step, self.applicant)
        return (self.run.answers.get(step) or {}).get(name, default)

    def from_card(self):
        """The practice person whose drawn card the learner is typing from, if any."""
        return self.person if self.run.type_from_card else None


class AccountForm(StepForm):
    nama_lengkap = StringField(_l("Nama lengkap"), description=_l("Sesuai KTP."),
                               validators=[DataRequired(_l("Tulis nama lengkap Anda sesuai KTP.")), longest(100)])
    tanggal_lahir = DateField(_l("Tanggal lahir"), validators=[InputRequired(_l("Pilih tanggal lahir."))])
    jenis_kelamin = RadioField(_l("Jenis kelamin"), choices=choices(
        [("L", _l("Laki-laki")), ("P", _l("Perempuan"))]),
        validators=[DataRequired(_l("Pilih jenis kelamin."))])
    email = EmailField(_l("Alamat e-mail"), description=_l("Kode verifikasi dikirim ke sini."),
                       validators=[DataRequired(_l("Tulis alamat e-mail.")),
                                   Email(_l("Tulis e-mail seperti nama@contoh.id."))])
    nomor_ponsel = StringField(_l("Nomor ponsel"), description=_l("Contoh: 0812 3456 7890"),
                               validators=[DataRequired(_l("Tulis nomor ponsel.")), longest(20)])
    kata_sandi = PasswordField(_l("Kata sandi"),
                               description=_l("8 sampai 12 karakter, paling sedikit satu huruf besar."),
                               validators=[DataRequired(_l("Buat kata sandi."))])
    setuju = BooleanField(_l("Saya setuju dengan Syarat & Ketentuan"),
                          validators=[DataRequired(_l("Centang kotak ini untuk melanjutkan."))])

    validate_nama_lengkap = ktp_name

    def validate_tanggal_lahir(self, field):
        if field.data and identity.check_birth_date(field.data, clock.today()):
            raise ValidationError(_l("Tanggal lahir harus sebelum hari ini."))

    def validate_nomor_ponsel(self, field):
        if identity.check_phone(field.data):
            raise ValidationError(_l("Tulis nomor ponsel yang dimulai 08 atau +62, misalnya 0812 3456 7890."))

    def validate_kata_sandi(self, field):
        if not PASSWORD.match(field.data or ""):
            raise ValidationError(_l("Kata sandi harus 8 sampai 12 karakter dengan paling sedikit satu huruf besar."))


class VerifyForm(StepForm):
    kode = StringField(_l("Kode verifikasi"), description=_l("Kode dari e-mail M-Paspor (di latihan ini: 6 angka)."),
                       validators=[DataRequired(_l("Tulis kode verifikasi dari e-mail.")), longest(10)])

    def validate_kode(self, field):
        inbox = machinery.inbox(self.run)
        latest = inbox[-1]["code"] if inbox else None
        if re.sub(r"\s", "", field.data or "") != latest:
            raise ValidationError(_l("Kode tidak cocok. Pakai kode di e-mail yang paling baru."))


class SignInForm(StepForm):
    email = EmailField(_l("Alamat e-mail"), validators=[DataRequired(_l("Tulis alamat e-mail."))])
    kata_sandi = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Tulis kata sandi."))])

    def validate_kata_sandi(self, field):
        account = self.run.answers.get("akun") or {}
        secret = machinery.password_hash(self.run)
        if (self.email.data or "").strip().lower() != (account.get("email") or "").lower() \
                or not secret or not check_password_hash(secret, field.data or ""):
            raise ValidationError(_l("E-mail atau kata sandi salah. Pakai yang Anda buat saat daftar."))


class ServiceForm(StepForm):
    layanan = RadioField(_l("Pilih layanan"), choices=choices([
        ("reguler", _app("m-paspor", "Permohonan Paspor Reguler")),
        ("percepatan", _app("m-paspor", "Permohonan Paspor Percepatan"))]),
        validators=[DataRequired(_l("Pilih Reguler atau Percepatan."))])


class WarningForm(StepForm):
    """The app's warning pop-up: read it, then Lanjutkan."""


class ApplicantForm(StepForm):
    pemohon = RadioField(_l("Siapa yang akan dibuatkan paspor?"), choices=choices([
        ("dewasa", _l("Dewasa: 17 tahun ke atas, atau sudah punya KTP")),
        ("anak", _l("Anak-anak: di bawah 17 tahun, atau belum punya KTP"))]),
        validators=[DataRequired(_l("Pilih dewasa atau anak-anak."))])


class QuestionnaireForm(StepForm):
    """Kuesioner (data isian keimigrasian): a passport before, and why a new one; the purpose."""
    jenis = RadioField(_l("Kepemilikan paspor: apakah Anda sudah pernah punya paspor?"), choices=choices([
        ("baru", _l("Belum: paspor baru")),
        ("penggantian", _l("Sudah: penggantian paspor"))]),
        validators=[DataRequired(_l("Pilih Belum atau Sudah."))])
    alasan = RadioField(_l("Alasan penggantian"), description=_l("Hanya jika Anda sudah punya paspor."),
                        choices=choices([("habis", _app("m-paspor", "Habis Masa Berlaku")),
                                         ("penuh", _l("Halaman penuh"))]),
                        validate_choice=False)
    tujuan = RadioField(_l("Tujuan membuat paspor"), choices=choices([
        ("wisata", _l("Wisata")), ("ibadah", _l("Umrah atau haji")), ("kerja", _l("Bekerja")),
        ("belajar", _l("Belajar")), ("keluarga", _l("Mengunjungi keluarga"))]),
        validators=[DataRequired(_l("Pilih tujuan membuat paspor. Jika ragu, pilih Wisata."))])

    def validate_alasan(self, field):
        if self.jenis.data == "penggantian" and field.data not in ("habis", "penuh"):
            raise ValidationError(_l("Pilih alasan penggantian."))
        if self.jenis.data != "penggantian":
            field.data = None
        elif self.earlier("layanan", "layanan") == "percepatan" and field.data != "habis":
            raise ValidationError(_l("Layanan percepatan hanya untuk paspor baru atau paspor yang habis "
                                     "masa berlakunya. Kembali ke awal dan pilih Reguler."))


def _passport_choices():
    labels = {"biasa": _l("Paspor biasa"), "elektronik": _l("Paspor elektronik (e-paspor)")}
    return [SelectChoice(f"{kind}-{years}", f"{labels[kind]}, {years} " + str(_l("tahun")) + " — " + rupiah(fee))
            for (kind, years), fee in booking.FEES.items()]


class PassportTypeForm(StepForm):
    paspor = RadioField(_l("Jenis paspor"), validators=[DataRequired(_l("Pilih jenis paspor."))])

    def __init__(self, run, *args, **kwargs):
        super().__init__(run, *args, **kwargs)
        self.paspor.choices = _passport_choices()

    def validate_paspor(self, field):
        years = (field.data or "").rpartition("-")[2]
        if field.data not in [choice.value for choice in field.choices] or not years.isdigit():
            return  # not one of the choices: the field already says so
        # This applicant's own type decides (a child added by an adult account gets 5 years);
        # their birth date and marriage are checked again on the personal data page.
        if self.earlier("pemohon", "pemohon") == "anak" and not booking.validity_allowed(int(years), 0):
            raise ValidationError(TEN_YEARS)


TEN_YEARS = _l("Masa berlaku 10 tahun hanya untuk umur 17 tahun ke atas atau yang sudah menikah. Pilih 5 tahun.")

NIK_MESSAGES = {
    "digits": _l("NIK hanya berisi angka."),
    "length": _l("NIK harus 16 angka. Hitung lagi angka di KTP."),
    "province": _l("Dua angka pertama NIK adalah kode provinsi. Periksa lagi NIK di KTP."),
    "region": _l("Kode wilayah di NIK tidak mungkin 00. Periksa lagi NIK di KTP."),
    "date": _l("Angka ke-7 sampai ke-12 NIK adalah tanggal lahir. Periksa lagi."),
    "serial": _l("Empat angka terakhir NIK tidak boleh 0000."),
    "birth_date_mismatch": _l("Tanggal lahir di NIK (angka ke-7 sampai ke-12) tidak sama dengan tanggal lahir Anda. Di M-Paspor ini membuat \"identitas tidak valid\"."),
    "sex_mismatch": _l("NIK ini tidak cocok dengan jenis kelamin. Untuk perempuan, tanggal lahir di NIK ditambah 40."),
}
NOT_ON_CARD = _l("Identitas tidak valid: data ini tidak sama dengan kartu. Di M-Paspor, NIK dan tanggal lahir "
                 "harus sama persis dengan data Dukcapil. Lihat lagi kartunya, angka demi angka.")
KK_MESSAGES = {
    "digits": _l("Nomor KK hanya berisi angka."),
    "length": _l("Nomor KK harus 16 angka. Lihat bagian atas Kartu Keluarga."),
    "province": _l("Dua angka pertama nomor KK adalah kode provinsi. Periksa lagi."),
    "region": _l("Kode wilayah di nomor KK tidak mungkin 00. Periksa lagi."),
}


class PersonalDataForm(StepForm):
    nik = StringField(_l("NIK"), description=_l("16 angka di KTP (anak: di KK atau KIA)."),
                      validators=[DataRequired(_l("Tulis NIK.")), longest(30)])
    nomor_kk = StringField(_l("Nomor Kartu Keluarga (KK)"), description=_l("16 angka di bagian atas KK."),
                           validators=[DataRequired(_l("Tulis nomor KK.")), longest(30)])
    nama_lengkap = StringField(_l("Nama lengkap"), description=_l("Sesuai KTP."),
                               validators=[DataRequired(_l("Tulis nama lengkap Anda sesuai KTP.")), longest(100)])
    tempat_lahir = StringField(_l("Tempat lahir"), validators=[DataRequired(_l("Tulis tempat lahir.")), longest(60)])
    tanggal_lahir = DateField(_l("Tanggal lahir"), validators=[InputRequired(_l("Pilih tanggal lahir."))])
    jenis_kelamin = RadioField(_l("Jenis kelamin"), choices=choices(
        [("L", _l("Laki-laki")), ("P", _l("Perempuan"))]),
        validators=[DataRequired(_l("Pilih jenis kelamin."))])
    status_kawin = RadioField(_l("Status perkawinan"), choices=choices(
        [("belum", _l("Belum kawin")), ("kawin", _l("Kawin")), ("cerai", _l("Cerai"))]),
        validators=[DataRequired(_l("Pilih status perkawinan."))])

    def validate_nik(self, field):
        problems = identity.check_nik(field.data, clock.today(), self.tanggal_lahir.data,
                                      {"P": True, "L": False}.get(self.jenis_kelamin.data))
        if problems:
            raise ValidationError(NIK_MESSAGES[problems[0]])
        card = self.from_card()
        if card and identity.digits_only(field.data) != card.nik:
            raise ValidationError(NOT_ON_CARD)

    def validate_nomor_kk(self, field):
        problems = identity.check_kk(field.data)
        if problems:
            raise ValidationError(KK_MESSAGES[problems[0]])
        card = self.from_card()
        if card and identity.digits_only(field.data) != card.kk:
            raise ValidationError(_l("Nomor KK tidak sama dengan Kartu Keluarga. Lihat lagi angka di bagian atas KK."))

    validate_nama_lengkap = ktp_name

    def validate_tanggal_lahir(self, field):
        if not field.data:
            return
        today = clock.today()
        if identity.check_birth_date(field.data, today):
            raise ValidationError(_l("Tanggal lahir harus sebelum hari ini."))
        card = self.from_card()
        if card and field.data != card.birth_date:
            raise ValidationError(NOT_ON_CARD)
        # The applicant's own age and marriage decide, never the account holder's (facts §2.4).
        age = identity.age_on(field.data, today)
        married = self.status_kawin.data in ("kawin", "cerai")
        chosen = self.earlier("pemohon", "pemohon")
        if chosen == "dewasa" and age < identity.ADULT_AGE and not married:
            raise ValidationError(_l("Umur di bawah 17 tahun dan belum menikah. Kembali ke halaman Pemohon dan pilih Anak-anak."))
        years = (self.earlier("jenis-paspor", "paspor") or "").rpartition("-")[2]
        if years.isdigit() and not booking.validity_allowed(int(years), age, married):
            raise ValidationError(TEN_YEARS)

    def answers(self):
        data = super().answers()
        data["nik"], data["nomor_kk"] = identity.digits_only(data["nik"]), identity.digits_only(data["nomor_kk"])
        return data


class ParentForm(StepForm):
    nama_orang_tua = StringField(_l("Nama ayah, ibu, atau wali"), description=_l("Sesuai KTP orang tua atau wali."),
                                 validators=[DataRequired(_l("Tulis nama ayah, ibu, atau wali.")), longest(100)])
    nik_orang_tua = StringField(_l("NIK ayah, ibu, atau wali"), description=_l("16 angka di KTP orang tua atau wali."),
                                validators=[DataRequired(_l("Tulis NIK orang tua.")), longest(30)])

    validate_nama_orang_tua = ktp_name

    def validate_nik_orang_tua(self, field):
        problems = identity.check_nik(field.data, clock.today())
        if problems:
            raise ValidationError(NIK_MESSAGES[problems[0]])
        if identity.digits_only(field.data) == self.earlier("data-diri", "nik"):
            raise ValidationError(_l("Ini NIK anak. Tulis NIK ayah, ibu, atau wali."))
        card = self.from_card()
        if card and identity.digits_only(field.data) != card.nik:
            raise ValidationError(NOT_ON_CARD)


class StartForm(Form):
    person = StringField(validators=[longest(40)])
    cara = StringField(validators=[longest(10)])  # "ketik": type the data from the card
    problems = BooleanField(_l("Latihan dengan masalah: e-mail terlambat, kuota penuh, pembayaran tertunda, sinyal putus"))


class ResendForm(Form):
    pass
