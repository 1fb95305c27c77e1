"""The generated part of each regulation file: the cleaned articles and the
cleaning notes below the marker, written by ``osd sources write`` and compared
with the committed file by ``osd sources check`` and the test suite.
"""

from __future__ import annotations

from pathlib import Path

from .seeds import clean_seed

ARTICLES_MARKER = (
    "# ---- generated from the seed by `osd sources write`: cleaned text and cleaning notes.\n"
    "# ---- Do not edit below this line; change decision_service/store/sources/ instead.\n"
)


def render_generated(regulation_id: str, seeds_dir: Path) -> str:
    """The generated tail of a regulation file, as YAML text."""
    import yaml

    class Dumper(yaml.SafeDumper):
        """Writes multi-line text as a literal block, so articles read as printed."""

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    cleaned = clean_seed(regulation_id, seeds_dir)
    body = yaml.dump(
        cleaned,
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return ARTICLES_MARKER + body


def split_file(text: str) -> tuple[str, str]:
    """Split a regulation file into its hand-maintained head and generated tail."""
    idx = text.find(ARTICLES_MARKER)
    if idx < 0:
        return text, ""
    return text[:idx], text[idx:]


def write_regulation(path: Path, regulation_id: str, seeds_dir: Path) -> bool:
    """Regenerate the tail of ``path``; return True if the file changed."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    head, _ = split_file(old)
    new = head.rstrip("\n") + "\n\n" + render_generated(regulation_id, seeds_dir)
    if new != old:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def check_regulation(path: Path, regulation_id: str, seeds_dir: Path) -> list[str]:
    """Differences between the committed tail and what the seed produces now."""
    import difflib

    _, tail = split_file(path.read_text(encoding="utf-8"))
    expected = render_generated(regulation_id, seeds_dir)
    if tail == expected:
        return []
    return list(
        difflib.unified_diff(
            expected.splitlines(), tail.splitlines(), "from seed", str(path), lineterm="", n=1
        )
    )[:40]

