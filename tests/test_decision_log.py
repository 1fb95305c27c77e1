"""The decision log and the keys on SQLite and on a real PostgreSQL: migrations,
records, masking, search, replay, and rows that match answers under threads."""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from sqlalchemy import inspect

from decision_service.answers.requests import validate_request
from decision_service.db import keys, log, make_engine, sessions, upgrade
from decision_service.db.log_writer import LogWriter
from decision_service.store.bundle import ROOT

from .conftest import write_in_threads

KEY = b"test-masking-key"
EXAMPLE = validate_request(json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def db(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # a second run is a no-op
    return engine, sessions(engine)


def test_migrations_create_the_tables(db):
    engine, _ = db
    tables = set(inspect(engine).get_table_names())
    assert {"api_keys", "decision_log", "alembic_version"} <= tables


def test_the_migrations_build_exactly_the_models(db):
    """A model changed without a migration (or the reverse) shows as a difference."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from decision_service.db.models import Base

    engine, _ = db
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []


def test_keys_create_list_revoke(db):
    _, s = db
    name = f"k-{uuid.uuid4().hex[:8]}"
    key = keys.create(s, name, "reviewer")
    ring = keys.KeyRing(s, ttl=0)
    assert ring.holder(key) == keys.KeyHolder(name, "reviewer", key[:10])
    assert any(k["name"] == name and k["revoked_at"] is None for k in keys.listing(s))
    with pytest.raises(ValueError):
        keys.create(s, name, "portal")
    assert keys.revoke(s, name) and ring.holder(key) is None


def test_a_decision_is_stored_masked_and_found_again(db, decider):
    engine, s = db
    req = json.loads(json.dumps(EXAMPLE))
    req["application"]["scenario"] = "联系人李四 13912345678"
    d = decider.decide(req)
    LogWriter(engine).write([log.row(req, d, json.dumps(d, ensure_ascii=False), "portal-1", None, KEY)])
    got = log.get(s, d["decision_id"])
    assert got["decision"] == d and got["key_name"] == "portal-1"
    assert got["request"]["application"]["scenario"] == "[masked: 17 chars]"
    assert "application.scenario" in got["masked_fields"]
    assert d["decision_id"] in [x["decision_id"] for x in log.search(s, jurisdiction="wuxi", outcome="apply", limit=1000)]
    assert log.search(s, until="2000-01-01") == []
    assert req["application"]["scenario"] == "联系人李四 13912345678", "masking must not touch the request answered"


def test_rows_written_with_zlib_are_still_read():
    import zlib

    text = json.dumps({"decision_id": "x", "why": "公开"}, ensure_ascii=False)
    assert log.unpack(zlib.compress(text.encode("utf-8"), 1)) == {"decision_id": "x", "why": "公开"}
    assert log.pack(text)[:4] == log.ZSTD_MAGIC and log.unpack(log.pack(text)) == json.loads(text)


def test_replay_of_a_masked_request_gives_the_same_decision(db, decider):
    from decision_service.web.resources.decisions import replay_entry

    engine, s = db
    d = decider.decide(EXAMPLE)
    LogWriter(engine).write([log.row(EXAMPLE, d, json.dumps(d, ensure_ascii=False), None, None, KEY)])

    result = replay_entry(decider, log.get(s, d["decision_id"]))
    assert result["same"] and result["differences"] == []


def test_many_threads_lose_no_row(db, decider):
    engine, s = db
    writer = LogWriter(engine)
    before = log.count(s)
    d = decider.decide(EXAMPLE)
    text = json.dumps(d, ensure_ascii=False)
    errors = []

    def work():
        for _ in range(25):
            dd = dict(d, decision_id=str(uuid.uuid4()))
            try:
                writer.write([log.row(EXAMPLE, dd, text, None, None, KEY)])
            except Exception as exc:
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert log.count(s) - before == 16 * 25


def _write_from_a_process(url: str, rows: list[dict], out) -> None:
    """One server worker: its own engine and writer, threads writing the rows given."""
    out.put(write_in_threads(LogWriter(make_engine(url)), rows, 4))


def test_processes_writing_at_once_lose_no_row(db, decider, database_url):
    """Two processes of four threads each, as the server's workers write: every row lands."""
    import multiprocessing as mp

    _, s = db
    d = decider.decide(EXAMPLE)
    text = json.dumps(d, ensure_ascii=False)
    rows = [log.row(EXAMPLE, dict(d, decision_id=str(uuid.uuid4())), text, None, None, KEY) for _ in range(400)]
    before = log.count(s)
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_write_from_a_process, args=(database_url, rows[i::2], out)) for i in range(2)]
    for p in procs:
        p.start()
    errors = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert errors == [[], []]
    assert log.count(s) - before == 400


def test_a_failed_commit_is_reported_to_every_waiting_request(db, decider):
    engine, _ = db
    d = decider.decide(EXAMPLE)
    row = log.row(EXAMPLE, d, json.dumps(d, ensure_ascii=False), None, None, KEY)
    writer = LogWriter(engine)
    writer.write([row])
    with pytest.raises(Exception):
        writer.write([row])  # the same id again: the database refuses it, the request hears of it


def test_one_request_s_rows_are_stored_all_or_none(db, decider):
    """More rows than one SQLite statement takes go in one transaction: all of them,
    or, when the database refuses one (an id already logged, in the last chunk), none."""
    from decision_service.db.log_writer import SQLITE_ROWS

    engine, s = db
    d = decider.decide(EXAMPLE)
    text = json.dumps(d, ensure_ascii=False)
    rows = [log.row(EXAMPLE, dict(d, decision_id=str(uuid.uuid4())), text, None, "b", KEY)
            for _ in range(SQLITE_ROWS + 5)]
    writer = LogWriter(engine)
    before = log.count(s)
    writer.write(rows)
    assert log.count(s) - before == SQLITE_ROWS + 5
    fresh = [log.row(EXAMPLE, dict(d, decision_id=str(uuid.uuid4())), text, None, "b", KEY)
             for _ in range(SQLITE_ROWS + 5)]
    with pytest.raises(Exception):
        writer.write(fresh[:-1] + [rows[0]])
    assert log.count(s) - before == SQLITE_ROWS + 5
    assert log.get(s, fresh[0]["id"]) is None
    writer.write(fresh[:3])  # the writer goes on after a refused commit
    assert log.get(s, fresh[0]["id"])["decision_id"] == fresh[0]["id"]


def test_sqlite_is_durable_and_private_by_default(tmp_path, monkeypatch):
    """Acknowledged means durable (synchronous=FULL), and only the service's user reads the file."""
    from sqlalchemy import text

    from decision_service.db import make_engine

    monkeypatch.delenv("OSD_SQLITE_SYNCHRONOUS", raising=False)
    path = tmp_path / "log.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        conn.execute(text("create table t (x int)"))
        conn.commit()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("OSD_SQLITE_SYNCHRONOUS", "normal")
    with make_engine(f"sqlite:///{tmp_path / 'fast.sqlite3'}").connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    monkeypatch.setenv("OSD_SQLITE_SYNCHRONOUS", "off")
    import pytest

    with pytest.raises(ValueError, match="OSD_SQLITE_SYNCHRONOUS"):
        make_engine(f"sqlite:///{tmp_path / 'off.sqlite3'}")
