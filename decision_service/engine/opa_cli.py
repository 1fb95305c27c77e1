"""The real OPA binary as an engine (``opa eval``): the reference the embedded
engine is held to on every scenario, in tests and checks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ..store.bundle import ROOT, Bundle
from .embedded import ENTRYPOINT, EngineError, UndefinedResult, query_of


class OpaCliEngine:
    """The real OPA binary (``opa eval``), one process per decision.

    Slow, and meant for tests: it is the reference the embedded engine must
    agree with on every scenario.
    """

    name = "opa-eval"

    def __init__(self, bundle: Bundle, opa: Path, workdir: Path) -> None:
        self.opa = opa
        self.workdir = workdir
        data_dir = workdir / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "data.json").write_text(json.dumps(bundle.data, ensure_ascii=False))
        self.data_dir = data_dir
        self.policy_dir = bundle.root / "policies" / "rego"

    def evaluate(self, input_doc: dict, entrypoint: str = ENTRYPOINT) -> dict:
        input_path = self.workdir / "input.json"
        input_path.write_text(json.dumps(input_doc, ensure_ascii=False))
        proc = subprocess.run(
            [
                str(self.opa), "eval", "--format", "json", "--fail-defined=false",
                "--ignore", "*_test.rego",
                "-d", str(self.policy_dir), "-d", str(self.data_dir),
                "-i", str(input_path), query_of(entrypoint),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise EngineError(proc.stderr.strip())
        out = json.loads(proc.stdout)
        try:
            return out["result"][0]["expressions"][0]["value"]
        except (KeyError, IndexError) as exc:
            raise UndefinedResult("the policy result is undefined") from exc


def opa_binary() -> Path:
    """Where scripts/build-opa puts the real OPA."""
    return ROOT / ".cache" / "opa"
