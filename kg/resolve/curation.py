"""Curation: a person's decisions on identity and on facts, kept in a file that every build applies.

    same:       # the second entity is the first: it takes the first's key
      - [person/Q22686, person/office-president-us]
    distinct:   # never one node, whatever a rule says
      - [person/robert-hale, person/bob-hale]
    rename:     # the label an entity is shown by
      governmentbody/us-doj: Department of Justice
    reject:     # facts never written (IRIs as `kg facts` prints them in fact_iri)
      - https://w3id.org/policykg/id/fact/0c1d2e3f4a5b6c7d8e9f

Entities are named by key (the part of the IRI after `https://w3id.org/policykg/id/`) or by full IRI; a fact by
its IRI or its key (`fact/0c1d...`), kept as the full IRI. Identity decisions are applied after the resolution
rules, rejections when a document's facts are stored (`kg.build`). The file
lives in the store's folder (`curation.yaml`) unless a path is given; it is plain YAML, to be read, diffed and
kept under version control with the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import KgError
from kg.resolve.identities import Identities

CURATION_FILE = "curation.yaml"
_HEADER = (
    "# kg curation: decisions that every build applies (written by kg same, kg distinct, kg rename, kg reject)\n"
)
ID = "https://w3id.org/policykg/id/"
FACT = ID + "fact/"
_KEYS = ("same", "distinct", "rename", "reject")


class CurationError(KgError):
    """A curation file that cannot be read, or a decision that contradicts another."""


def entity_key(name: str) -> str:
    """An entity's key from its key or its IRI (angle brackets allowed)."""
    name = name.strip().strip("<>")
    return name.removeprefix(ID)


def fact_name(name: str) -> str:
    """A fact's IRI from its IRI or its key (`fact/...`, angle brackets allowed); anything else is an error."""
    iri = ID + entity_key(name)
    if not iri.startswith(FACT) or len(iri) == len(FACT):
        raise CurationError(f"{name!r} is not a fact IRI ({FACT}...); `kg facts` prints each fact's IRI (fact_iri)")
    return iri


@dataclass
class Curation:
    same: list[tuple[str, str]] = field(default_factory=list)
    distinct: list[tuple[str, str]] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    reject: list[str] = field(default_factory=list)  # fact IRIs

    @classmethod
    def load(cls, path: Path) -> Curation:
        """The curation in `path`; an empty one when the file does not exist."""
        if not path.exists():
            return cls()
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise CurationError(f"{path}: cannot read the curation file: {' '.join(str(error).split())}") from error
        if not isinstance(raw, dict) or set(raw) - set(_KEYS):
            raise CurationError(f"{path}: a curation file has the keys {', '.join(_KEYS[:-1])} and {_KEYS[-1]} only")
        try:
            curation = cls(
                same=[_pair(p) for p in raw.get("same") or []],
                distinct=[_pair(p) for p in raw.get("distinct") or []],
                rename={entity_key(k): str(v) for k, v in (raw.get("rename") or {}).items()},
                reject=[fact_name(str(f)) for f in _listed(raw.get("reject"))],
            )
        except (TypeError, ValueError, CurationError) as error:
            raise CurationError(f"{path}: {error}") from error
        curation.check()
        return curation

    def save(self, path: Path) -> None:
        """Write the curation (a temporary file renamed over the old one, so a stopped write loses nothing)."""
        self.check()
        data = {
            "same": [list(p) for p in self.same],
            "distinct": [list(p) for p in self.distinct],
            "rename": dict(sorted(self.rename.items())),
            "reject": sorted({fact_name(f) for f in self.reject}),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)
        partial.write_text(_HEADER + text, encoding="utf-8")
        partial.replace(path)

    def check(self) -> None:
        """A pair may not be both the same and distinct (directly or through other 'same' pairs); a rejected fact
        is named by its IRI."""
        for fact in self.reject:
            fact_name(fact)
        for a, b in self.distinct:
            if self.canonical(a) == self.canonical(b):
                raise CurationError(f"{a} and {b} are curated as both the same and distinct")

    def canonical(self, key: str) -> str:
        """The key an entity takes by the 'same' decisions (followed through chains)."""
        seen = {key}
        moved = True
        while moved:
            moved = False
            for kept, gone in self.same:
                if key == gone and kept not in seen:
                    key, moved = kept, True
                    seen.add(key)
        return key

    @property
    def rejected(self) -> frozenset[str]:
        """The IRIs of the rejected facts."""
        return frozenset(self.reject)

    def distinct_pairs(self) -> list[frozenset[str]]:
        return [frozenset(p) for p in self.distinct]

    def apply(self, book: Identities) -> None:
        """Make the document's entities follow the decisions: 'same' keys joined under the first, labels renamed."""
        for key in list(book.entities):
            for known in sorted(book.keys_of(key)):
                target = self.canonical(known)
                if target != known:
                    book.rename(key, target, reason=f"curated: {known} is {target}")
                    break
        for key in list(book.entities):
            label = self.rename.get(key)
            if label and label != book.entities[key].label:
                book.rename(key, key, reason=f"curated label {label!r}", label=label)


def _listed(value: object) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"'reject' is a list of fact IRIs, not {value!r}")
    return value


def _pair(value: object) -> tuple[str, str]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"a pair of entities is a list of two keys, not {value!r}")
    a, b = (entity_key(str(v)) for v in value)
    if a == b:
        raise ValueError(f"a pair of entities names two different ones, not {a} twice")
    return a, b
