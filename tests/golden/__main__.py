"""`python -m tests.golden --refresh`: store the records of `corpora/sample` as the golden ones."""
from __future__ import annotations

import argparse
import sys

from . import STORE, refresh


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    ap.add_argument("--refresh", action="store_true", help="extract the sample again and store the records")
    args = ap.parse_args(argv)
    if not args.refresh:
        ap.print_help()
        return 2
    n = refresh()
    print(f"stored {n} records in {STORE}; review them with `git diff --stat tests/golden/`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
