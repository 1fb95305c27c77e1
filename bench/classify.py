"""Classify a generated catalogue under all five jurisdictions and print rows/s.

The catalogue (seeded, so every run classifies the same rows) mixes what
datasets contain, the flags, declared classes, legal bases and catalogue
fields. It goes through the same path as ``osd classify catalogue.csv``:
CSV parsing and validation, the policy in batches on one process per CPU,
and CSV output.

    .venv/bin/python bench/classify.py [--rows N] [--workers N]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import time

from decision_service.answers.catalogue import classify_csv_rows, write_csv
from decision_service.answers.requests import CATALOGUE_FIELDS

CONTENTS = ["state_secret", "work_secret", "trade_secret", "personal_info"]
FLAGS = ["desensitized", "rights_holder_consent", "prohibited_by_law", "security_risk", "needs_limits"]


def generate(rows: int, seed: int = 20261122) -> str:
    rnd = random.Random(seed)
    catalogue = [f"catalogue.{c}" for c in CATALOGUE_FIELDS]
    header = ["id", "title", "contains", *FLAGS, "legal_basis", "declared_open_class", "declared_share_class", *catalogue]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for n in range(rows):
        contains = ";".join(c for c in CONTENTS if rnd.random() < 0.12)
        flags = ["true" if rnd.random() < 0.15 else "false" for _ in FLAGS]
        basis = rnd.choice(["", "", "相关法律规定"])
        open_class = rnd.choice(["", "unconditional", "conditional", "not_open"])
        share_class = rnd.choice(["", "unconditional", "conditional", "not_shared"])
        fields = [rnd.choice(["", "x"]) if rnd.random() < 0.5 else "值" for _ in catalogue]
        writer.writerow([f"ds-{n:06d}", f"数据集{n}", contains, *flags, basis, open_class, share_class, *fields])
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    text = generate(args.rows)
    started = time.perf_counter()
    results = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        def rows():
            nonlocal results
            for row in classify_csv_rows(text, workers=args.workers):
                results += 1
                yield row
        write_csv(rows(), sink)
    elapsed = time.perf_counter() - started
    print(f"{args.rows} catalogue rows × 5 jurisdictions = {results} results, "
          f"{args.workers} worker process(es), {os.cpu_count()} CPUs")
    print(f"  read, validate, classify and write CSV: {elapsed:.1f} s   "
          f"{args.rows / elapsed:.0f} rows/s   {results / elapsed:.0f} results/s")


if __name__ == "__main__":
    main()
