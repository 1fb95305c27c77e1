"""The rules' METADATA: read alike by Python and by the real OPA, and complete.

As in ec-policies' annotation checks, every rule that shapes a decision
carries METADATA with a title and the articles it encodes; a rule without
them would put a decision on no cited ground.
"""

from __future__ import annotations

import json
import re
import subprocess

from decision_service.store.rule_index import parse_rego, policy_rules, rule_heads

# Rules whose values reach the decision; each definition must be annotated.
DECISION_RULES = {"case", "gates", "gaps", "conditions", "obligations", "remedies", "timeline", "deadline", "channel"}


def test_metadata_read_by_python_equals_opa_inspect(bundle, opa_engine):
    proc = subprocess.run(
        [str(opa_engine.opa), "inspect", "--annotations", "--format", "json", str(bundle.root / "policies" / "rego")],
        capture_output=True, text=True, check=True,
    )
    by_opa = set()
    for a in json.loads(proc.stdout)["annotations"]:
        loc = a["location"]["file"]
        if loc.endswith("_test.rego"):
            continue
        ann = a["annotations"]
        rel = loc[loc.index("policies/rego/"):]
        by_opa.add((rel, a["location"]["row"], ann.get("title", ""),
                    tuple((ann.get("custom") or {}).get("basis") or ())))
    ours = {(r.file, r.row, r.title, r.basis) for r in policy_rules(bundle)}
    assert ours == by_opa


def test_every_decision_rule_definition_is_annotated_with_a_basis(bundle):
    unannotated = []
    for rel, source in bundle.policy_files.items():
        if rel.startswith("lib/"):  # helper functions that build what the rules decide
            continue
        rules = parse_rego(f"policies/rego/{rel}", source)
        at_row = {r.row: r for r in rules}
        document = {r.name for r in rules if r.scope == "document"}
        for row, name in rule_heads(source):
            if name not in DECISION_RULES or name in document:
                continue
            rule = at_row.get(row)
            if rule is None or not rule.title or not (rule.basis or rule.basis_from):
                unannotated.append(f"policies/rego/{rel}:{row} {name}")
    assert unannotated == []


def test_every_cited_ref_is_an_article_or_item_of_the_bundle(bundle):
    unknown = [(r.path, ref) for r in policy_rules(bundle) for ref in r.basis if ref not in bundle.articles]
    assert unknown == []


def test_rule_heads_skip_defaults_and_imports():
    src = "package p\n\nimport data.x\n\ndefault a := 1\n\na := 2 if true\n\nb contains 1\n"
    assert rule_heads(src) == [(7, "a"), (9, "b")]


NOTE_CALL = re.compile(r'\bnote\((reg|own|governing|"[a-z-]+"), (?:"([a-z_]+)"|key)\)')
REG_VALUE = re.compile(r'^reg := "([a-z-]+)"', re.M)
KEY_LIST = re.compile(r'some key in \[([^\]]+)\]')


def test_every_note_a_rule_names_exists_in_its_regulation(bundle):
    """A note key that does not exist would make a rule silently add nothing."""
    missing = []
    for rel, source in bundle.policy_files.items():
        own = REG_VALUE.search(source)
        for line in source.splitlines():
            for m in NOTE_CALL.finditer(line):
                reg = m.group(1).strip('"') if m.group(1).startswith('"') else (own.group(1) if own else None)
                if reg is None:
                    continue  # resolved at evaluation (governing, own): checked by the scenarios
                keys = [m.group(2)] if m.group(2) else [k.strip().strip('"') for km in KEY_LIST.finditer(line) for k in km.group(1).split(",")]
                missing += [f"{rel}: {reg} {k}" for k in keys if k not in bundle.regulations[reg]["notes"]]
    assert missing == []


def test_rules_by_article_is_built_once_per_revision(bundle):
    """The index the reader asks for on every page is shared within a revision,
    and a bundle whose Rego differs gets its own (its rules, not the cached ones)."""
    import dataclasses

    from decision_service.store.rule_index import rules_by_article

    first = rules_by_article(bundle)
    assert rules_by_article(bundle) is first
    indexed = {r.file for rules in first.values() for r in rules}
    rel = next(rel for rel in sorted(bundle.policy_files) if f"policies/rego/{rel}" in indexed)
    changed = dataclasses.replace(bundle, policy_files={**bundle.policy_files,
                                                        rel: "package osd.emptied\n"})
    assert changed.revision != bundle.revision
    other = rules_by_article(changed)
    assert other is not first
    assert indexed - {r.file for rules in other.values() for r in rules} == {f"policies/rego/{rel}"}
