"""The personal-data policy (docs/personal-data.md): what the decision log keeps
of identifiers, the access log's key and address, the masking key, retention
and the purge command."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import stat
import subprocess
import sys

import pytest

from decision_service.db import keys, log, make_engine, masking, sessions, upgrade
from decision_service.db.log_writer import LogWriter
from decision_service.store.bundle import ROOT
from decision_service.web import client_address, create_app

from .conftest import copy_bundle

KEY = b"k" * 32
PHONE, ID_NUMBER = "13812345678", "110101199003077777"
GUANGXI_SHARE = {
    "jurisdiction": "guangxi", "action": "share", "as_of": "2026-11-23",
    "dataset": {"id": f"ds-{PHONE}", "share_class": "conditional",
                "provider": {"type": "government_department", "level": "city", "region": ID_NUMBER}},
    "requester": {"type": "government_department", "level": "city", "region": ID_NUMBER},
    "application": {"reason": "对接业务系统"},
}


@pytest.mark.parametrize("value, kind", [
    ("110101199003077777", "id_number"), ("id:11010119900307777X", "id_number"), ("110101900307777", "id_number"),
    ("13812345678", "phone"), ("+86 13812345678", "phone"), ("ds-0771-5551234", "phone"),
    ("zhang.san@example.cn", "email"),
])
def test_identifiers_of_people_are_recognised(value, kind):
    assert masking.kind_of(value) == kind


@pytest.mark.parametrize("value", ["nanning", "liuzhou", "450100", "ds-2026-001", "20261203", "wuxi-open-0042",
                                   "12345678901", "1381234567", "30a44eb3-6584-4e79-9674-61e8e54c7c23"])
def test_dataset_ids_and_regions_are_kept(value):
    assert masking.kind_of(value) is None


def test_marks_are_keyed_stable_and_short():
    a, b = masking.mark(PHONE, "phone", KEY), masking.mark(PHONE, "phone", b"another key")
    assert a == masking.mark(PHONE, "phone", KEY) and a != b and PHONE not in a
    assert len(masking.mark("x" * 64, "email", KEY)) <= 27, "a mark must fit every field it replaces"


def test_identifiers_are_masked_in_the_request_and_its_answer_and_replay_alike(decider, tmp_path):
    from decision_service.web.resources.decisions import replay_entry

    engine = make_engine(f"sqlite:///{tmp_path / 'log.sqlite3'}")
    upgrade(engine)
    s = sessions(engine)
    d = decider.decide(GUANGXI_SHARE)
    answered = dict(d, echo={"dataset": GUANGXI_SHARE["dataset"]["id"]})  # as a batch result repeats it
    LogWriter(engine).write([log.row(GUANGXI_SHARE, answered, json.dumps(answered, ensure_ascii=False), None, None, KEY)])
    got = log.get(s, d["decision_id"])
    stored = json.dumps(got, ensure_ascii=False)
    assert PHONE not in stored and ID_NUMBER not in stored
    assert got["request"]["requester"]["region"] == got["request"]["dataset"]["provider"]["region"]
    assert got["request"]["requester"]["region"].startswith("[masked:id_number:")
    assert got["decision"]["echo"]["dataset"] == got["request"]["dataset"]["id"]
    assert sorted(got["masked_fields"]) == ["application.reason", "dataset.id", "dataset.provider.region",
                                            "requester.region"]
    assert got["decision"]["route"] == d["route"]
    result = replay_entry(decider, dict(got, decision=d))
    assert result["same"], result["differences"]


def test_the_masking_key_is_made_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("OSD_MASKING_KEY", raising=False)
    first = masking.masking_key(tmp_path)
    assert masking.masking_key(tmp_path) == first and len(first) == 64
    assert stat.S_IMODE(os.stat(tmp_path / masking.KEY_FILE).st_mode) == 0o600
    monkeypatch.setenv("OSD_MASKING_KEY", "shared by the fleet")
    assert masking.masking_key(tmp_path) == b"shared by the fleet"


def _old_rows(engine, decider, ages_in_days: list[int]) -> list[str]:
    rows = []
    for age in ages_in_days:
        d = decider.decide(GUANGXI_SHARE)
        r = log.row(GUANGXI_SHARE, d, json.dumps(d, ensure_ascii=False), None, None, KEY)
        r["created_at"] = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=age, hours=1)
        rows.append(r)
    LogWriter(engine).write(rows)
    return [r["id"] for r in rows]


def test_purge_deletes_exactly_what_is_older_than_the_retention(decider, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'log.sqlite3'}")
    upgrade(engine)
    s = sessions(engine)
    ids = _old_rows(engine, decider, [0, 29, 30, 400])
    dry = log.purge(s, 30, dry_run=True)
    assert dry["decisions"] == 2 and not dry["deleted"] and log.count(s) == 4
    done = log.purge(s, 30)
    assert done["decisions"] == 2 and done["deleted"]
    assert [log.get(s, i) is not None for i in ids] == [True, True, False, False]


@pytest.mark.parametrize("given, days", [("", 365), ("90", 90)])
def test_the_retention_setting(monkeypatch, given, days):
    monkeypatch.setenv("OSD_LOG_RETENTION_DAYS", given)
    assert log.retention_days() == days


@pytest.mark.parametrize("given", ["0", "-5", "９０", "90d", "1e3"])
def test_a_bad_retention_setting_is_refused(monkeypatch, given):
    monkeypatch.setenv("OSD_LOG_RETENTION_DAYS", given)
    with pytest.raises(ValueError, match="OSD_LOG_RETENTION_DAYS"):
        log.retention_days()


def test_osd_log_purge_uses_the_setting(decider, tmp_path):
    url = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    _old_rows(engine, decider, [1, 10, 100])
    env = dict(os.environ, DATABASE_URL=url, OSD_DATA_DIR=str(tmp_path), OSD_LOG_RETENTION_DAYS="5")
    run = [sys.executable, "-m", "decision_service.cli", "log", "purge", "--format", "json"]
    dry = subprocess.run(run + ["--dry-run"], env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(dry.stdout)["decisions"] == 2 and log.count(sessions(engine)) == 3
    done = subprocess.run(run, env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(done.stdout) | {"cutoff": None} == {"cutoff": None, "days": 5, "decisions": 2, "signins": 0,
                                                          "deleted": True}
    assert log.count(sessions(engine)) == 1
    bad = subprocess.run(run, env=dict(env, OSD_LOG_RETENTION_DAYS="forever"), capture_output=True, text=True,
                         cwd=ROOT)
    assert bad.returncode == 2 and "OSD_LOG_RETENTION_DAYS" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("address, policy, kept", [
    ("203.0.113.57", "truncated", "203.0.113.0"), ("2001:db8:1234:5678::1", "truncated", "2001:db8:1234::"),
    ("203.0.113.57", "full", "203.0.113.57"), ("203.0.113.57", "none", None), ("not an address", "truncated", None),
])
def test_the_access_log_keeps_the_network_not_the_host(address, policy, kept):
    assert client_address(address, policy) == kept


def test_the_access_log_names_the_key_by_its_prefix_not_its_holder(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "BUNDLE_SOURCE": str(copy_bundle(tmp_path / "src")),
                      "KEY_CACHE_SECONDS": 0})
    key = keys.create(app.extensions["osd"].sessions, "王五的门户", "portal")
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logging.getLogger("osd.access").addHandler(handler)
    try:
        r = app.test_client().post("/v1/decisions", json=json.loads((ROOT / "examples" / "request.json").read_text()),
                                   headers={"Authorization": f"Bearer {key}"},
                                   environ_base={"REMOTE_ADDR": "198.51.100.23"})
    finally:
        logging.getLogger("osd.access").removeHandler(handler)
    assert r.status_code == 200
    entry = json.loads(lines[-1])
    assert entry["key"] == key[:10] and entry["remote"] == "198.51.100.0"
    assert "王五" not in lines[-1] and "198.51.100.23" not in lines[-1]


def test_an_unknown_access_log_setting_is_refused(tmp_path):
    with pytest.raises(ValueError, match="OSD_ACCESS_LOG_IP"):
        create_app({"DATA_DIR": str(tmp_path), "ACCESS_LOG_IP": "hashed"})
