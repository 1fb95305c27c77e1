"""Decisions on opening and sharing public data under five Chinese regulations.

The package follows the data: ``store`` (the rule store: regulations and
policies loaded, validated, tested, bundled and activated) → ``engine`` (the
policy evaluated: the embedded WebAssembly, or a real OPA) → ``answers``
(requests checked, decisions, classifications, deadlines, comparisons and the
matrix assembled around what the policy decided) → the faces: ``web`` (the
HTTP service and the reviewers' workbench), ``cli`` (``osd``) and ``db`` (the
decision log and keys). See docs/architecture.md.
"""
