"""``osd classify``: classifications (contract §4) of JSON, JSON Lines or whole CSV catalogues."""

from __future__ import annotations

import argparse
import sys

from ..answers.requests import RequestError
from ..store.bundle import JURISDICTIONS
from .streams import InputError, emit, json_docs, read_input, validated


def cmd_classify(args: argparse.Namespace) -> int:
    """Classification (contract §4): JSON, JSON Lines, or a CSV catalogue.

    A CSV catalogue is read, validated and classified on one process per CPU
    and written as CSV (one row per dataset and jurisdiction); nothing is
    written unless every row is valid. A progress bar shows on a terminal and
    a summary ends the run.
    """
    import shutil
    import tempfile
    import time

    from ..answers.catalogue import classify_all, classify_csv_rows, read_csv, rows_of, write_csv
    from ..answers.requests import validate_classification

    text = read_input(args.file)
    as_csv = args.input_format == "csv" or (args.input_format is None and str(args.file).lower().endswith(".csv"))
    out_csv = args.format == "csv" or (args.format is None and as_csv)
    tally = {"lawful": 0, "unlawful": 0, "undetermined": 0, "no class declared": 0}
    started = time.perf_counter()

    def count(row_open: dict) -> None:
        declared, lawful = row_open.get("declared"), row_open.get("lawful")
        tally["no class declared" if declared is None else "lawful" if lawful is True
              else "unlawful" if lawful is False else "undetermined"] += 1

    if as_csv and out_csv and not args.jurisdiction:
        total = max(text.count("\n") - 1, 0)
        progress = Progress(total * 5, enabled=sys.stderr.isatty())

        def rows():
            for row in classify_csv_rows(text, workers=args.workers):
                count({"declared": row["open_declared"], "lawful": row["open_lawful"]})
                progress.step()
                yield row

        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            try:
                write_csv(rows(), spool)
            except RequestError as exc:
                progress.done()
                raise InputError("invalid_request", exc.message, exc.fields) from None
            progress.done()
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout)
        datasets = sum(tally.values()) // 5
    else:
        if as_csv:
            try:
                requests = read_csv(text)
            except RequestError as exc:
                raise InputError("invalid_request", exc.message, exc.fields) from None
            lines = True
        else:
            docs, lines = json_docs(text)
            requests = validated(docs, lines, validate_classification)
        if args.jurisdiction:
            requests = [{**r, "jurisdiction": None, "jurisdictions": args.jurisdiction} for r in requests]
        progress = Progress(len(requests), enabled=sys.stderr.isatty() and len(requests) > 1)

        def answers():
            for answer in classify_all(requests, workers=args.workers):
                for r in answer["results"]:
                    count(r.get("open") or {})
                progress.step()
                yield answer

        if out_csv:
            write_csv((row for answer in answers() for row in rows_of(answer)), sys.stdout)
        else:
            for answer in answers():
                emit(answer, lines)
        progress.done()
        datasets = len(requests)
    elapsed = time.perf_counter() - started
    results = sum(tally.values())
    if as_csv or datasets > 1:
        print(f"classified {datasets} datasets, {results} results in {elapsed:.1f} s "
              f"({results / elapsed if elapsed else 0:.0f} results/s); declared open class: "
              + ", ".join(f"{v} {k}" for k, v in tally.items()), file=sys.stderr)
    return 0


class Progress:
    """A one-line progress bar on stderr, for a terminal only."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.n = total, enabled, 0

    def step(self) -> None:
        self.n += 1
        if self.enabled and (self.n % 50 == 0 or self.n == self.total):
            filled = int(30 * self.n / self.total)
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.n}/{self.total}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled:
            print(file=sys.stderr)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="classify datasets under each jurisdiction (JSON, JSON Lines or CSV)")
    p.add_argument("file", nargs="?", help="request file (.json, .jsonl, .csv), or - for standard input")
    p.add_argument("--input-format", choices=["json", "csv"], help="default: csv for a .csv file, else json")
    p.add_argument("--format", choices=["json", "csv"], help="default: csv for CSV input, else json")
    p.add_argument("--jurisdiction", action="append", choices=list(JURISDICTIONS), help="only these (repeatable)")
    p.add_argument("--workers", type=int, help="processes for large catalogues (default: one per CPU)")
    p.set_defaults(func=cmd_classify)
