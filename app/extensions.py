"""Flask extensions, created unbound here and bound to the app in create_app()."""
from datetime import datetime

from flask import render_template
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, registry


class Base(DeclarativeBase):
    # Named constraints keep Alembic migrations portable between SQLite and PostgreSQL;
    # times are stored with their zone (UTC), the same on both.
    registry = registry(metadata=MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }), type_annotation_map={datetime: DateTime(timezone=True)})


db = SQLAlchemy(model_class=Base)
MAX_ID = 2**31 - 1  # the largest id an INTEGER key holds on PostgreSQL (and so on both)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# gzip for pages and assets: a test page with its pictures fits the 60 KB budget on a phone's data.
compress = Compress()
# Per client address; storage from RATELIMIT_STORAGE_URI (memory per worker in a room, Redis online).
limiter = Limiter(key_func=get_remote_address)


def render_then_commit(template, **context):
    """The page, then a commit of what the request changed. Committing first expires every row
    read so far, and the page then reads the user, their session and their run again: on a
    phone's hot pages that doubled the statements. Rendering reads nothing new, so the write
    still goes last and holds SQLite's one writer no longer."""
    page = render_template(template, **context)
    db.session.commit()
    return page


def dialect_insert(model):
    """INSERT … ON CONFLICT for the engine in use (SQLite and PostgreSQL both have it)."""
    from sqlalchemy.dialects import postgresql, sqlite
    return {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[db.engine.dialect.name](model)
