"""``osd db``: the database schema; the sessions the key and log commands open."""

from __future__ import annotations

import argparse
import sys


def open_sessions():  # noqa: ANN201 (a SQLAlchemy sessionmaker)
    """Sessions on the configured database, its schema brought up to date first."""
    from ..db import make_engine, sessions, upgrade

    engine = make_engine()
    upgrade(engine)
    return sessions(engine)


def cmd_db(args: argparse.Namespace) -> int:
    """Apply the database migrations (the service also does at start)."""
    from ..db import database_url

    open_sessions()
    url = database_url()
    print(f"database at {url.split('@')[-1]} is at the newest schema", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="database schema: upgrade applies the migrations")
    p.add_argument("action", choices=["upgrade"])
    p.set_defaults(func=cmd_db)
