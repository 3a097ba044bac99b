"""The `kg` command: a thin layer over the Python API (`kg.build`, `kg.queries`, `kg.export`, ...).

Each sub-command parses its options, calls the library function of the same name, and prints
the result. Errors kg raises on purpose (`kg.errors.KgError`) print as one line and exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kg import __version__
from kg.errors import KgError
from kg.output import RECORD_FORMATS, query_text, records_text
from kg.store import DEFAULT_LOCATION, Store, open_store
from kg.worker import DEFAULT_MEMORY, DEFAULT_TIMEOUT


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 1
    try:
        return args.run(args) or 0
    except KgError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("kg: interrupted; the store is consistent and a re-run completes the work", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of actors, jurisdictions, orders and funding from policy documents.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    store = argparse.ArgumentParser(add_help=False)
    group = store.add_argument_group("store")
    group.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_LOCATION,
        metavar="DIR",
        help=f"embedded store folder (default: {DEFAULT_LOCATION})",
    )
    group.add_argument("--endpoint", metavar="URL", help="SPARQL 1.1 query endpoint of a remote store instead")
    group.add_argument("--update-endpoint", metavar="URL", help="SPARQL 1.1 update endpoint (default: --endpoint)")
    group.add_argument("--graph-store", metavar="URL", help="Graph Store Protocol endpoint for bulk loads")
    group.add_argument("--user", help="user name for the remote endpoint")
    group.add_argument(
        "--password",
        default=os.environ.get("KG_PASSWORD"),
        help="password for the remote endpoint (default: $KG_PASSWORD)",
    )
    group.add_argument("--auth", choices=["basic", "digest"], default="basic",
                       help="HTTP authentication scheme of the remote endpoint (Virtuoso's /sparql-auth wants digest)")
    group.add_argument("--timeout", type=float, default=30.0, help="seconds per remote request (default: 30)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, run, help: str, *more: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[store, *more], help=help, description=help)
        sub.set_defaults(run=run, command=name)
        return sub

    sub = command("build", _build, "extract documents (files or folders) into the store")
    sub.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    sub.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes that parse, extract and map documents (default: the number of cores, "
        f"{os.cpu_count() or 1} here); the store is written by this one",
    )
    sub.add_argument("--processes", type=int, dest="workers", help=argparse.SUPPRESS)  # deprecated: --workers
    sub.add_argument(
        "--cluster",
        metavar="SCHEDULER",
        help="make the documents' graphs on a Dask cluster (tcp://HOST:8786; pip install 'kg[cluster]') instead of "
        "--workers here; this process stores them",
    )
    sub.add_argument(
        "--doc-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop parsing a document after this long and report it (default: {DEFAULT_TIMEOUT:g}; 0: no limit, "
        "parse in this process)",
    )
    sub.add_argument(
        "--doc-memory",
        type=int,
        default=DEFAULT_MEMORY >> 20,
        metavar="MIB",
        help=f"address space of a parser process, in MiB (default: {DEFAULT_MEMORY >> 20})",
    )
    sub.add_argument(
        "--patterns",
        type=Path,
        metavar="DIR",
        help="a folder of a domain's entity-ruler patterns (*.jsonl) and trigger words (triggers.json), "
        "added to kg's own; see docs/patterns.md",
    )
    sub.add_argument("--no-progress", action="store_true", help="no progress bar")
    _curation_option(sub)

    sub = command("same", _same, "curate: two entities are one (the second takes the first's key, in every build)")
    sub.add_argument("kept", metavar="ENTITY", help="key or IRI of the entity that stays")
    sub.add_argument("gone", metavar="OTHER", help="key or IRI of the entity that is the same one")
    _curation_option(sub)

    sub = command("distinct", _distinct, "curate: two entities are never one node, whatever a rule says")
    sub.add_argument("first", metavar="ENTITY")
    sub.add_argument("second", metavar="OTHER")
    _curation_option(sub)

    sub = command("rename", _rename, "curate: the label an entity is shown by (its other names kept)")
    sub.add_argument("entity", metavar="ENTITY")
    sub.add_argument("label", metavar="LABEL")
    _curation_option(sub)

    sub = command("reject", _reject, "curate: a fact is wrong (never written by a build; taken out of the store now)")
    sub.add_argument("fact", metavar="FACT_IRI", help="the fact's IRI, as kg facts prints it in fact_iri")
    _curation_option(sub)

    sub = command("entity", _entity, "an entity's names, identifiers, documents and why it is one node")
    sub.add_argument("entity", metavar="ENTITY", help="key (person/Q22686) or IRI")

    sub = command("facts", _facts, "print every fact in the store, computed by SPARQL")
    sub.add_argument("--format", choices=["jsonl", "json", "table", "csv", "tsv"], default="jsonl",
                     help="jsonl (default), json, csv or tsv (every column), or a table to read")
    sub.add_argument("--full", action="store_true", help="a table with the quote and evidence columns uncut")
    sub.add_argument("--document", help="only the facts of this document (its name or path, as kg remove takes)")

    sub = command("query", _query, "run a named query of the library (kg query --list), or a SPARQL file with --file")
    sub.add_argument("name", nargs="?", help="query name; omit to list the library")
    sub.add_argument("--list", action="store_true", help="list the queries, their parameters, and kg's own apart")
    sub.add_argument("--file", type=Path, help="run the SPARQL query in this file instead")
    sub.add_argument("--param", action="append", default=[], metavar="K=V", help="bind a parameter (repeatable)")
    sub.add_argument(
        "--format",
        choices=["table", "csv", "json", "srj", "srx", "tsv"],
        default="table",
        help="table, csv, json (records), or SPARQL results srj/srx/tsv",
    )

    sub = command("export", _export, "write the graph in an RDF (or graph) format")
    # Checked by kg.export (which the help would otherwise import just for the names).
    sub.add_argument("--format", default="turtle", metavar="FORMAT",
                     help="turtle (default), trig, nquads, ntriples, jsonld (compacted with kg's @context), graphml "
                     "(the labelled entity graph), graphml-triples (every triple an edge), csv (one row a quad) "
                     "or neo4j (nodes.csv and relationships.csv for neo4j-admin import, into the folder --out)")
    sub.add_argument("--document", action="append", default=[], help="only this document (repeatable)")
    sub.add_argument("--with-ontology", action="store_true", help="include the ontology's graph (RDF formats)")
    sub.add_argument("--out", "-o", type=Path, help="output file (default: standard output); a folder for neo4j")

    sub = command("validate", _validate, "check the graph against the SHACL shapes and, with HermiT, the ontology")
    sub.add_argument("--no-reasoner", action="store_true", help="skip the HermiT consistency check")

    command("stats", _stats, "count documents, entities per class, facts per type and triples")

    sub = command("remove", _remove, "delete documents and every node only they supported")
    sub.add_argument("documents", nargs="+", help="file names (or paths) of documents in the store")

    sub = command("eval", _eval, "score the store's facts against gold YAML files (P/R/F1 per fact type)")
    sub.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    sub.add_argument("--verbose", "-v", action="store_true", help="list false positives and negatives")
    sub.add_argument("--json", action="store_true", help="print the scores as JSON")
    sub.add_argument(
        "--linking",
        nargs="?",
        const=True,
        type=Path,
        metavar="FILE",
        help="score entity resolution instead, against a linking gold (default: GOLD_DIR/linking.yaml)",
    )
    sub.add_argument("--against", type=Path, metavar="SECOND_DIR",
                     help="score a second annotation of the same documents instead of the store (annotator agreement)")

    analysis = argparse.ArgumentParser(add_help=False)
    analysis.add_argument("--format", choices=RECORD_FORMATS, default=None,
                          help="table (default on a terminal), jsonl (default otherwise), json, csv or tsv")
    sub = command("centrality", _centrality, "degree, betweenness and PageRank of actors and orders (who is pivotal)",
                  analysis)
    sub.add_argument("--graph", choices=["actor-order", "actors", "funding"], default="actor-order")
    sub.add_argument("--top", type=int, default=20, help="rows to print (default: 20)")
    command("coalitions", _coalitions, "blocs of actors with the same stance on the same orders, and who opposes whom",
            analysis)
    command("exposure", _exposure, "per jurisdiction: funding at stake, the order behind it, its issuer and the answer",
            analysis)
    sub = command("path", _path, "the shortest explained chain between two entities, with evidence for each hop")
    sub.add_argument("source", help="label, alias or IRI")
    sub.add_argument("target", help="label, alias or IRI")
    sub = command("timeline", _timeline, "events per day or week, by fact type", analysis)
    sub.add_argument("--freq", choices=["day", "week"], default="day")

    sub = command("analyze", _analyze, "write the analysis report (plots, interactive graph, GraphML, summary)")
    sub.add_argument("--out", type=Path, default=Path("out/analysis"), help="report folder (default: out/analysis)")

    sub = command("serve", _serve, "serve a SPARQL endpoint (/sparql) and a browser explorer of the store over HTTP "
                  "(the store opened read-only; --timeout bounds each SPARQL request)")
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    sub.add_argument("--max-rows", type=int, default=10_000,
                     help="rows (or triples) per SPARQL answer (default: 10000)")
    sub.add_argument("--allow-update", action="store_true",
                     help="accept SPARQL updates and the explorer's curation forms carrying --token (opens the store "
                          "for writing, which locks it)")
    sub.add_argument("--token", default=os.environ.get("KG_SERVE_TOKEN"),
                     help="the token update requests must send as 'Authorization: Bearer T' (default: $KG_SERVE_TOKEN)")
    _curation_option(sub)
    return parser


def _open(args: argparse.Namespace, *, create: bool = False, write: bool = False) -> Store:
    # Only `build` makes a new store: a mistyped --store for any other command is an error, not an empty answer.
    # Commands that only read open it read-only, so that they work while a build writes it.
    return open_store(
        args.store,
        create=create,
        read_only=not write,
        endpoint=args.endpoint,
        update_endpoint=args.update_endpoint,
        graph_store=args.graph_store,
        user=args.user,
        password=args.password,
        auth=args.auth,
        timeout=args.timeout,
    )


def _build(args: argparse.Namespace) -> int:
    from kg.build import Budget, build
    from kg.resolve import Curation

    budget = Budget(timeout=args.doc_timeout or None, memory=args.doc_memory << 20)
    options = {"progress": not args.no_progress, "budget": budget, "patterns": args.patterns}
    with _open(args, create=True, write=True) as store:
        curation = Curation.load(_curation_file(args))
        if args.cluster:
            from kg.cluster import build as build_on_cluster

            report = build_on_cluster(args.paths, store, args.cluster, curation=curation, **options)
        else:
            report = build(args.paths, store, workers=args.workers, curation=curation, **options)
    for message in report.warnings:
        print(f"kg: warning: {message}", file=sys.stderr)
    for _, message in report.failed:
        print(f"kg: skipped {message}", file=sys.stderr)
    for old, new in report.moved:
        print(f"kg: {old} moved to {new}", file=sys.stderr)
    print(report.summary())
    return 0 if report.built or report.unchanged else 1


def _facts(args: argparse.Namespace) -> int:
    from kg.output import facts_text
    from kg.queries import facts

    with _open(args) as store:
        records = facts(store, document=args.document)
    if not records:
        where = f"document {args.document}" if args.document else "store"
        print(f"kg: the {where} holds no facts", file=sys.stderr)
    print(facts_text(records, args.format, full=args.full), end="")
    return 0


def _query(args: argparse.Namespace) -> int:
    from kg.queries import list_queries, load_query, query, term_of, why_empty

    if args.list or (args.file is None and args.name is None):
        for named in list_queries(internal=False):
            params = ", ".join(p.name + (" (optional)" if p.optional else "") for p in named.params)
            print(f"{named.name:28} {named.description}" + (f" [params: {params}]" if params else ""))
        internal = ", ".join(q.name for q in list_queries(internal=True))
        print(f"\nkg's own queries (run by kg build, kg remove and the analyses): {internal}")
        return 0
    params = dict(_key_value(p) for p in args.param)
    with _open(args) as store:
        if args.file:
            if not args.file.is_file():
                raise KgError(f"{args.file}: no such query file")
            result = store.query(args.file.read_text(encoding="utf-8"), {k: term_of(v) for k, v in params.items()})
        else:
            load_query(args.name)
            result = query(store, args.name, params)
        reason = why_empty(store, args.name, params) if result.kind == "select" and not result.rows else None
    print(query_text(result, args.format), end="")
    if reason:
        print(f"kg: no rows: {reason}", file=sys.stderr)
    return 0


def _key_value(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise KgError(f"--param takes name=value, not {text!r}")
    key, value = text.split("=", 1)
    return key.strip(), value


def _export(args: argparse.Namespace) -> int:
    from kg.export import export, export_neo4j

    if args.format == "neo4j":
        if args.out is None:
            raise KgError("kg export --format neo4j writes nodes.csv and relationships.csv: give the folder, --out DIR")
        with _open(args) as store:
            paths = export_neo4j(store, args.out, documents=args.document or None)
        print(f"wrote {', '.join(map(str, paths))}", file=sys.stderr)
        return 0
    with _open(args) as store:
        data = export(store, args.format, documents=args.document or None, ontology=args.with_ontology)
        if not args.document:
            from kg.build import stored_documents

            _say_why_empty(store, stored_documents(store))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
        print(f"wrote {args.out} ({len(data)} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.export import export_graph
    from kg.validate import validate

    with _open(args) as store:
        report = validate(export_graph(store), reasoner=not args.no_reasoner)
    print(report.summary)
    return 0 if report.ok else 1


def _stats(args: argparse.Namespace) -> int:
    from kg.queries import stats

    with _open(args) as store:
        print(json.dumps(stats(store), indent=2))
    return 0


def _curation_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--curation",
        type=Path,
        metavar="FILE",
        help="the curation file of identity and fact decisions (default: curation.yaml in the store's folder)",
    )


def _curation_file(args: argparse.Namespace) -> Path:
    from kg.curate import curation_path

    return curation_path(args.store, args.curation)


def _same(args: argparse.Namespace) -> int:
    from kg.curate import same

    with _open(args, write=True) as store:
        changed = same(store, args.kept, args.gone, _curation_file(args))
    print(f"{args.gone} is now {args.kept}: {changed} document graphs rewritten; recorded in {_curation_file(args)}")
    return 0


def _distinct(args: argparse.Namespace) -> int:
    from kg.curate import distinct

    with _open(args) as store:
        distinct(store, args.first, args.second, _curation_file(args))
    print(f"{args.first} and {args.second} are distinct in every build from now on; recorded in {_curation_file(args)}")
    return 0


def _rename(args: argparse.Namespace) -> int:
    from kg.curate import rename

    with _open(args, write=True) as store:
        changed = rename(store, args.entity, args.label, _curation_file(args))
    print(f"{args.entity} is shown as {args.label!r}: {changed} document graphs rewritten")
    return 0


def _reject(args: argparse.Namespace) -> int:
    from kg.curate import reject

    with _open(args, write=True) as store:
        changed = reject(store, args.fact, _curation_file(args))
    print(f"rejected {args.fact}: {changed} document graphs rewritten; recorded in {_curation_file(args)}")
    return 0


def _entity(args: argparse.Namespace) -> int:
    from kg.curate import describe

    with _open(args) as store:
        print(describe(store, args.entity).format())
    return 0


def _remove(args: argparse.Namespace) -> int:
    from kg.build import remove

    with _open(args, write=True) as store:
        removed = remove(args.documents, store)
    print(f"removed {len(removed)} documents: {', '.join(removed)}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from kg.evaluate import agreement, evaluate
    from kg.linking import evaluate_linking
    from kg.queries import facts

    if args.against and args.linking:
        raise KgError("--against scores facts; it does not go with --linking")
    if args.against:
        report = agreement(args.gold_dir, args.against)
    else:
        with _open(args) as store:
            if args.linking:
                path = None if args.linking is True else args.linking
                report = evaluate_linking(store, args.gold_dir, path)
            else:
                found = facts(store)
                _say_why_empty(store, found)
                report = evaluate(found, args.gold_dir)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.format(verbose=args.verbose))
    return 0


def _record_format(args: argparse.Namespace) -> str:
    """--format, by default a table for a person at a terminal and JSON lines for a program reading a pipe."""
    return args.format or ("table" if sys.stdout.isatty() else "jsonl")


def _print_records(args: argparse.Namespace, records: list, columns: list[str] | None = None) -> None:
    print(records_text(records, _record_format(args), columns), end="")


def _say_why_empty(store: Store, found: object) -> None:
    """On standard error, the likely mistake behind a command that found nothing (`found` empty or false)."""
    from kg.queries import why_empty

    reason = None if found else why_empty(store)
    if reason:
        print(f"kg: nothing found: {reason}", file=sys.stderr)


def _centrality(args: argparse.Namespace) -> int:
    from kg import analysis

    project = {"actor-order": analysis.actor_order_graph, "actors": analysis.actor_network,
               "funding": analysis.funding_graph}[args.graph]
    with _open(args) as store:
        rows = analysis.centrality(project(store))[: args.top]
        _say_why_empty(store, rows)
    _print_records(args, rows)
    return 0


def _coalitions(args: argparse.Namespace) -> int:
    from kg.analysis import coalitions

    with _open(args) as store:
        found = coalitions(store)
        _say_why_empty(store, found.blocs)
    fmt = _record_format(args)
    if fmt in ("jsonl", "json"):
        print(records_text([found], fmt), end="")
        return 0
    blocs = [{"bloc": bloc.name, "members": len(bloc.members),
              "positions": "; ".join(f"{order}: {stance}" for order, stance in bloc.positions)} for bloc in found.blocs]
    against = [{"bloc": o.first_name, "opposes": o.second_name, "on": "; ".join(o.orders)} for o in found.oppositions]
    print(records_text(blocs, fmt, ["bloc", "members", "positions"]), end="")
    if against or fmt != "table":
        print(("\n" if fmt == "table" else "") + records_text(against, fmt, ["bloc", "opposes", "on"]), end="")
    else:
        print("\nno bloc complies with an order that another opposes, challenges or refuses")
    return 0


def _exposure(args: argparse.Namespace) -> int:
    from kg.analysis import funding_exposure

    with _open(args) as store:
        rows = funding_exposure(store)
        _say_why_empty(store, rows)
    _print_records(args, rows)
    return 0


def _path(args: argparse.Namespace) -> int:
    from kg.analysis import explain_path

    with _open(args) as store:
        hops = explain_path(store, args.source, args.target)
    if not hops:
        print(f"kg: no path between {args.source!r} and {args.target!r}: no chain of facts joins them", file=sys.stderr)
        return 1
    for hop in hops:
        arrow = f"-{hop.relation}->" if hop.forward else f"<-{hop.relation}-"
        print(f"{hop.source_label} {arrow} {hop.target_label}")
        for sentence in hop.sentences[:1]:
            print(f"    evidence: {sentence}")
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from kg.analysis import timeline

    with _open(args) as store:
        rows = timeline(store, freq=args.freq)
        _say_why_empty(store, rows)
    kinds = sorted({kind for row in rows for kind in row.counts})
    flat = [{"period": row.period.isoformat(), **{kind: row.counts.get(kind, 0) for kind in kinds}} for row in rows]
    _print_records(args, rows if _record_format(args) in ("jsonl", "json") else flat, ["period", *kinds])
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from kg.analysis import report

    with _open(args) as store:
        path = report(store, args.out)
        _say_why_empty(store, False)  # a report is always written: say when it can only be empty
    print(f"wrote the analysis report to {path}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from kg.serve import serve

    if args.endpoint:
        raise KgError("kg serve serves an embedded store (--store DIR); a remote endpoint is already a SPARQL server")
    print(f"kg: serving {args.store} at http://{args.host}:{args.port}/ (SPARQL at /sparql); Ctrl-C stops",
          file=sys.stderr)
    serve(args.store, host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
          allow_update=args.allow_update, token=args.token, curation=args.curation)
    return 0


if __name__ == "__main__":
    sys.exit(main())
