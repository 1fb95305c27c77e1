"""Due dates as an iCalendar feed (RFC 5545), for a body's calendar: one all-day
event per open duty with a date, on the day it is due, naming the step, the
body, the articles and the application. A date shown for a 及时 or 立即 step
(no number in the text) says so in the event, as the API's note does."""

from __future__ import annotations

import datetime as dt

PRODID = "-//open-data-decisions//applications//ZH"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 §3.1), never inside a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def feed(applications: list[dict], actor: str | None, now: dt.datetime, name: str) -> str:
    """``applications``: rendered applications (``application_answer.render``); the open dated duties
    of ``actor`` (part of a body's name, Chinese or English; None: every body)."""
    stamp = now.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_escape(name)}"]
    for app in applications:
        for position, duty in enumerate(app["duties"]):
            if duty["state"] != "open" or not duty["due"] or not _owes(duty, actor):
                continue
            day = dt.date.fromisoformat(duty["due"])
            reading = (" 文本没有规定天数，此日期为本服务的读法 / the text gives no number of days; this date is a reading."
                       if duty["due_source"] == "reading" else "")
            description = (f"{duty['step']}\n{duty['step_en']}\n{', '.join(duty['basis'])}\n"
                           f"application {app['id']}" + (f" ({app['reference']})" if app["reference"] else "") + reading)
            lines += ["BEGIN:VEVENT", f"UID:{app['id']}-{position}@osd", f"DTSTAMP:{stamp}",
                      f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                      f"SUMMARY:{_escape(duty['actor'] + '：' + duty['step'])}",
                      f"DESCRIPTION:{_escape(description)}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _owes(duty: dict, actor: str | None) -> bool:
    return actor is None or actor in duty["actor"] or actor.lower() in duty["actor_en"].lower()
