"""Every error kg raises on purpose. Messages say what went wrong and what to do.

    KgError
    ├── DocumentError      a document cannot be read (empty, binary, undecodable, missing, too large)
    ├── StoreError         the store cannot be opened, read or written
    ├── QueryError         a SPARQL query or update is invalid, or a parameter cannot be bound
    │   └── UnknownQuery   no query of that name in kg/data/queries/
    ├── GoldError          a gold-facts file is malformed
    ├── AuthorityError     an authority table (kg/data/authority/) is missing or malformed
    ├── PatternError       a pattern folder (--patterns) has a file the entity ruler or the lexicon cannot take
    └── ValidationError    the graph violates the SHACL shapes or is logically inconsistent
"""


class KgError(Exception):
    """Base class of kg's errors; the CLI prints their message and exits non-zero."""


class DocumentError(KgError):
    """A document cannot be read; the message starts with the document's path."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query or update is invalid, or a parameter cannot be bound."""


class UnknownQuery(QueryError):
    """No query of that name."""


class GoldError(KgError):
    """A gold-facts file is malformed."""


class AuthorityError(KgError):
    """An authority table is missing or malformed; the message names the file and record."""


class PatternError(KgError):
    """A user's pattern or trigger file is malformed; the message names the file and line."""


class ValidationError(KgError):
    """The graph violates the SHACL shapes or is logically inconsistent."""
