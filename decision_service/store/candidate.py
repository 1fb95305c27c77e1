"""A candidate bundle: an OPA bundle archive (``osd bundle build``) read back
into a bundle that decides, without being accepted into service, so that its
effect on past answers can be measured (``answers.impact``).

The archive's regulations are checked against this checkout's
``regulations/schema.json``, as a bundle on disk is. Its policy runs compiled
to WebAssembly: the served compilation when the candidate's Rego is the same
(a change of parameters only), else a compilation by the real OPA into a
folder of its own.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import tempfile
from pathlib import Path

from ..answers.calendar import Calendar
from ..answers.decide import Decider
from ..engine import COMPILED_DIR, WasmEngine
from .bundle import JURISDICTIONS, ROOT, Bundle, BundleError, policy_hash, schema_validator

MAX_MEMBER_BYTES = 20 * 1024 * 1024


def read_archive(archive: bytes, name: str = "candidate") -> Bundle:
    """The bundle an archive holds; ``BundleError`` names what is wrong with it."""
    try:
        with tarfile.open(fileobj=io.BytesIO(gzip.decompress(archive)), mode="r:") as tar:
            members = {m.name.lstrip("/"): m for m in tar.getmembers() if m.isfile()}
            if any(m.size > MAX_MEMBER_BYTES for m in members.values()):
                raise BundleError(name, "(archive)", "a member is larger than 20 MB")
            files = {n: tar.extractfile(m).read() for n, m in members.items()}
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise BundleError(name, "(archive)", f"not a gzipped tar archive: {exc}") from None
    if "data.json" not in files:
        raise BundleError(name, "data.json", "missing: an archive of osd bundle build holds the regulations there")
    try:
        data = json.loads(files["data.json"])
    except ValueError as exc:
        raise BundleError(name, "data.json", f"not JSON: {exc}") from None
    regulations = data.get("regulations") if isinstance(data, dict) else None
    if not isinstance(regulations, dict):
        raise BundleError(name, "data.json", "no regulations object")
    validator = schema_validator(ROOT)
    for reg_id, doc in regulations.items():
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
            raise BundleError(f"{name}: regulations.{reg_id}", where, errors[0].message)
    missing = set(JURISDICTIONS.values()) - set(regulations)
    if missing:
        raise BundleError(name, "data.json", f"missing regulations: {sorted(missing)}")
    policies = {n.removeprefix("policies/"): b.decode("utf-8") for n, b in files.items()
                if n.startswith("policies/") and n.endswith(".rego") and not n.endswith("_test.rego")}
    if not policies:
        raise BundleError(name, "policies/", "no Rego policies")
    return Bundle(regulations=regulations, policy_files=policies, superior=data.get("superior") or {})


def compiled_for(bundle: Bundle, work: Path, opa: Path | None = None) -> Path:
    """Where the candidate's compiled policy is: the served one for the same
    Rego, else one compiled by the real OPA into ``work``."""
    manifest = COMPILED_DIR / "manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("policy_hash") == policy_hash(bundle.policy_files):
        return COMPILED_DIR
    from .activation import compile_policy
    from .rego_tests import find_opa

    opa = opa or find_opa()
    if opa is None or not opa.exists():
        raise BundleError("candidate", "policies/", "its Rego differs from the served policy and no OPA is at hand "
                          "to compile it (scripts/build-opa)")
    root = Path(tempfile.mkdtemp(prefix="candidate-", dir=work))
    for rel, text in bundle.policy_files.items():
        path = root / "policies" / "rego" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    compile_policy(opa, Bundle(bundle.regulations, bundle.policy_files, root=root, superior=bundle.superior),
                   root / "compiled")
    return root / "compiled"


def decider(bundle: Bundle, compiled: Path) -> Decider:
    """A decider of the candidate (one per process: a wasm runtime does not cross a fork)."""
    return Decider(bundle, WasmEngine(bundle, compiled_dir=compiled), Calendar.from_file())
