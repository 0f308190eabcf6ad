"""Forms of the booking part of the sandbox: office, date and time with their quota, payment."""
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, ValidationError

from app.domain import booking, identity
from app.forms import Form
from app.sandbox import services
from app.sandbox.forms import StepForm, choices


class OfficeForm(StepForm):
    """The office, picked from the list the search shows (any office of the app may be chosen)."""
    kantor = RadioField(_l("Kantor imigrasi"), validate_choice=False,
                        validators=[DataRequired(_l("Cari kantor, lalu pilih satu dari daftar."))])

    def validate_kantor(self, field):
        if services.office_by_code(field.data) is None:
            raise ValidationError(_l("Kantor ini tidak ada di daftar. Cari lagi, lalu pilih satu."))


class DateForm(StepForm):
    tanggal = RadioField(_l("Tanggal kedatangan"), validate_choice=False,
                         validators=[DataRequired(_l("Pilih tanggal yang berwarna hijau."))])

    def __init__(self, run, calendar, places=1, *args, **kwargs):
        super().__init__(run, *args, **kwargs)
        self.calendar, self.places = calendar, places
        self.free = {day for day, slots, closed in calendar
                     if booking.day_has_room([(s.booked, s.quota) for s in slots], closed, places)}
        self.first_free = booking.first_day_with_room(self.free)
        self.tanggal.choices = choices((day.isoformat(), day.isoformat()) for day, _, _ in calendar)

    def validate_tanggal(self, field):
        if field.data not in {day.isoformat() for day in self.free}:
            raise ValidationError(_l("Tanggal ini sudah penuh. Pilih tanggal yang berwarna hijau."))

    @staticmethod
    def weekdays():
        """Monday to Sunday, short, in the page's language (Sen … Min / Mon … Sun)."""
        return [format_date(date(2024, 1, 1) + timedelta(days=n), "EEE") for n in range(7)]

    def months(self):
        """The month calendar: [(month, weeks of (date, state))], state 'free', 'full' or None
        (a weekend, a past day, or a day not yet open for booking)."""
        days = {day for day, _, _ in self.calendar}
        if not days:
            return []
        return [(month, [[(d, ("free" if d in self.free else "full") if d in days else None) for d in week]
                         for week in weeks])
                for month, weeks in booking.month_weeks(min(days), max(days))]


class TimeForm(StepForm):
    jam = RadioField(_l("Jam kedatangan"), validate_choice=False,
                     validators=[DataRequired(_l("Pilih jam kedatangan."))])

    def __init__(self, run, slots, places=1, *args, **kwargs):
        super().__init__(run, *args, **kwargs)
        self.slots, self.places = slots, places
        self.jam.choices = choices((slot.time, slot.time) for slot in slots)

    def has_room(self, slot):
        return booking.has_room(slot.booked, slot.quota, self.places)

    def validate_jam(self, field):
        if field.data not in {slot.time for slot in self.slots if self.has_room(slot)}:
            raise ValidationError(_l("Jam ini sudah penuh. Pilih jam lain yang masih tersedia."))


class PaymentForm(Form):
    kanal = RadioField(_l("Cara membayar"), choices=choices([
        ("mobile-banking", _l("Mobile banking (menu Penerimaan Negara / MPN)")),
        ("atm", _l("ATM, atau teller (petugas loket) di bank")),
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
