"""Curation from the explorer: the POST routes behind the forms of entity and document pages.

    POST /curate/same      entity, same_as         the page's entity is `same_as` (which keeps its key)
    POST /curate/distinct  entity, distinct_from   never one node
    POST /curate/rename    entity, label           the label it is shown by
    POST /curate/reject    fact, back              the fact is wrong (`back`: the page to return to)

Each takes an `application/x-www-form-urlencoded` body and calls the `kg.curate` function of its name, which
writes the curation file and rewrites the graphs already stored. They answer only a server started with
`allow_update` (the store open for writing) and a request carrying its token, in the form's `token` field or as
`Authorization: Bearer T`; then they redirect (303) to the entity's page, or the page the fact was rejected on,
which shows what was done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

import anyio
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import kg.curate
from kg.errors import KgError
from kg.resolve import entity_key
from kg.serve.explore import entity_path, iri_of
from kg.serve.sparql import authorized, bearer
from kg.store import Store

Page = Callable[..., Response]  # (request, template, status, **context) -> the rendered page
Form = dict[str, str]


def confirmations(path: Path) -> dict[str, str]:
    """What a page says after each action (the `curated` query parameter of the redirect names it); the curation
    file by its name only, so that pages do not show where the server keeps it."""
    name = path.name
    return {
        "same": f"Merged: the other entity is this one now, in the store and in every build (recorded in {name}).",
        "distinct": f"Recorded: the two entities are never one node, in any build (recorded in {name}).",
        "rename": f"Renamed: this is the entity's label now, in the store and in every build (recorded in {name}).",
        "reject": f"Rejected: the fact is out of the store, and no build writes it again (recorded in {name}).",
    }


class Curator:
    """The curation routes of one server: its store, curation file and token."""

    def __init__(self, store: Store, path: Path, page: Page, *, allow_update: bool, token: str | None) -> None:
        self.store, self.path, self.page = store, path, page
        self.allow_update, self.token = allow_update, token
        self.lock = threading.Lock()  # one rewrite at a time: each reads graphs, then puts them back

    def routes(self) -> list[Route]:
        actions = {"same": self._same, "distinct": self._distinct, "rename": self._rename, "reject": self._reject}
        return [Route(f"/curate/{name}", self._handler(name, action), methods=["POST"])
                for name, action in actions.items()]

    def _handler(self, name: str, action: Callable[[Form], str]) -> Callable[[Request], object]:
        async def handle(request: Request) -> Response:
            form = await _form(request)
            if not self.allow_update:
                return self._refuse(request, 403, "This server is read-only: start it with --allow-update --token T "
                                                  "to curate from the explorer.")
            if not authorized(form.get("token") or bearer(request), self.token):
                return self._refuse(request, 403, "Curation needs the server's update token: fill in the token "
                                                  "field, or send 'Authorization: Bearer T'.")

            def run() -> str:
                with self.lock:
                    return action(form)

            try:
                target = await anyio.to_thread.run_sync(run)
            except KgError as error:
                return self._refuse(request, 400, str(error))
            return RedirectResponse(f"{target}?curated={name}", status_code=303)

        return handle

    def _refuse(self, request: Request, status: int, message: str) -> Response:
        return self.page(request, "error.html", status, title="Not curated", message=message)

    def _same(self, form: Form) -> str:
        entity, other = _field(form, "entity"), _field(form, "same_as", "the entity it is the same as")
        kg.curate.same(self.store, other, entity, self.path)
        return _page_of(other)

    def _distinct(self, form: Form) -> str:
        entity = _field(form, "entity")
        kg.curate.distinct(self.store, entity, _field(form, "distinct_from", "the entity it is distinct from"),
                           self.path)
        return _page_of(entity)

    def _rename(self, form: Form) -> str:
        entity = _field(form, "entity")
        kg.curate.rename(self.store, entity, _field(form, "label", "the new label"), self.path)
        return _page_of(entity)

    def _reject(self, form: Form) -> str:
        kg.curate.reject(self.store, _field(form, "fact"), self.path)
        back = form.get("back", "").split("?", 1)[0]
        # a path on this server only: never a redirect elsewhere ("//host", "/\\host")
        return back if back.startswith("/") and not back.startswith(("//", "/\\")) else "/"


async def _form(request: Request) -> Form:
    """The fields of a urlencoded form body (the first value of each)."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        return {}
    body = (await request.body()).decode("utf-8", errors="replace")
    return {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}


def _page_of(entity: str) -> str:
    """The explorer's page of an entity given by key or IRI."""
    return entity_path(str(iri_of(entity_key(entity))))


def _field(form: Form, name: str, what: str | None = None) -> str:
    value = form.get(name, "").strip()
    if not value:
        raise KgError(f"fill in {what or name}")
    return value
