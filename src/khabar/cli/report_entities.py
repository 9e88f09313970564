"""The entities table of ``khabar analyze``: type, id, canonical English name, mentions."""

from __future__ import annotations

from rich.table import Table

from khabar.cli.common import out
from khabar.document import Document, Entity


def entities_table(doc: Document) -> Table:
    """A Rich table of the document's entities, most mentioned first."""
    table = Table(title="Entities", title_justify="left", expand=False)
    table.add_column("type")
    table.add_column("id", style="dim", overflow="fold")
    table.add_column("name")
    table.add_column("as written", overflow="fold")
    table.add_column("mentions", justify="right")
    table.add_column("score", justify="right", style="dim")
    for entity in sorted(doc.entities, key=lambda e: (-len(e.mentions), e.name)):
        table.add_row(entity.type, entity.id, entity.name, _written(doc, entity),
                      str(len(entity.mentions)), f"{entity.score:.2f}")
    return table


def _written(doc: Document, entity: Entity) -> str:
    forms: list[str] = []
    for i in entity.mentions:
        if 0 <= i < len(doc.mentions) and doc.mentions[i].text not in forms:
            forms.append(doc.mentions[i].text)
    return ", ".join(forms[:4])


def print_entities(doc: Document) -> None:
    """Print the entities table (nothing when the document has no entities)."""
    if doc.entities:
        out.print(entities_table(doc))
