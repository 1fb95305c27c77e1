"""Fixtures over CKAN's own (``ckan.tests.pytest_ckan``): the plug-in loaded, a clean
database with the plug-in's table, a clean Solr index, and an organisation with its
admin, a member applicant and a sysadmin. The CKAN ini (``--ckan-ini``) names the real
PostgreSQL, Solr and Redis and the real decision service (``ckanext.osd.url``)."""

from __future__ import annotations

import socket
from typing import Any, Dict, Iterator

import pytest
from ckan.tests import factories


@pytest.fixture
def osd_db(clean_db: None, clean_index: None, migrate_db_for: Any) -> None:
    migrate_db_for("osd")


@pytest.fixture
def people(osd_db: None) -> Dict[str, Any]:
    admin = factories.UserWithToken()
    org = factories.Organization(users=[{"name": admin["name"], "capacity": "admin"}])
    return {"admin": admin, "org": org, "applicant": factories.UserWithToken(),
            "other": factories.UserWithToken(), "sysadmin": factories.SysadminWithToken()}


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers: a service too slow to wait for."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield s.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on: the service stopped."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def osd_settings_from_the_ini() -> Iterator[None]:
    """Each test starts and ends with the settings the ini gives (a test may point the plug-in elsewhere)."""
    from ckan.plugins import toolkit
    from ckanext.osd import config, service
    yield
    if toolkit.config.get("ckanext.osd.url"):
        service.configure(config.read(toolkit.config))
