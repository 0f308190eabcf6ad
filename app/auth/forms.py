import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.extensions import db
from app.forms import Form
from app.models import User

USERNAME = re.compile(r"^[a-z0-9._-]+$")
COMMON_PASSWORDS = {"12345678", "123456789", "1234567890", "password", "password1", "qwertyui",
                    "11111111", "87654321", "iloveyou", "passw0rd", "sayang123", "bismillah",
                    "indonesia", "rahasia123", "paspor123", "00000000", "abcd1234"}


class SignupForm(Form):
    display_name = StringField(
        _l("Nama panggilan"), description=_l("Nama yang tampil di layar. Boleh nama panggilan."),
        validators=[DataRequired(_l("Tulis nama Anda.")),
                    Length(max=80, message=_l("Nama paling banyak 80 huruf."))])
    username = StringField(
        _l("Nama pengguna"),
        description=_l("Untuk masuk nanti. Huruf kecil, angka, titik atau garis bawah. Contoh: siti.rahayu"),
        validators=[DataRequired(_l("Tulis nama pengguna.")),
                    Length(min=3, max=40, message=_l("Nama pengguna harus 3 sampai 40 huruf."))])
    email = EmailField(
        _l("E-mail (boleh dikosongkan)"),
        validators=[Optional(), Email(_l("Tulis e-mail seperti nama@contoh.id."))])
    password = PasswordField(
        _l("Kata sandi"), description=_l("Paling sedikit 8 huruf atau angka. Jangan beri tahu orang lain."),
        validators=[DataRequired(_l("Buat kata sandi.")),
                    Length(min=8, max=128, message=_l("Kata sandi harus paling sedikit 8 huruf atau angka."))])
    password_again = PasswordField(
        _l("Ulangi kata sandi"),
        validators=[DataRequired(_l("Tulis kata sandi sekali lagi.")),
                    EqualTo("password", _l("Kedua kata sandi tidak sama. Tulis lagi dengan teliti."))])
    submit = SubmitField(_l("Daftar"))

    def validate_username(self, field):
        field.data = (field.data or "").strip().lower()
        if not USERNAME.match(field.data):
            raise ValidationError(_l("Pakai huruf kecil, angka, titik (.), garis bawah (_) atau strip (-) saja, tanpa spasi."))
        taken = db.session.scalar(select(User.id).where(func.lower(User.username) == field.data))
        if taken:
            raise ValidationError(_l("Nama pengguna ini sudah dipakai. Coba nama lain, misalnya dengan angka di belakangnya."))

    def validate_password(self, field):
        if field.data and field.data.lower() in COMMON_PASSWORDS:
            raise ValidationError(_l("Kata sandi ini terlalu mudah ditebak. Buat yang lain."))


class LoginForm(Form):
    username = StringField(_l("Nama pengguna"), validators=[DataRequired(_l("Tulis nama pengguna."))])
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Tulis kata sandi."))])
    submit = SubmitField(_l("Masuk"))
