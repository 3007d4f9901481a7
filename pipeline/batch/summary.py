"""What a batch reports: its `Summary` (counts, speed, memory, output steps) and the progress shown
while it runs (a bar on a terminal, periodic lines on stderr otherwise).
"""
from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..read import Limits


class Progress:
    """Progress of a batch: a rich bar on a terminal, a line on stderr every 5 s otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.t0, self.last = total, 0, time.monotonic(), time.monotonic()
        self.rich = None
        self.enabled = enabled
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            self.rich = Progress(TextColumn("[bold]chithi batch"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[counts]}"),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False)
            self.rich.start()
            self.task = self.rich.add_task("batch", total=total, rate="-", counts="")

    def advance(self, counts: dict) -> None:
        """One more input done (extracted, failed or skipped)."""
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        rate = self.done / max(now - self.t0, 1e-9)
        c = f"ok {counts['ok']} partial {counts['partial']} failed {counts['failed']}"
        if self.rich is not None:
            self.rich.update(self.task, advance=1, rate=f"{rate:.1f}", counts=c)
        elif now - self.last >= 5.0:
            self.last = now
            left = max(self.total - self.done, 0)
            print(f"chithi batch: {self.done}/{self.total} documents ({c}), {rate:.1f} docs/s, "
                  f"ETA {_fmt_s(left / rate if rate else 0)}", file=sys.stderr, flush=True)

    def close(self, counts: dict) -> None:
        """Stop the bar, or print the closing line."""
        if self.rich is not None:
            self.rich.stop()
        elif self.enabled:
            el = time.monotonic() - self.t0
            print(f"chithi batch: {self.done}/{self.total} documents done in {_fmt_s(el)}", file=sys.stderr, flush=True)


def _fmt_s(s: float) -> str:
    s = int(s)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


@dataclass
class Summary:
    """What a batch did.  `counts` covers the whole output folder (this run and earlier ones)."""
    out: Path
    counts: dict[str, int] = field(default_factory=dict)   # ok, partial, failed, duplicates
    processed: int = 0           # documents extracted by this run
    skipped: int = 0             # inputs already done by an earlier run
    elapsed: float = 0.0         # the whole call, output steps included
    extract_s: float = 0.0       # reading and extracting the documents
    peak_rss_mb: float = 0.0     # this process
    peak_worker_rss_mb: float = 0.0   # the largest local worker process
    outputs: dict[str, str] = field(default_factory=dict)
    step_errors: list[str] = field(default_factory=list)
    jobs: int = 0
    scheduler: str | None = None
    limits: Limits | None = None
    repairs: dict[str, int] = field(default_factory=dict)   # what `Manifest.reconcile` found at start
    step_seconds: dict[str, float] = field(default_factory=dict)   # each output step's time
    startup_s: float = 0.0       # from when the workers began to start (the fork server) until the last was ready

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)

    @property
    def records(self) -> int:
        return self.counts.get("ok", 0) + self.counts.get("partial", 0)

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.extract_s if self.extract_s > 0 else 0.0

    def repair_note(self) -> str:
        r = self.repairs
        if not (r.get("quarantined") or r.get("forgotten")):
            return ""
        return (f"repaired at start: {r.get('quarantined', 0)} damaged line(s) moved to {self.out}/quarantine.jsonl, "
                f"{r.get('forgotten', 0)} document(s) missing from the output extracted again")

    def text(self) -> str:
        c = self.counts
        lines = [f"{self.records} record(s) in {self.out}/documents.jsonl: {c.get('ok', 0)} ok, "
                 f"{c.get('partial', 0)} partial (a stage failed or pages were lost), "
                 f"{c.get('failed', 0)} failed input(s), "
                 f"{c.get('duplicates', 0)} duplicate(s)",
                 f"this run: {self.processed} document(s) in {self.extract_s:.1f} s ({self.docs_per_s:.1f} docs/s, "
                 f"{'Dask ' + self.scheduler if self.scheduler else f'{self.jobs} process(es)'}), "
                 f"{self.skipped} already done; peak memory {self.peak_rss_mb:.0f} MB main, "
                 f"{self.peak_worker_rss_mb:.0f} MB per worker"]
        if c.get("failed") or c.get("duplicates"):
            lines.append(f"each failed input and duplicate is a line of {self.out}/errors.jsonl")
        if self.repair_note():
            lines.append(self.repair_note())
        for e in self.step_errors:
            lines.append(f"output step failed: {e}")
        return "\n".join(lines)

    def markdown(self) -> str:
        c = self.counts
        rows = "\n".join(f"| {k} | {v} |" for k, v in (("ok", c.get("ok", 0)), ("partial", c.get("partial", 0)),
                                                         ("failed", c.get("failed", 0)),
                                                         ("duplicates", c.get("duplicates", 0))))
        where = "\n".join(f"- {k}: `{v}`" for k, v in self.outputs.items())
        steps = "".join(f"\n- output step failed: {e}" for e in self.step_errors)
        if self.repair_note():
            steps += f"\n- {self.repair_note()}"
        return (f"# chithi batch\n\n| status | documents |\n| --- | --- |\n{rows}\n\n"
                f"- this run: {self.processed} document(s) in {self.extract_s:.1f} s, {self.docs_per_s:.2f} docs/s "
                f"({'Dask ' + self.scheduler if self.scheduler else f'{self.jobs} worker process(es)'}); "
                f"{self.skipped} input(s) already done by an earlier run; {self.elapsed:.1f} s with the output steps\n"
                f"- peak memory: {self.peak_rss_mb:.0f} MB (this process), "
                f"{self.peak_worker_rss_mb:.0f} MB (largest worker)\n"
                f"{steps}\n\n## Where things are\n\n{where}\n")


def maxrss_mb(who: int) -> float:
    """Peak resident memory in MB of this process (`RUSAGE_SELF`) or of its finished children."""
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20
