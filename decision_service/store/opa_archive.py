"""An OPA bundle of the rules: what OPA sidecars load (``opa run --server
--bundle``) or pull from the service's bundle endpoint.

The archive holds ``.manifest`` (``revision`` = the bundle revision of every
decision, ``roots`` = the trees the bundle owns: ``osd`` for the policies,
``regulations`` and ``superior`` for the data), the Rego files (tests left
out), and ``data.json`` at the root holding ``{"regulations": …, "superior":
…}``, which OPA mounts at ``data.regulations`` and ``data.superior`` as the
embedded engine sees them. The archive's bytes
depend only on its contents (fixed times and order), so equal bundles have
equal ETags.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile

from .bundle import Bundle

ROOTS = ["osd", "regulations", "superior"]


def manifest(bundle: Bundle) -> dict:
    return {"revision": bundle.revision, "roots": ROOTS, "rego_version": 1}


def _add(tar: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = 0
    info.mode = 0o644
    info.uname = info.gname = ""
    tar.addfile(info, io.BytesIO(payload))


def build(bundle: Bundle) -> bytes:
    """The .tar.gz archive, byte for byte the same for the same bundle."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        _add(tar, "/.manifest", json.dumps(manifest(bundle), sort_keys=True).encode())
        _add(tar, "/data.json", json.dumps(bundle.data, ensure_ascii=False, sort_keys=True).encode())
        for rel, source in sorted(bundle.policy_files.items()):
            _add(tar, f"/policies/{rel}", source.encode())
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def etag(archive: bytes) -> str:
    return '"' + hashlib.sha256(archive).hexdigest()[:32] + '"'
