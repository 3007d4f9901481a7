"""The `chithi` command.  Exit codes: 0 ok, 1 some inputs failed (each reported), 2 usage error.

Library code raises typed errors; this module is the only place that prints and exits.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ChithiError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = PACKAGE_ROOT / "corpora" / "sample"


def _err(msg: str) -> None:
    print(f"chithi: {msg}", file=sys.stderr)


def cmd_extract(args) -> int:
    from .extract import extract

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    try:
        for p in args.paths:
            try:
                doc = extract(Path(p), ocr=args.ocr, jobs=args.jobs)
            except ChithiError as e:
                failed += 1
                _err(f"{e} [{type(e).__name__}]")
                continue
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output:
        print(f"wrote {len(args.paths) - failed} record(s) to {args.output}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate
    from .extract import extract

    for d in args.dirs:
        if not Path(d).exists():
            _err(f"{d}: no such folder")
            return EXIT_USAGE
    report = evaluate(args.dirs, lambda p: extract(p, ocr=args.ocr).to_dict())
    if args.json:
        print(json.dumps(report.to_dict(by_doc=args.by_doc), ensure_ascii=False, indent=1))
    else:
        print(report.table(by_doc=args.by_doc))
    return EXIT_FAILED if any(d.error for d in report.docs) else EXIT_OK


def cmd_demo(args) -> int:
    from .batch import process_archive

    out = Path(args.output)
    summary = process_archive([SAMPLE], out, jobs=args.jobs, progress=not args.quiet)
    print(summary.text())
    print(f"\nResults are in {out.resolve()}/ (documents.jsonl, tables/, graph/, explorer.html, deadlines.ics, summary.md)")
    return EXIT_OK if not summary.failed else EXIT_FAILED


def cmd_show(args) -> int:
    from .extract import extract
    from .show import render_html

    doc = extract(Path(args.doc), ocr=args.ocr)
    html = render_html(doc)
    out = Path(args.output or (Path(args.doc).stem + ".html"))
    out.write_text(html, encoding="utf-8")
    print(f"wrote {out}")
    return EXIT_OK


def cmd_batch(args) -> int:
    from .batch import process_archive

    summary = process_archive(args.inputs, Path(args.output), jobs=args.jobs, scheduler=args.scheduler,
                              ocr=args.ocr, progress=not args.quiet)
    print(summary.text())
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_graph(args) -> int:
    from .graph_queries import run_query

    rows = run_query(args.out, args.query, args.args)
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
    if not rows and args.query != "unresolved":
        print(f"chithi graph {args.query}: no result", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_bench(args) -> int:
    from .bench import run_bench

    print(run_bench(args.dirs or [str(PACKAGE_ROOT.parent / "shared" / "corpora" / "dev")], repeat=args.repeat))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chithi", description="Vietnamese directive documents into structured data and a citation graph.")
    p.add_argument("--version", action="version", version=f"chithi {__import__('pipeline').__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def ocr_opt(sp):
        sp.add_argument("--ocr", choices=["auto", "force", "never"], default="auto",
                        help="OCR pages without a usable text layer (auto), every page (force), or none")

    sp = sub.add_parser("extract", help="extract records (JSONL) from documents")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("-o", "--output", help="JSONL file (default: stdout)")
    sp.add_argument("--jobs", type=int, default=None, help="OCR processes (default: all cores)")
    ocr_opt(sp)
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("evaluate", help="score extraction against gold files (GOLD.md)")
    sp.add_argument("dirs", nargs="+")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--by-doc", action="store_true", help="list each document's misses")
    ocr_opt(sp)
    sp.set_defaults(func=cmd_evaluate)

    sp = sub.add_parser("demo", help="run the main job on the bundled sample corpus")
    sp.add_argument("-o", "--output", default="out/demo")
    sp.add_argument("--jobs", type=int, default=None)
    sp.add_argument("-q", "--quiet", action="store_true")
    sp.set_defaults(func=cmd_demo)

    sp = sub.add_parser("show", help="one HTML page highlighting a document's bodies and deadlines")
    sp.add_argument("doc")
    sp.add_argument("--html", action="store_true", help="write HTML (the only output for now)")
    sp.add_argument("-o", "--output")
    ocr_opt(sp)
    sp.set_defaults(func=cmd_show)

    sp = sub.add_parser("batch", help="process files, folders and zip archives into an output folder")
    sp.add_argument("inputs", nargs="+")
    sp.add_argument("-o", "--output", required=True)
    sp.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    sp.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786")
    sp.add_argument("-q", "--quiet", action="store_true")
    ocr_opt(sp)
    sp.set_defaults(func=cmd_batch)

    sp = sub.add_parser("graph", help="query a written graph: cites|cited-by|chain|top|unresolved")
    sp.add_argument("out", help="a batch output folder")
    sp.add_argument("query", choices=["cites", "cited-by", "chain", "top", "unresolved"])
    sp.add_argument("args", nargs=argparse.REMAINDER, help="the query's arguments (a symbol, --n 10, --issuer ...)")
    sp.set_defaults(func=cmd_graph)

    sp = sub.add_parser("bench", help="documents per second over a corpus, text input, one process")
    sp.add_argument("dirs", nargs="*")
    sp.add_argument("--repeat", type=int, default=3)
    sp.set_defaults(func=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return EXIT_USAGE if e.code not in (0, None) else EXIT_OK
    try:
        return args.func(args)
    except ChithiError as e:
        _err(str(e))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
