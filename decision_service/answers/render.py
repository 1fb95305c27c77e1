"""Side-by-side tables (rows of topics, one column per jurisdiction) as a
terminal table, Markdown or CSV. Chinese characters take two terminal
columns, so widths are measured, not counted."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Table:
    """A topic column, then one column per jurisdiction; ``differs`` marks rows
    whose cells are not all the same."""

    title: str
    columns: list[str]
    rows: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, topic: str, cells: dict[str, str]) -> None:
        self.rows.append((topic, cells))

    def differs(self, cells: dict[str, str]) -> bool:
        return len({cells.get(c, "") for c in self.columns}) > 1


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, limit: int) -> list[str]:
    """Lines of at most ``limit`` terminal columns, breaking at line ends and spaces where possible."""
    out: list[str] = []
    for para in text.split("\n") or [""]:
        line = ""
        for ch in para:
            if width(line + ch) > limit:
                cut = line.rfind(" ")
                if cut > limit // 2:
                    out.append(line[:cut])
                    line = line[cut + 1:]
                else:
                    out.append(line)
                    line = ""
            line += ch
        out.append(line)
    return out


def pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def to_terminal(table: Table, cell_width: int = 26) -> str:
    """A boxed text table; a row whose cells differ is marked with ``*``."""
    topic_w = max([width("topic")] + [width(t) for t, _ in table.rows]) + 2
    topic_w = min(topic_w, 30)
    widths = [topic_w] + [cell_width] * len(table.columns)
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines = [table.title, rule]
    header = ["topic"] + table.columns
    lines.append("| " + " | ".join(pad(h, w) for h, w in zip(header, widths)) + " |")
    lines.append(rule.replace("-", "="))
    for topic, cells in table.rows:
        mark = "* " if table.differs(cells) else "  "
        columns = [wrap(mark + topic, topic_w)] + [wrap(cells.get(c, ""), cell_width) for c in table.columns]
        for i in range(max(len(col) for col in columns)):
            parts = [pad(col[i] if i < len(col) else "", w) for col, w in zip(columns, widths)]
            lines.append("| " + " | ".join(parts) + " |")
        lines.append(rule)
    lines.append("* the jurisdictions differ on this row")
    return "\n".join(lines)


def to_markdown(table: Table) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = [f"### {table.title}", "", "| topic | " + " | ".join(table.columns) + " |",
             "|---" * (len(table.columns) + 1) + "|"]
    for topic, cells in table.rows:
        name = f"**{topic}** ≠" if table.differs(cells) else topic
        lines.append(f"| {cell(name)} | " + " | ".join(cell(cells.get(c, "")) for c in table.columns) + " |")
    return "\n".join(lines) + "\n"


def to_csv(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["topic", *table.columns, "differs"])
    for topic, cells in table.rows:
        writer.writerow([topic, *(cells.get(c, "") for c in table.columns), "yes" if table.differs(cells) else "no"])
    return buf.getvalue()


def render(table: Table, fmt: str) -> str:
    if fmt == "markdown":
        return to_markdown(table)
    if fmt == "csv":
        return to_csv(table)
    return to_terminal(table)
