"""Accepting a bundle for the service, and the snapshot every worker serves.

A bundle on disk (regulations, policies, the compiled policy) is accepted only
after it loads and validates, its compiled policy matches its Rego (compiled
afresh with the real OPA when one is at hand and the artifact is stale), and
its own scenarios and Rego tests pass. An accepted bundle is copied to
``<data>/bundles/<revision>/`` and ``<data>/bundles/current`` names it; the
service's workers serve that snapshot and switch when the name changes. A
rejected bundle changes nothing: the old one keeps serving.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..answers.calendar import Calendar
from ..answers.decide import Decider
from ..engine import COMPILED_DIR, ENTRYPOINTS, EngineError, WasmEngine
from ..engine.choice import engine_for
from .bundle import ROOT, Bundle, BundleError, load_bundle, policy_hash


@dataclass
class Verdict:
    accepted: bool
    revision: str | None
    reason: str
    checks: list[str]


def snapshots_dir(data: Path) -> Path:
    path = data / "bundles"
    path.mkdir(parents=True, exist_ok=True)
    return path


def current_revision(data: Path) -> str | None:
    pointer = snapshots_dir(data) / "current"
    return pointer.read_text().strip() if pointer.exists() else None


def load_snapshot(data: Path, revision: str) -> tuple[Bundle, Decider]:
    """The snapshot's bundle and a decider with the engine the environment
    asks for (engine.choice: embedded, or a remote OPA with ``ENGINE=opa``)."""
    root = snapshots_dir(data) / revision
    bundle = load_bundle(root)
    engine = engine_for(bundle, root / "compiled")
    return bundle, Decider(bundle, engine, Calendar.from_file())


def compile_policy(opa: Path, bundle: Bundle, out: Path) -> str:
    """The bundle's Rego compiled to wasm by the real OPA into ``out``, with the
    manifest the embedded engine checks (the hash of the Rego it came from).
    scripts/build-policy and the acceptance of a changed bundle both use this."""
    import tarfile

    policies = bundle.root / "policies" / "rego"
    with tempfile.TemporaryDirectory() as tmp:
        # Run from the bundle's root with a relative path: the module records file
        # names, and the same Rego must compile alike wherever it is checked out.
        args = [str(opa), "build", "-t", "wasm", *[x for e in ENTRYPOINTS for x in ("-e", e)],
                "--ignore", "*_test.rego", "-o", f"{tmp}/bundle.tar.gz", "policies/rego"]
        proc = subprocess.run(args, capture_output=True, text=True, check=False, cwd=bundle.root)
        if proc.returncode != 0:
            raise BundleError(policies, "(rego)", f"does not compile: {proc.stderr.strip()[:500]}")
        with tarfile.open(f"{tmp}/bundle.tar.gz") as tar:
            member = next(m for m in tar.getmembers() if m.name.lstrip("/") == "policy.wasm")
            wasm = tar.extractfile(member).read()
    version = subprocess.run([str(opa), "version"], capture_output=True, text=True, check=True).stdout
    opa_version = next((line.split()[1] for line in version.splitlines() if line.startswith("Version:")), "unknown")
    out.mkdir(parents=True, exist_ok=True)
    (out / "policy.wasm").write_bytes(wasm)
    manifest = {"entrypoints": list(ENTRYPOINTS), "opa_version": opa_version, "optimization": 0,
                "policy_hash": policy_hash(bundle.policy_files)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return opa_version


def accept(data: Path, source: Path = ROOT, opa: Path | None = None) -> Verdict:
    """Validate the bundle at ``source`` and, if it passes, make it the current snapshot."""
    from .rego_tests import find_opa, run_rego_tests
    from .scenarios import ScenarioError, load_scenarios, run_scenarios

    checks: list[str] = []
    staging: Path | None = None
    try:
        bundle = load_bundle(source)
        checks.append("regulations and policies load and validate")
        staging = Path(tempfile.mkdtemp(prefix="osd-bundle-", dir=snapshots_dir(data)))
        shutil.copytree(source / "regulations", staging / "regulations")
        shutil.copytree(source / "policies", staging / "policies")
        compiled = staging / "compiled"
        source_compiled = source / COMPILED_DIR.relative_to(ROOT)
        manifest_path = source_compiled / "manifest.json"
        manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
        wanted = policy_hash(bundle.policy_files)
        opa = opa or find_opa()
        if manifest.get("policy_hash") == wanted:
            shutil.copytree(source_compiled, compiled)
            checks.append("compiled policy matches the Rego")
        elif opa is not None and opa.exists():
            compile_policy(opa, bundle, compiled)
            checks.append("Rego compiled to wasm by the real OPA")
        else:
            raise BundleError(source / "policies", "(rego)",
                              "the compiled policy is stale and no OPA is at hand to compile it: run scripts/build-policy")
        snapshot = load_bundle(staging)
        decider = Decider(snapshot, WasmEngine(snapshot, compiled_dir=compiled), Calendar.from_file())
        results = run_scenarios(decider, load_scenarios(source / "tests" / "scenarios"))
        failed = [r.name for r in results if not r.ok]
        if failed or not results:
            raise BundleError(source / "tests" / "scenarios", "(scenarios)",
                              f"{len(failed)} of {len(results)} scenarios fail: {', '.join(failed[:5])}")
        checks.append(f"{len(results)} scenarios pass")
        if opa is not None and opa.exists():
            report = run_rego_tests(snapshot, opa, coverage=False)
            if report.failed:
                raise BundleError(source / "policies", "(rego tests)", f"failing: {', '.join(report.failed[:5])}")
            checks.append(f"{report.passed} Rego tests pass")
    except (BundleError, EngineError, ScenarioError, OSError, ValueError) as exc:
        _discard(staging)
        return Verdict(False, None, str(exc), checks)
    except Exception as exc:  # noqa: BLE001  (whatever fails, the bundle is refused and nothing is left)
        _discard(staging)
        return Verdict(False, None, f"the bundle could not be checked: {exc.__class__.__name__}: {exc}", checks)
    revision = snapshot.revision
    target = snapshots_dir(data) / revision
    if target.exists():
        shutil.rmtree(staging, ignore_errors=True)
    else:
        staging.rename(target)
    pointer = snapshots_dir(data) / "current"
    tmp_pointer = pointer.with_suffix(".tmp")
    tmp_pointer.write_text(revision)
    tmp_pointer.replace(pointer)
    return Verdict(True, revision, "accepted", checks)


def _discard(staging: Path | None) -> None:
    """Remove a rejected bundle's staging folder: a refusal leaves nothing behind."""
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
