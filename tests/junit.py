"""Totals of JUnit XML reports (Maven's surefire, pytest's --junitxml): how the tests
this suite runs in another tool's process did, so none may pass by being skipped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

COUNTS = ("tests", "skipped", "failures", "errors")


def totals(reports: Iterable[Path]) -> dict[str, int]:
    """The counts of every report's first ``<testsuite>``, added up."""
    out = dict.fromkeys(COUNTS, 0)
    for report in reports:
        head = re.search(r"<testsuite [^>]*>", report.read_text(encoding="utf-8")).group(0)
        for name in COUNTS:
            out[name] += int(re.search(fr'\b{name}="(\d+)"', head).group(1))
    return out
