"""Outlets: a story's short name for its own outlet is that outlet.

A newspaper calls itself by its last word ("told the Courier", "obtained by the Courier" in a story The Hillsdale
Courier published; "the Blade" in The Blade of Toledo's). Keyed by that word alone, every paper of that name
became one node across documents; the document's header names the paper, so the short name is keyed as its
publisher is ("mediaorganization/hillsdale-courier"). Another paper's short name stays as the text gives it.
"""

from __future__ import annotations

import re

from kg.resolve.identities import Identities
from kg.text import outlet_name, slug

_THE = re.compile(r"^the\s+", re.I)


def resolve_outlets(book: Identities) -> None:
    publisher = outlet_name(book.document.publisher or "")
    if not publisher:
        return
    for key, entity in book.of_class({"MediaOrganization"}):
        name = _THE.sub("", entity.label)
        if name and name.lower() != publisher.lower() and publisher.lower().endswith(f" {name.lower()}"):
            book.rename(key, f"mediaorganization/{slug(publisher)}", label=publisher,
                        reason=f"{entity.label!r} is the document's own outlet, {publisher}")
