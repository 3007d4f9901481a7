"""The `chithi` command.

Exit codes: 0 ok; 1 some inputs failed (each reported); 2 usage error: bad arguments, an output
folder or file that cannot be used (a file where a folder is needed, not writable, locked by another
run), a malformed or unreachable `--scheduler`; 3 an output step of a batch failed (tables, graph,
explorer, calendar: each named on stderr); 4 internal error (a bug: the message says where);
130 interrupted.  Every failure is one line on stderr, never a traceback.

Library code raises typed errors; this module is the only place that prints and exits.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ChithiError, OutputError, SchedulerError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_OUTPUT_STEP, EXIT_INTERNAL = 0, 1, 2, 3, 4
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = PACKAGE_ROOT / "corpora" / "sample"


def _err(msg: str) -> None:
    print(f"chithi: {msg}", file=sys.stderr)


def cmd_extract(args) -> int:
    """`chithi extract`: one JSON record per input file, to stdout or `-o`."""
    from .export import clean_record
    from .extract import extract

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as e:
        raise OutputError(f"cannot write the output file ({e.strerror or e})", path=args.output) from e
    failed = 0
    try:
        for p in args.paths:
            try:
                doc = extract(Path(p), ocr=args.ocr, jobs=args.jobs)
            except ChithiError as e:
                failed += 1
                _err(f"{e} [{type(e).__name__}]")
                continue
            rec = doc.to_dict()
            clean_record(rec)       # no control character or lone surrogate reaches the JSON
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output:
        print(f"wrote {len(args.paths) - failed} record(s) to {args.output}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_evaluate(args) -> int:
    """`chithi evaluate`: scores against the gold files of the folders (or under perturbations)."""
    from .evaluate import evaluate
    from .extract import extract

    for d in args.dirs:
        if not Path(d).exists():
            _err(f"{d}: no such folder")
            return EXIT_USAGE
    if args.perturb:
        return _evaluate_perturbed(args)
    if args.against != "gold":
        _err("--against clean needs --perturb (the clean text is the reference of its variants)")
        return EXIT_USAGE
    report = evaluate(args.dirs, lambda p: extract(p, ocr=args.ocr).to_dict())
    if args.json:
        print(json.dumps(report.to_dict(by_doc=args.by_doc), ensure_ascii=False, indent=1))
    else:
        print(report.table(by_doc=args.by_doc))
    return EXIT_FAILED if any(d.error for d in report.docs) else EXIT_OK


def _evaluate_perturbed(args) -> int:
    """`evaluate --perturb`: tasks, bodies and deadlines F1 of the clean text and of each variant."""
    from .evaluate import PERTURBATIONS, evaluate_perturbed
    from .extract import extract

    names = list(PERTURBATIONS) if args.perturb == "all" else [n.strip() for n in args.perturb.split(",") if n.strip()]
    unknown = [n for n in names if n not in PERTURBATIONS]
    if unknown:
        hint = " (give the folders before --perturb)" if any(Path(n).exists() for n in unknown) else ""
        _err(f"unknown perturbation(s) {', '.join(unknown)}; known: {', '.join(PERTURBATIONS)}{hint}")
        return EXIT_USAGE

    def progress(done: int, total: int, name: str) -> None:
        print(f"\r[{done}/{total}] {name[:60]:<60}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    report = evaluate_perturbed(args.dirs, lambda data, path: extract(data, path=path, ocr=args.ocr).to_dict(),
                                seed=args.seed, repeat=args.repeat, names=names, progress=progress,
                                against=args.against)
    if not report.reports["clean"].docs:
        why = (f" (not text: {', '.join(report.skipped)})" if report.skipped else
               " (no gold files there: try --against clean)" if args.against == "gold" else "")
        _err("no text document to perturb in " + ", ".join(args.dirs) + why)
        return EXIT_USAGE
    print(json.dumps(report.to_dict(), indent=1) if args.json else report.table(by_doc=args.by_doc))
    return EXIT_FAILED if any(d.error for r in report.reports.values() for d in r.docs) else EXIT_OK


def cmd_demo(args) -> int:
    """`chithi demo`: the batch over corpora/sample, with its summary."""
    from .batch import process_archive

    if not SAMPLE.is_dir():
        _err(f"no sample corpus at {SAMPLE}: it comes with a source checkout of chithi, not with the installed "
             "package; run `chithi batch DIR -o OUT` on your own documents")
        return EXIT_USAGE
    out = Path(args.output)
    summary = process_archive([SAMPLE], out, jobs=args.jobs, progress=not args.quiet)
    print(summary.text())
    print(f"\nResults are in {out.resolve()}/ "
          f"(documents.jsonl, tables/, graph/, explorer.html, deadlines.ics, summary.md)")
    for e in summary.step_errors:
        _err(f"output step {e}")
    if summary.step_errors:
        return EXIT_OUTPUT_STEP
    return EXIT_OK if not summary.failed else EXIT_FAILED


def cmd_show(args) -> int:
    """`chithi show`: a page highlighting one document's bodies and deadlines."""
    from .export import atomic_write, render_html
    from .extract import extract

    doc = extract(Path(args.doc), ocr=args.ocr)
    html = render_html(doc)
    out = Path(args.output or (Path(args.doc).stem + ".html"))
    if out.is_dir():                 # `-o DIR`: the page goes into the folder
        out = out / (Path(args.doc).stem + ".html")
    try:
        with atomic_write(out) as f:
            f.write(html)
    except OSError as e:
        raise OutputError(f"cannot write the page ({e.strerror or e})", path=str(out)) from e
    print(f"wrote {out}")
    return EXIT_OK


def _limits(args):
    from .read import MIB, Limits
    return Limits(input_bytes=int(args.max_input_mb * MIB), archive_bytes=int(args.max_archive_mb * MIB),
                  page_pixels=int(args.max_page_mpx * 1e6), image_pixels=int(args.max_image_mpx * 1e6),
                  doc_seconds=args.doc_timeout)


def cmd_batch(args) -> int:
    """`chithi batch`: files, folders and zip archives into an output folder."""
    from .batch import process_archive
    from .read import set_limits

    limits = _limits(args)
    set_limits(limits)
    summary = process_archive(args.inputs, Path(args.output), jobs=args.jobs, scheduler=args.scheduler,
                              ocr=args.ocr, progress=not args.quiet, limits=limits)
    print(summary.text())
    for e in summary.step_errors:
        _err(f"output step {e}")
    if summary.step_errors:
        return EXIT_OUTPUT_STEP
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_graph(args) -> int:
    """`chithi graph`: a query over a batch folder's citation graph."""
    from .graph import run_query

    rows = run_query(args.out, args.query, args.args)
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
    if not rows and args.query != "unresolved":
        print(f"chithi graph {args.query}: no result", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_bench(args) -> int:
    """`chithi bench`: documents per second, per stage, and the first extract() of a fresh process."""
    from .bench import run_bench

    try:
        print(run_bench(args.dirs or [str(PACKAGE_ROOT / "corpora" / "dev")], repeat=args.repeat))
    except ChithiError as e:
        _err(str(e))
        return EXIT_USAGE
    return EXIT_OK


def _positive(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not v > 0 or v != v or v == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
    return v


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (exit 2) instead of the usage block."""

    def error(self, message: str):
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _limits_opts(sp) -> None:
    from .read import MIB, Limits
    d = Limits()
    g = sp.add_argument_group("limits (each input over one is a failed input; the batch goes on)")
    g.add_argument("--max-input-mb", type=_positive, default=d.input_bytes / MIB, metavar="MB",
                   help="bytes of one input file or zip entry (default: %(default)g)")
    g.add_argument("--max-archive-mb", type=_positive, default=d.archive_bytes / MIB, metavar="MB",
                   help="bytes a zip archive may expand to (default: %(default)g)")
    g.add_argument("--max-page-mpx", type=_positive, default=d.page_pixels / 1e6, metavar="MPX",
                   help="million pixels of a rendered page; larger pages render at a lower resolution "
                        "(default: %(default)g)")
    g.add_argument("--max-image-mpx", type=_positive, default=d.image_pixels / 1e6, metavar="MPX",
                   help="million pixels of an input image (default: %(default)g)")
    g.add_argument("--doc-timeout", type=_positive, default=d.doc_seconds, metavar="S",
                   help="seconds to extract one document before its worker is stopped (default: %(default)g)")


def _ocr_opt(sp) -> None:
    sp.add_argument("--ocr", choices=["auto", "force", "never"], default="auto",
                    help="OCR pages without a usable text layer (auto), every page (force), or none")


def _document_commands(sub) -> None:
    """extract, evaluate, show: commands over single documents."""
    sp = sub.add_parser("extract", help="extract records (JSONL) from documents")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("-o", "--output", help="JSONL file (default: stdout)")
    sp.add_argument("--jobs", type=int, default=None, help="OCR processes (default: all cores)")
    _ocr_opt(sp)
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("evaluate", help="score extraction against gold files (GOLD.md)")
    sp.add_argument("dirs", nargs="+")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--by-doc", action="store_true", help="list each document's misses")
    sp.add_argument("--perturb", nargs="?", const="all", default=None, metavar="NAMES",
                    help="score each document's perturbed variants too (all, or a comma-separated list)")
    sp.add_argument("--seed", type=int, default=0, help="seed of the perturbations (with --perturb)")
    sp.add_argument("--repeat", type=int, default=1, metavar="K",
                    help="with --perturb: pool the variants of K seeds (seed ... seed+K-1)")
    sp.add_argument("--against", choices=("gold", "clean"), default="gold",
                    help="with --perturb: score variants against the gold files, or against each document's "
                         "own clean record (any text document, no gold needed: consistency, not correctness)")
    _ocr_opt(sp)
    sp.set_defaults(func=cmd_evaluate)

    sp = sub.add_parser("show", help="one HTML page highlighting a document's bodies and deadlines")
    sp.add_argument("doc")
    sp.add_argument("--html", action="store_true", help="write HTML (the only output for now)")
    sp.add_argument("-o", "--output")
    _ocr_opt(sp)
    sp.set_defaults(func=cmd_show)


def _corpus_commands(sub) -> None:
    """demo, batch, graph, bench: commands over corpora and batch folders."""
    sp = sub.add_parser("demo", help="run the main job on the bundled sample corpus")
    sp.add_argument("-o", "--output", default="out/demo")
    sp.add_argument("--jobs", type=int, default=None)
    sp.add_argument("-q", "--quiet", action="store_true")
    sp.set_defaults(func=cmd_demo)

    sp = sub.add_parser("batch", help="process files, folders and zip archives into an output folder")
    sp.add_argument("inputs", nargs="+")
    sp.add_argument("-o", "--output", required=True)
    sp.add_argument("--jobs", type=int, default=None, help="worker processes, 1 to the cores available (default: all)")
    sp.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786")
    sp.add_argument("-q", "--quiet", action="store_true")
    _ocr_opt(sp)
    _limits_opts(sp)
    sp.set_defaults(func=cmd_batch)

    sp = sub.add_parser("graph", help="query a written graph: cites|cited-by|chain|top|unresolved")
    sp.add_argument("out", help="a batch output folder")
    sp.add_argument("query", choices=["cites", "cited-by", "chain", "top", "unresolved"])
    sp.add_argument("args", nargs=argparse.REMAINDER, help="the query's arguments (a symbol, --n 10, --issuer ...)")
    sp.set_defaults(func=cmd_graph)

    sp = sub.add_parser("bench", help="documents per second over a corpus, text input, one process; and the "
                                      "first extract() of a fresh process")
    sp.add_argument("dirs", nargs="*")
    sp.add_argument("--repeat", type=int, default=3)
    sp.set_defaults(func=cmd_bench)


def build_parser() -> argparse.ArgumentParser:
    """The `chithi` argument parser, one sub-command per `cmd_*` function."""
    p = _Parser(prog="chithi", description="Vietnamese directive documents into structured data and a citation graph.")
    p.add_argument("--version", action="version", version=f"chithi {__import__('pipeline').__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    _document_commands(sub)
    _corpus_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the `chithi` command; returns its exit code (see the module docstring), never raises."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return EXIT_USAGE if e.code not in (0, None) else EXIT_OK
    try:
        return args.func(args)
    except (UsageError, OutputError, SchedulerError) as e:
        _err(str(e))
        return EXIT_USAGE
    except ChithiError as e:
        _err(str(e))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:     # the disk filled up, a folder vanished while writing...
        _err(f"{e.filename + ': ' if e.filename else ''}{e.strerror or e}")
        return EXIT_USAGE
    except Exception as e:   # a bug: one line that says where, not a traceback
        tb = e.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb is not None else ""
        _err(f"internal error: {type(e).__name__}: {e}{where} (please report it)")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
