"""Applications for access, as the plug-in records them (table ``osd_application``,
made by ``ckan db upgrade -p osd``).

An application keeps the decision the service gave on it (its id, outcome, due date
and the whole answer), so the owning organisation sees the statutory due date and
the applicant the conditions, and an approval is the record access is checked against.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any, Dict, List, Optional

import sqlalchemy as sa
from ckan import model
from ckan.plugins import toolkit

#: the texts count days in China Standard Time
BEIJING = dt.timezone(dt.timedelta(hours=8))


def today() -> dt.date:
    """Today's date in Beijing: the day an application is received and access is checked on."""
    return dt.datetime.now(BEIJING).date()


#: pending: the decision says apply, the provider has not answered; approved: the provider
#: approved it, or the decision permitted access outright; refused: the provider refused, with reasons
STATES = ("pending", "approved", "refused")


class Application(toolkit.BaseModel):  # type: ignore[misc, valid-type]
    __tablename__ = "osd_application"

    id = sa.Column(sa.UnicodeText, primary_key=True, default=lambda: str(uuid.uuid4()))
    package_id = sa.Column(sa.UnicodeText, nullable=False, index=True)
    owner_org = sa.Column(sa.UnicodeText, index=True)
    user_id = sa.Column(sa.UnicodeText, nullable=False, index=True)
    state = sa.Column(sa.UnicodeText, nullable=False, default="pending")
    outcome = sa.Column(sa.UnicodeText, nullable=False)
    route = sa.Column(sa.UnicodeText)
    due = sa.Column(sa.Date)
    usage_to = sa.Column(sa.Date)
    decision_id = sa.Column(sa.UnicodeText)
    decision = sa.Column(sa.UnicodeText, nullable=False)
    request = sa.Column(sa.UnicodeText, nullable=False)
    created = sa.Column(sa.DateTime, nullable=False, default=dt.datetime.utcnow)
    answered = sa.Column(sa.DateTime)
    answered_by = sa.Column(sa.UnicodeText)
    reason = sa.Column(sa.UnicodeText)

    def as_dict(self) -> Dict[str, Any]:
        decision = json.loads(self.decision)
        return {
            "id": self.id, "package_id": self.package_id, "owner_org": self.owner_org, "user_id": self.user_id,
            "state": self.state, "outcome": self.outcome, "route": self.route,
            "due": self.due.isoformat() if self.due else None,
            "usage_to": self.usage_to.isoformat() if self.usage_to else None,
            "decision_id": self.decision_id, "decision": decision, "request": json.loads(self.request),
            "created": self.created.isoformat(), "answered": self.answered.isoformat() if self.answered else None,
            "answered_by": self.answered_by, "reason": self.reason,
        }


def get(application_id: str) -> Optional[Application]:
    return model.Session.get(Application, application_id)


def listed(package_id: Optional[str] = None, owner_org: Optional[str] = None,
           user_id: Optional[str] = None, state: Optional[str] = None) -> List[Application]:
    query = model.Session.query(Application)
    for column, value in ((Application.package_id, package_id), (Application.owner_org, owner_org),
                          (Application.user_id, user_id), (Application.state, state)):
        if value:
            query = query.filter(column == value)
    return query.order_by(Application.due.asc().nullslast(), Application.created.asc()).all()


def approved_for(user_id: str, package_id: str, today: dt.date) -> Optional[Application]:
    """The user's latest approved application for the dataset whose period of use has not ended."""
    query = model.Session.query(Application).filter(
        Application.user_id == user_id, Application.package_id == package_id, Application.state == "approved",
        sa.or_(Application.usage_to.is_(None), Application.usage_to >= today))
    return query.order_by(Application.answered.desc()).first()
