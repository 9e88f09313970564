"""Linking accuracy on the team's name-variant set (tests/entities/data/link_variants.tsv).

Each row is a name as it might be written (spellings, transliterations, Latin forms,
misspellings, and unknown names that must stay unlinked), the mention label, and the expected
knowledge-base id (``NIL``: no link). Prints accuracy, wrong-link rate and no-link rate, overall
and per kind of variation.

Run: ``.venv/bin/python eval/link_eval.py``
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "entities" / "data" / "link_variants.tsv"


@dataclass
class Report:
    total: int = 0
    correct: int = 0
    wrong: int = 0
    unlinked: int = 0
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.total if self.total else 0.0

    @property
    def nolink_rate(self) -> float:
        return self.unlinked / self.total if self.total else 0.0


def read_rows(path: Path = DATA) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, label, expected, kind = line.split("\t")
            rows.append((text, label, expected, kind))
    return rows


def evaluate(path: Path = DATA) -> Report:
    from khabar.entities.index import get_index
    from khabar.entities.linker import Linker

    linker = Linker(get_index())
    report = Report()
    for text, label, expected, kind in read_rows(path):
        link = linker.link(text, label)
        got = link.entity.id if link else "NIL"
        outcome = "correct" if got == expected else ("unlinked" if got == "NIL" else "wrong")
        report.total += 1
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.by_kind.setdefault(kind, Counter())[outcome] += 1
        if outcome != "correct":
            report.errors.append(f"{outcome}: {text} ({label}) expected {expected}, got {got}")
    return report


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    report = evaluate()
    print(f"variants {report.total}: accuracy {report.accuracy:.3f}, "
          f"wrong {report.wrong_rate:.3f}, no link {report.nolink_rate:.3f}")
    for kind, counts in sorted(report.by_kind.items()):
        n = sum(counts.values())
        print(f"  {kind:<16} {n:>4}  accuracy {counts['correct'] / n:.3f}  "
              f"wrong {counts['wrong']}  no link {counts['unlinked']}")
    for line in report.errors:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
