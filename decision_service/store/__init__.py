"""The rule store: the regulation YAML and the Rego policies, loaded and
validated (``bundle``), indexed by article (``rule_index``), checked (Rego
tests in ``rego_tests``, YAML scenarios in ``scenarios``, article coverage in
``coverage``, the time-word scan in ``timewords``), archived for OPA
(``opa_archive``) and accepted into service (``activation``); ``sources``
makes the regulation files' cleaned articles from the seed texts."""
