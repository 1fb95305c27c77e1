"""``osd bundle``: the OPA bundle archive (build), and the acceptance of the bundle on disk (accept)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .streams import emit


def cmd_bundle(args: argparse.Namespace) -> int:
    """build: write the OPA bundle (.tar.gz); accept: check the bundle on disk
    and make it the one the service serves (prints the verdict as JSON)."""
    from dataclasses import asdict

    if args.action == "build":
        from ..store.bundle import load_bundle
        from ..store.opa_archive import build

        bundle = load_bundle()
        archive = build(bundle)
        out = Path(args.output or "bundle.tar.gz")
        out.write_bytes(archive)
        print(f"wrote {out} (revision {bundle.revision}, {len(archive)} bytes)", file=sys.stderr)
        return 0

    import os

    from ..db import data_dir
    from ..store.activation import accept, current_revision
    from ..store.bundle import ROOT

    verdict = accept(data_dir(), Path(os.environ.get("OSD_BUNDLE_SOURCE") or ROOT))
    emit({**asdict(verdict), "serving": current_revision(data_dir())}, False)
    return 0 if verdict.accepted else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bundle", help="build: the OPA bundle (.tar.gz); accept: check the bundle on disk and serve it")
    p.add_argument("action", choices=["build", "accept"])
    p.add_argument("-o", "--output", help="where build writes the archive (default bundle.tar.gz)")
    p.set_defaults(func=cmd_bundle)
