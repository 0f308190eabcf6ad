from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.domain.codes import normalise_code
from app.extensions import db
from app.forms import Form
from app.models import Participant
from app.rooms.services import session_by_code


def participant_name(label, required, description=None):
    """A participant's name in the room: the same limit whether they join or a facilitator adds them."""
    return StringField(label, description=description, validators=[
        DataRequired(required), Length(max=60, message=_l("Nama paling banyak 60 huruf."))])


def helper_field(label, *required, description=None):
    """Who sits beside a participant, told by the participant or noted by the facilitator."""
    return StringField(label, description=description, validators=[
        *required, Length(max=80, message=_l("Nama paling banyak 80 huruf."))])


class JoinForm(Form):
    code = StringField(_l("Kode sesi"), description=_l("6 huruf dan angka dari fasilitator."),
                       validators=[DataRequired(_l("Tulis kode sesi."))])
    name = participant_name(_l("Nama Anda"), _l("Tulis nama Anda."),
                            _l("Nama panggilan saja. Tidak perlu e-mail atau kata sandi."))

    def validate_code(self, field):
        self.training_session = session_by_code(field.data)
        if self.training_session is None:
            raise ValidationError(_l("Kode ini tidak ditemukan. Periksa lagi kode di layar fasilitator."))
        if self.training_session.closed_at or self.training_session.posttest == "closed":
            raise ValidationError(_l("Sesi ini sudah selesai: tes akhir sudah ditutup. "
                                     "Sudah pernah bergabung? Lanjutkan dengan kode pribadi Anda."))


class ContinueForm(Form):
    code = StringField(_l("Kode pribadi"), description=_l("Kode yang tampil di layar ponsel Anda sebelumnya, atau di kartu peserta."),
                       validators=[DataRequired(_l("Tulis kode pribadi Anda."))])

    def validate_code(self, field):
        self.participant = db.session.scalar(select(Participant).where(
            Participant.personal_code == normalise_code(field.data)))
        if self.participant is None:
            raise ValidationError(_l("Kode pribadi ini tidak ditemukan. Periksa lagi, atau tanya fasilitator."))


class HelperForm(Form):
    helper_name = helper_field(_l("Nama orang yang membantu Anda"), DataRequired(_l("Tulis nama orang yang membantu.")),
                              description=_l("Keluarga atau relawan. Anda tetap mengetik jawaban sendiri."))
