"""The service's database: API keys and the decision log.

SQLite by default (a file in the data folder, in WAL mode so readers never
wait for the writer), PostgreSQL when ``DATABASE_URL`` names one. The schema
is created and changed only by the Alembic migrations in ``migrations/``.

Acknowledged means durable: SQLite commits with ``synchronous=FULL`` (every
commit reaches the disk before the answer is sent, so neither a crash of the
process nor one of the machine loses an acknowledged row);
``OSD_SQLITE_SYNCHRONOUS=NORMAL`` trades that for speed, keeping rows through
a crash of the process but not through power loss. The SQLite file, and the
WAL files SQLite makes beside it with its mode, are readable by the service's
user only (0600).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from ..store.bundle import ROOT

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def data_dir() -> Path:
    """Where the default SQLite file and the service's state live."""
    path = Path(os.environ.get("OSD_DATA_DIR") or ROOT / ".data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(url: str | None = None) -> str:
    """``url``, else ``DATABASE_URL``, else the SQLite file in the data folder.

    A ``postgresql://`` URL is driven by psycopg 3.
    """
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir() / 'osd.sqlite3'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


#: The SQLite durability settings offered (see the module's docstring).
SYNCHRONOUS = {"FULL": "FULL", "NORMAL": "NORMAL"}


def _private_file(url: str) -> None:
    """Make the SQLite file (when it is a file) readable by this user only, before SQLite opens it."""
    path = url.split("sqlite:///", 1)[-1]
    if not path or path.startswith(":memory:") or url.startswith("sqlite://") and "///" not in url:
        return
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    if url.startswith("sqlite"):
        _private_file(url)
        engine = create_engine(url, connect_args={"timeout": 30})
        chosen = os.environ.get("OSD_SQLITE_SYNCHRONOUS", "FULL").upper()
        if chosen not in SYNCHRONOUS:
            raise ValueError(f"OSD_SQLITE_SYNCHRONOUS must be one of {', '.join(SYNCHRONOUS)}, not {chosen!r}")
        synchronous = SYNCHRONOUS[chosen]

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA synchronous={synchronous}")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA journal_size_limit=67108864")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def upgrade(engine: Engine, attempts: int = 3) -> None:
    """Bring the schema to the newest migration. Processes starting together
    may race to run the same migration; the loser finds it done on a retry."""
    import time

    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import DBAPIError

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            return
        except DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1))


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
