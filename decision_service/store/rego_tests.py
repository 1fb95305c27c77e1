"""Run the Rego unit tests with the real OPA and read its coverage report.

``opa test`` is the only engine that runs ``_test.rego`` files, so this needs
the binary that scripts/build-opa makes (or one named by ``OSD_OPA``). The
coverage figure is taken over the policy files only: test files always cover
themselves, and counting them would flatter the figure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import opa_binary
from .bundle import Bundle

DEFAULT_MIN_COVERAGE = 95.0


@dataclass
class RegoReport:
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    coverage: float | None = None
    uncovered: dict[str, list[int]] = field(default_factory=dict)
    missing_tests: list[str] = field(default_factory=list)


def find_opa() -> Path | None:
    """The real OPA: ``OSD_OPA``, then the project's build, then ``opa`` on PATH."""
    named = os.environ.get("OSD_OPA")
    if named:
        return Path(named)
    built = opa_binary()
    if built.exists():
        return built
    found = shutil.which("opa")
    return Path(found) if found else None


def missing_test_files(bundle: Bundle) -> list[str]:
    """Policy files with no ``_test.rego`` beside them."""
    pol_dir = bundle.root / "policies" / "rego"
    return [
        rel for rel in sorted(bundle.policy_files)
        if not (pol_dir / rel).with_name(Path(rel).stem + "_test.rego").exists()
    ]


def run_rego_tests(bundle: Bundle, opa: Path, coverage: bool = True) -> RegoReport:
    """Run ``opa test`` on policies/rego with the bundle's data."""
    pol_dir = bundle.root / "policies" / "rego"
    report = RegoReport(missing_tests=missing_test_files(bundle))
    with tempfile.TemporaryDirectory(prefix="osd-data-") as tmp:
        (Path(tmp) / "data.json").write_text(json.dumps(bundle.data, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run(
            [str(opa), "test", "--format", "json", str(pol_dir), tmp],
            capture_output=True, text=True, check=False,
        )
        try:
            results = json.loads(proc.stdout)
        except json.JSONDecodeError:
            report.failed.append(f"opa test did not run: {(proc.stderr or proc.stdout).strip()}")
            return report
        for r in results:
            name = f"{r['package']}.{r['name']}"
            if r.get("fail") or r.get("error"):
                detail = r.get("error", {}).get("message", "") if isinstance(r.get("error"), dict) else ""
                report.failed.append(f"{name} ({r['location']['file']}:{r['location']['row']}) {detail}".strip())
            elif not r.get("skip"):
                report.passed += 1
        if coverage:
            proc = subprocess.run(
                [str(opa), "test", "--coverage", str(pol_dir), tmp],
                capture_output=True, text=True, check=False,
            )
            try:
                _read_coverage(report, json.loads(proc.stdout))
            except json.JSONDecodeError:
                report.failed.append(f"opa test --coverage did not report: {(proc.stderr or proc.stdout).strip()[:2000]}")
    return report


def _read_coverage(report: RegoReport, doc: dict) -> None:
    covered = total = 0
    for name, f in doc.get("files", {}).items():
        if name.endswith("_test.rego"):
            continue
        rows_not = sorted({
            row for span in f.get("not_covered", []) for row in range(span["start"]["row"], span["end"]["row"] + 1)
        })
        n_cov = f.get("covered_lines", 0)
        covered += n_cov
        total += n_cov + len(rows_not)
        if rows_not:
            report.uncovered[name[name.find("policies/rego/"):]] = rows_not
    report.coverage = 100.0 * covered / total if total else 0.0
