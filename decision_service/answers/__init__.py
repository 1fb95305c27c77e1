"""The answers: requests checked (``requests``), then, around what the policy
decided, decisions (``decide``), classifications (``classify``, whole
catalogues in ``catalogue``), deadlines (``deadlines``), comparisons
(``compare``) and the parameter matrix (``matrix``), with the dates counted
on the working-day calendar (``calendar``, ``counting``) and tables rendered
(``render``). Python here never re-decides what the policy decided."""
