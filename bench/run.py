"""`make bench`: whole-process benchmarks of the `cobranza` command on books made by `cobranza demo`.

Every command is timed as the user meets it (a new process: interpreter start, imports, opening the
database, the query, the output written to a file), each against a baseline run in the same round
(bench/baseline.py: a hand-written SQL query over a minimal schema of the same data, stdlib only).
Rounds alternate app and baseline; the figure is the median of the rounds; peak memory is the process's
maximum resident set (wait4's ru_maxrss). Results go to docs/benchmarks.md (between the markers of the
section "Whole commands") with a plot, docs/benchmarks-cli.svg.

Environment:
  BENCH_SIZES   customers per book, comma-separated (default 1000,100000); each book has 10 invoices
                per customer, as of 2026-06-30, seed 3
  BENCH_RUNS    rounds per command (default 3)
  BENCH_RUNS_LARGE  rounds per command on books above 10,000 customers (default BENCH_RUNS)
  BENCH_DIR     where books are kept between runs (default /tmp/cobranza-bench); a book is built by
                `cobranza demo` (timed as many rounds as any command) and copied for each run, since `score`
                and `tasks` write
  BENCH_ONLY    comma-separated command names to run (default all)
  BENCH_NO_DOCS set to leave docs/ alone (print the table only)

`import invoices 100k` imports a CSV of 100,000 new invoices (bench/import_file.py, made once per book) into a
fresh copy of the book each round (the copy is not timed), against the same rows read with csv and inserted
with executemany into a fresh copy of the minimal schema.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COBRANZA = str(BIN / "cobranza")
PYTHON = sys.executable
BASELINE = str(ROOT / "bench" / "baseline.py")
AS_OF = "2026-06-30"
SEED = "3"
DOCS = ROOT / "docs" / "benchmarks.md"
PLOT = ROOT / "docs" / "benchmarks-cli.svg"
START = "<!-- bench/run.py: start -->"
END = "<!-- bench/run.py: end -->"

IMPORT = "import invoices 100k"  # a file of IMPORT_ROWS invoices for the book's customers (bench/import_file.py)
IMPORT_ROWS = 100_000

# the targets, at the 100,000-customer book (1M invoices): seconds, ratio to the baseline, MB
TARGETS = {
    "--version": {},
    "aging --format json": {"ratio": 1.5, "mb": 300},
    "aging --format table": {"s": 2.0},
    "kpi --days 90": {"s": 1.0},
    "kpi --days 365": {"s": 2.0},
    "forecast": {"s": 1.0},
    "tasks": {"s": 1.0},
    "score": {"s": 10.0},
    "demo": {"s": 60.0},
    IMPORT: {"s": 10.0},
}


@dataclass
class Result:
    command: str
    customers: int
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    base_seconds: list[float] = field(default_factory=list)
    base_rss_mb: list[float] = field(default_factory=list)
    baseline: str = ""
    failed: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def base_median(self) -> float:
        return statistics.median(self.base_seconds) if self.base_seconds else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(self.rss_mb) if self.rss_mb else float("nan")


def timed(argv: list[str], out: Path | None = None) -> tuple[float, float, int, str]:
    """Run argv as its own process: (wall seconds, peak RSS in MB, exit code, stderr's tail)."""
    stdout = open(out, "w") if out else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT)
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stderr.close()
    finally:
        if out:
            stdout.close()
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, err.decode(errors="replace")[-400:]


def cobranza(db: Path, *args: str) -> list[str]:
    return [COBRANZA, "--db", str(db), *args]


def baseline(*args: str) -> list[str]:
    return [PYTHON, BASELINE, *args]


def scenarios(work: Path, minimal: Path, out: Path) -> list[tuple[str, list[str], str, list[str]]]:
    """(name, app argv, baseline description, baseline argv); the output of both goes to `out`."""
    d = AS_OF
    return [
        ("--version", [COBRANZA, "--version"], "bare `python -c pass`", [PYTHON, "-c", "pass"]),
        ("aging --format json", cobranza(work, "aging", "--as-of", d, "--format", "json", "-o", str(out)),
         "hand SQL, compact JSON", baseline("aging-json", str(minimal), d, str(out))),
        ("aging --format table", cobranza(work, "aging", "--as-of", d, "--format", "table"),
         "hand SQL, text table", baseline("aging-table", str(minimal), d, str(out))),
        ("kpi --days 90", cobranza(work, "kpi", "--as-of", d, "--days", "90", "--format", "json"),
         "hand SQL receivables", baseline("receivables", str(minimal), d, str(out))),
        ("kpi --days 365", cobranza(work, "kpi", "--as-of", d, "--days", "365", "--format", "json"),
         "hand SQL receivables", baseline("receivables", str(minimal), d, str(out))),
        ("forecast", cobranza(work, "forecast", "--as-of", d),
         "hand SQL receivables", baseline("receivables", str(minimal), d, str(out))),
        ("tasks", cobranza(work, "tasks", "--as-of", d, "--format", "json"),
         "hand SQL aging, compact JSON", baseline("aging-json", str(minimal), d, str(out))),
        ("score", cobranza(work, "score", "--as-of", d, "--lang", "en"),
         "hand SQL aging, compact JSON", baseline("aging-json", str(minimal), d, str(out))),
        (IMPORT, cobranza(fresh(work), "import", "invoices", str(import_file(work)), "--allow-far-dates"),
         "csv + executemany of the rows", baseline("import-invoices", str(fresh(minimal)), str(import_file(work)))),
    ]


def fresh(db: Path) -> Path:
    """Where a scenario that writes works: a copy of `db` made before each of its runs (`prepare`)."""
    return db.with_name(f"fresh-{db.name}")


def import_file(work: Path) -> Path:
    return work.with_name(f"import-{IMPORT_ROWS}-{work.stem.split('-')[-1]}.csv")


def prepare(name: str, argv: list[str]) -> None:
    """Before a run of a scenario that writes: the fresh copies its command names (not timed), and the import's
    file, made once."""
    for arg in argv:
        path = Path(arg)
        if path.name.startswith("fresh-"):
            source = path.with_name(path.name[len("fresh-"):])
            for old in path.parent.glob(path.name + "*"):
                old.unlink()
            shutil.copyfile(source, path)
        elif path.name.startswith("import-") and path.suffix == ".csv" and not path.exists():
            book = path.with_name(f"book-{path.stem.split('-')[-1]}.sqlite")
            subprocess.run([PYTHON, "-m", "bench.import_file", str(book), str(IMPORT_ROWS), str(path)], cwd=ROOT,
                           check=True)


def build_book(customers: int, folder: Path, runs: int) -> tuple[Path, Path, Result]:
    """The demo book of `customers` (built once, kept in `folder`), its minimal copy, and the demo's timing."""
    book = folder / f"book-{customers}.sqlite"
    minimal = folder / f"minimal-{customers}.sqlite"
    record = folder / f"book-{customers}.json"
    if book.exists() and record.exists():
        demo = Result(**json.loads(record.read_text()))
    else:
        demo = Result("demo", customers, baseline="the same rows written by executemany")
        # `runs` times (the same book each time; the last is kept): one timing of the 1M demo varied by 8 % run to run
        for n in range(runs):
            target = folder / f"building-{customers}.sqlite"
            for p in folder.glob(f"building-{customers}.sqlite*"):
                p.unlink()
            t, mb, code, err = timed(cobranza(target, "demo", "--customers", str(customers), "--invoices",
                                              str(customers * 10), "--seed", SEED, "--as-of", AS_OF))
            if code:
                raise SystemExit(f"demo failed ({code}): {err}")
            demo.seconds.append(t)
            demo.rss_mb.append(mb)
            if n == 0:
                if minimal.exists():
                    minimal.unlink()
                subprocess.run(baseline("minimal", str(target), str(minimal)), check=True)
            copy = folder / f"write-{customers}.sqlite"
            if copy.exists():
                copy.unlink()
            t, mb, code, err = timed(baseline("write", str(minimal), str(copy)))
            copy.unlink()
            demo.base_seconds.append(t)
            demo.base_rss_mb.append(mb)
            os.replace(target, book)
        record.write_text(json.dumps(asdict(demo)))
    if not minimal.exists():
        subprocess.run(baseline("minimal", str(book), str(minimal)), check=True)
    return book, minimal, demo


def measure(customers: int, folder: Path, runs: int, only: set[str] | None) -> list[Result]:
    book, minimal, demo = build_book(customers, folder, runs)
    work = folder / f"work-{customers}.sqlite"
    shutil.copyfile(book, work)  # score and tasks write: every run starts from the book as demo made it
    out = folder / "out"
    results = []
    for name, app, base_name, base in scenarios(work, minimal, out):
        if only and name not in only:
            continue
        r = Result(name, customers, baseline=base_name)
        for _ in range(runs):
            prepare(name, app)
            t, mb, code, err = timed(app, out)
            if code:
                r.failed = f"exit {code}: {err.strip().splitlines()[-1] if err.strip() else ''}"
                break
            r.seconds.append(t)
            r.rss_mb.append(mb)
            prepare(name, base)
            t, mb, code, err = timed(base, out)
            if code:
                raise SystemExit(f"baseline of {name} failed: {err}")
            r.base_seconds.append(t)
            r.base_rss_mb.append(mb)
        print(line(r), flush=True)
        results.append(r)
    if not only or "demo" in only:
        print(line(demo), flush=True)
        results.append(demo)
    work.unlink()
    for copy in folder.glob("fresh-*"):
        copy.unlink()
    return results


def line(r: Result) -> str:
    return f"{r.customers:>7,} {r.command:<22} {fmt_s(r.median):>8} {fmt_mb(r.peak_mb):>8}  " \
           f"baseline {fmt_s(r.base_median):>8}  {ratio(r):>7}  {r.failed}"


def fmt_s(v: float) -> str:
    return "–" if v != v else f"{v:.2f} s"


def fmt_mb(v: float) -> str:
    return "–" if v != v else f"{v:,.0f} MB"


def ratio(r: Result) -> str:
    if not r.seconds or not r.base_seconds:
        return "–"
    return f"{r.median / r.base_median:.2f}×"


def verdict(r: Result, largest: int) -> str:
    target = TARGETS.get(r.command, {})
    if r.customers != largest or not target or not r.seconds:
        return ""
    ok = True
    if "s" in target:
        ok &= r.median <= target["s"]
    if "ratio" in target:
        ok &= r.median / r.base_median <= target["ratio"]
    if "mb" in target:
        ok &= r.peak_mb <= target["mb"]
    return "met" if ok else "missed"


def target_text(command: str) -> str:
    t = TARGETS.get(command, {})
    parts = [f"≤ {t['ratio']}×" if "ratio" in t else "", f"≤ {t['s']:g} s" if "s" in t else "",
             f"≤ {t['mb']} MB" if "mb" in t else ""]
    return ", ".join(p for p in parts if p) or "–"


def table(results: list[Result]) -> str:
    largest = max(r.customers for r in results)
    rows = ["| customers | command | median s | peak RSS | baseline | baseline s | ratio | target (at the largest) "
            "| |", "|---:|---|---:|---:|---|---:|---:|---|---|"]
    for r in sorted(results, key=lambda r: (list(TARGETS).index(r.command), r.customers)):
        rows.append(f"| {r.customers:,} | `{r.command}` | {fmt_s(r.median) if not r.failed else r.failed} "
                    f"| {fmt_mb(r.peak_mb)} | {r.baseline} | {fmt_s(r.base_median)} | {ratio(r)} "
                    f"| {target_text(r.command) if r.customers == largest else ''} | {verdict(r, largest)} |")
    return "\n".join(rows)


def svg(results: list[Result]) -> str:
    """Time against book size, log-log, one line per command (dashed: the baseline of `aging --format json`)."""
    import math

    w, h, left, bottom, top, right = 720, 420, 60, 40, 20, 200
    sizes = sorted({r.customers for r in results})
    values = [v for r in results for v in (r.median, r.base_median) if v == v and v > 0]
    if len(sizes) < 2 or not values:
        return ""
    x0, x1 = math.log10(sizes[0]), math.log10(sizes[-1])
    y0, y1 = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))

    def X(v):
        return left + (math.log10(v) - x0) / (x1 - x0) * (w - left - right)

    def Y(v):
        return h - bottom - (math.log10(v) - y0) / (y1 - y0) * (h - top - bottom)

    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" '
             f'font-size="11"><rect width="{w}" height="{h}" fill="white"/>']
    for e in range(y0, y1 + 1):
        y = Y(10 ** e)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
    for s in sizes:
        parts.append(f'<text x="{X(s):.1f}" y="{h - bottom + 16}" text-anchor="middle">{s:,} customers</text>')
    names = [c for c in TARGETS if any(r.command == c for r in results)]
    for i, name in enumerate(names):
        color = colors[i % len(colors)]
        pts = sorted((r.customers, r.median) for r in results if r.command == name and r.seconds)
        if len(pts) >= 2:
            path = " ".join(f"{X(c):.1f},{Y(v):.1f}" for c, v in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        base = sorted((r.customers, r.base_median) for r in results if r.command == name and r.base_seconds)
        if name == "aging --format json" and len(base) >= 2:
            path = " ".join(f"{X(c):.1f},{Y(v):.1f}" for c, v in base)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-dasharray="5,4"/>')
        ly = top + 14 * i + 10
        parts.append(f'<line x1="{w - right + 10}" y1="{ly - 4}" x2="{w - right + 30}" y2="{ly - 4}" '
                     f'stroke="{color}" stroke-width="2"/><text x="{w - right + 35}" y="{ly}">{name}</text>')
    ly = top + 14 * len(names) + 10
    parts.append(f'<line x1="{w - right + 10}" y1="{ly - 4}" x2="{w - right + 30}" y2="{ly - 4}" stroke="black" '
                 f'stroke-dasharray="5,4"/><text x="{w - right + 35}" y="{ly}">baseline (hand SQL, JSON)</text>')
    parts.append(f'<text x="{left}" y="{top - 6}">whole process, median wall seconds (log scale)</text></svg>')
    return "\n".join(parts) + "\n"


def machine() -> str:
    load = os.getloadavg()
    return (f"{os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
            f"{__import__('sqlite3').sqlite_version}; load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
            f"at the end")


def write_docs(results: list[Result], runs: int, large: int, started: float) -> None:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join([
        START,
        f"Last `make bench`: {when}, {runs} round(s) per command ({large} above 10,000 customers), "
        f"{time.perf_counter() - started:.0f} s in all; "
        f"{machine()}. Figures are medians of whole processes; the baseline ran in the same round.",
        "",
        table(results),
        "",
        "![time against book size](benchmarks-cli.svg)" if PLOT.exists() else "",
        END,
    ])
    text = DOCS.read_text(encoding="utf-8")
    if START in text and END in text:
        text = text[: text.index(START)] + body + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Whole commands (bench/run.py, `make bench`)\n\n" + body + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if s.strip()]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    folder = Path(os.environ.get("BENCH_DIR", "/tmp/cobranza-bench"))
    only = {s.strip() for s in os.environ["BENCH_ONLY"].split(",")} if os.environ.get("BENCH_ONLY") else None
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: list[Result] = []
    large = int(os.environ.get("BENCH_RUNS_LARGE", runs))
    for customers in sizes:
        results += measure(customers, folder, runs if customers <= 10_000 else large, only)
    (folder / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=1))
    print()
    print(table(results))
    if not os.environ.get("BENCH_NO_DOCS"):
        picture = svg(results)
        if picture:
            PLOT.write_text(picture, encoding="utf-8")
        write_docs(results, runs, large, started)
        print(f"\nwritten {DOCS.relative_to(ROOT)}" + (f" and {PLOT.relative_to(ROOT)}" if picture else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
