"""``osd keys``: API keys, created (printed once), listed and revoked."""

from __future__ import annotations

import argparse
import sys

from .db import open_sessions
from .streams import InputError


def cmd_keys(args: argparse.Namespace) -> int:
    """Create (prints the key once), list or revoke API keys."""
    from ..db import keys

    s = open_sessions()
    if args.action == "create":
        if not args.name or not args.role:
            raise InputError("invalid_request", "keys create needs --name and --role",
                             {"name": ["required"], "role": [f"one of {', '.join(keys.ROLES)}"]})
        try:
            key = keys.create(s, args.name, args.role)
        except ValueError as exc:
            raise InputError("invalid_request", str(exc), {"name": [str(exc)]}) from None
        print(key)
        print(f"key for {args.name} ({args.role}); it is shown only now", file=sys.stderr)
    elif args.action == "list":
        for k in keys.listing(s):
            state = f"revoked {k['revoked_at']}" if k["revoked_at"] else "active"
            print(f"{k['name']:<24} {k['role']:<9} {k['prefix']}…  created {k['created_at']}  {state}")
    else:
        if not args.name:
            raise InputError("invalid_request", "keys revoke needs --name", {"name": ["required"]})
        if not keys.revoke(s, args.name):
            raise InputError("not_found", f"no active key named {args.name}", {"name": ["unknown or revoked"]})
        print(f"revoked {args.name}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keys", help="API keys: create (printed once), list, revoke")
    p.add_argument("action", choices=["create", "list", "revoke"])
    p.add_argument("--name")
    p.add_argument("--role", choices=["portal", "reviewer", "admin"])
    p.set_defaults(func=cmd_keys)
