"""Forms of the booking part of the sandbox: office, date and time with their quota, payment."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, ValidationError

from app.domain import identity
from app.forms import Form
from app.sandbox import services
from app.sandbox.forms import StepForm, choices


class ProvinceForm(StepForm):
    provinsi = SelectField(_l("Provinsi kantor imigrasi"),
                           description=_l("Anda boleh memilih kantor mana saja, tidak harus sesuai alamat KTP."),
                           validators=[DataRequired(_l("Pilih provinsi."))])

    def __init__(self, run, *args, **kwargs):
        super().__init__(run, *args, **kwargs)
        self.provinsi.choices = [SelectChoice("", _l("— Pilih provinsi —"))] + choices(
            (p, p) for p in services.provinces())


class OfficeForm(StepForm):
    kantor = RadioField(_l("Kantor imigrasi"), validators=[DataRequired(_l("Pilih kantor imigrasi."))])

    def __init__(self, run, *args, **kwargs):
        super().__init__(run, *args, **kwargs)
        offices = services.offices_in(self.earlier("provinsi", "provinsi"))
        self.kantor.choices = choices((o.code, f"{o.name} — {o.city}") for o in offices)


class DateForm(StepForm):
    tanggal = RadioField(_l("Tanggal kedatangan"), validate_choice=False,
                         validators=[DataRequired(_l("Pilih tanggal yang berwarna hijau."))])

    def __init__(self, run, calendar, *args, **kwargs):
        super().__init__(run, *args, **kwargs)
        self.calendar = calendar
        self.tanggal.choices = choices((day.isoformat(), day.isoformat()) for day, _, _ in calendar)

    def validate_tanggal(self, field):
        free = {day.isoformat() for day, slots, closed in self.calendar
                if services.day_is_free(slots, closed)}
        if field.data not in free:
            raise ValidationError(_l("Tanggal ini sudah penuh. Pilih tanggal yang berwarna hijau."))


class TimeForm(StepForm):
    jam = RadioField(_l("Jam kedatangan"), validate_choice=False,
                     validators=[DataRequired(_l("Pilih jam kedatangan."))])

    def __init__(self, run, slots, *args, **kwargs):
        super().__init__(run, *args, **kwargs)
        self.slots = slots
        self.jam.choices = choices((slot.time, slot.time) for slot in slots)

    def validate_jam(self, field):
        if field.data not in {slot.time for slot in self.slots if slot.booked < slot.quota}:
            raise ValidationError(_l("Jam ini sudah penuh. Pilih jam lain yang masih tersedia."))


class PaymentForm(Form):
    kanal = RadioField(_l("Cara membayar"), choices=choices([
        ("mobile-banking", _l("Mobile banking (menu Penerimaan Negara / MPN)")),
        ("atm", _l("ATM atau teller bank")),
        ("indomaret", _l("Indomaret")),
        ("kantor-pos", _l("Kantor Pos")),
        ("marketplace", _l("Tokopedia atau Bukalapak"))]),
        validators=[DataRequired(_l("Pilih cara membayar."))])
    kode_billing = StringField(_l("Kode billing"), description=_l("15 angka dari Detail Permohonan."),
                               validators=[DataRequired(_l("Tulis kode billing."))])

    def __init__(self, billing_code, *args, **kwargs):
        self.billing_code = billing_code
        super().__init__(*args, **kwargs)

    def validate_kode_billing(self, field):
        code = identity.digits_only(field.data)
        if not code.isdigit() or len(code) != 15:
            raise ValidationError(_l("Kode billing harus 15 angka. Salin lagi dari Detail Permohonan."))
        if code != self.billing_code:
            raise ValidationError(_l("Kode billing tidak ditemukan. Periksa lagi setiap angka."))
