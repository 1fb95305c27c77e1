"""``osd sources``: the cleaned articles regenerated (write) or compared (check) from the seed texts."""

from __future__ import annotations

import argparse
from pathlib import Path

from .streams import error


def cmd_sources(args: argparse.Namespace) -> int:
    """Regenerate (write) or compare (check) the cleaned articles from the seeds."""
    from ..store.bundle import ROOT
    from ..store.sources.generated import check_regulation, write_regulation
    from ..store.sources.seeds import SEED_FILES, SEEDS_DIR

    seeds = Path(args.seeds) if args.seeds else SEEDS_DIR
    if not seeds.is_dir():
        return error("invalid_request", f"no seed folder at {seeds}", {"seeds": ["not a folder"]})
    status = 0
    for reg_id in sorted(SEED_FILES):
        path = ROOT / "regulations" / f"{reg_id}.yaml"
        if args.action == "write":
            changed = write_regulation(path, reg_id, seeds)
            print(f"{reg_id}: {'rewritten' if changed else 'unchanged'}")
        else:
            diff = check_regulation(path, reg_id, seeds)
            print(f"{reg_id}: {'differs from the seed' if diff else 'matches the seed'}")
            for line in diff[:20]:
                print(f"    {line}")
            status = status or (1 if diff else 0)
    return status


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sources", help="regenerate or check the cleaned articles from ../shared/seeds")
    p.add_argument("action", choices=["check", "write"])
    p.add_argument("--seeds", help="the seed folder (default ../shared/seeds or OSD_SEEDS_DIR)")
    p.set_defaults(func=cmd_sources)
