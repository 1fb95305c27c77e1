"""The Rego rules and the articles their METADATA names.

A reviewer asks "what encodes this article?" without reading Rego, and the
coverage report needs the same answer on a machine with Python alone. The
METADATA blocks are therefore read here from the Rego source (a comment block
opened by ``# METADATA``, YAML after the ``#``, ending at the rule head).
A test checks that this reading equals ``opa inspect --annotations`` of the
real OPA, so the two can never drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .bundle import Bundle

HEAD = re.compile(r"^([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class Rule:
    """One annotated rule (or package) of the policy."""

    file: str
    row: int
    package: str
    name: str | None
    title: str
    description: str
    description_zh: str
    basis: tuple[str, ...] = field(default=())
    scope: str = "rule"
    basis_from: str | None = None

    @property
    def path(self) -> str:
        return f"{self.package}.{self.name}" if self.name else self.package

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "description_zh": self.description_zh,
            "basis": list(self.basis),
        }


def parse_rego(rel: str, source: str) -> list[Rule]:
    """Every METADATA block of one Rego file, with the rule it annotates."""
    lines = source.splitlines()
    package = ""
    rules: list[Rule] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("package "):
            package = "data." + line.split()[1]
        if line.strip() != "# METADATA":
            i += 1
            continue
        block = []
        i += 1
        while i < len(lines) and lines[i].startswith("#"):
            block.append(lines[i][2:] if lines[i].startswith("# ") else lines[i][1:])
            i += 1
        meta = yaml.safe_load("\n".join(block)) or {}
        head = lines[i] if i < len(lines) else ""
        custom = meta.get("custom") or {}
        if head.startswith("package "):
            package = "data." + head.split()[1]
            name = None
        else:
            match = HEAD.match(head)
            name = match.group(1) if match else None
        rules.append(
            Rule(
                file=rel,
                row=i + 1,
                package=package,
                name=name,
                title=meta.get("title", ""),
                description=meta.get("description", ""),
                description_zh=custom.get("description_zh", ""),
                basis=tuple(custom.get("basis") or ()),
                scope=meta.get("scope", "package" if name is None else "rule"),
                basis_from=custom.get("basis_from"),
            )
        )
    return rules


def policy_rules(bundle: Bundle) -> list[Rule]:
    """The annotated rules of every non-test Rego file of the bundle."""
    out: list[Rule] = []
    for rel, source in sorted(bundle.policy_files.items()):
        out.extend(parse_rego(f"policies/rego/{rel}", source))
    return out


HEAD_LINE = re.compile(r"^(?!default\b|import\b|package\b)([a-z_][a-z0-9_]*)\b")


def rule_heads(source: str) -> list[tuple[int, str]]:
    """(row, name) of every rule definition that starts at column 0 (defaults aside)."""
    return [(n, m.group(1)) for n, line in enumerate(source.splitlines(), 1) if (m := HEAD_LINE.match(line))]


_BY_ARTICLE: dict[str, dict[str, list[Rule]]] = {}


def rules_by_article(bundle: Bundle) -> dict[str, list[Rule]]:
    """Article ref (``wuxi-open#15``) → the rules naming it or one of its items.

    The reader and the article endpoint ask on every request, so the index is
    built once per bundle revision (a content hash of the Rego and the data) and
    shared: callers must not change it."""
    index = _BY_ARTICLE.get(bundle.revision)
    if index is None:
        index = {}
        for rule in policy_rules(bundle):
            for key in sorted({k for ref in rule.basis for k in (ref, article_of(ref))}):
                index.setdefault(key, []).append(rule)
        if len(_BY_ARTICLE) >= 8:  # a few revisions at most live in one process
            _BY_ARTICLE.clear()
        _BY_ARTICLE[bundle.revision] = index
    return index


def article_of(ref: str) -> str:
    """``wuxi-open#15.3`` → ``wuxi-open#15``."""
    reg, _, num = ref.partition("#")
    return f"{reg}#{num.split('.')[0]}"

