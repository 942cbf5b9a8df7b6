"""Benchmark: reminder letters into one PDF (the print batch of a reminder run).

    python -m bench.letters_bench [--letters 1000]

Measures, for N letters with 1-8 items each (Spanish and English, every level):
  - rendering the letter templates (Jinja2 sandbox),
  - drawing them into one combined PDF,
  - the same with one extra PDF per customer,
  - the same with a logo on every letter.
Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import tempfile
import time
from pathlib import Path

from app.reminders.content import sample_content
from app.reminders.letters import letter_text, render_letters
from app.reminders.templates import LEVEL_KEYS


def make_contents(n: int):
    out = []
    for i in range(n):
        language = "es" if i % 3 else "en"
        level_key = LEVEL_KEYS[i % len(LEVEL_KEYS)]
        c = sample_content(language, channel="letter", level_key=level_key, items=1 + i % 8,
                           fee_minor=2500 if level_key == "firm" else 0)
        out.append(dataclasses.replace(c, customer_code=f"C{i:05d}", customer_name=f"Cliente {i} S.A.C."))
    return out


def timed(fn):
    """(CPU seconds of this process, result). CPU time, not wall time: the benchmark machine is shared,
    and under load the wall clock measures the neighbours; the wall time is kept in WALL for the record."""
    start, wall = time.process_time(), time.perf_counter()
    result = fn()
    WALL.append(time.perf_counter() - wall)
    return time.process_time() - start, result


WALL: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1000)
    args = parser.parse_args()
    n = args.letters
    contents = make_contents(n)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t_text, texts = timed(lambda: [letter_text(c) for c in contents])
        t_pdf, res = timed(lambda: render_letters(contents, combined_path=tmp / "a.pdf", texts=texts))
        size = os.path.getsize(res.combined_path)
        t_all, _ = timed(lambda: render_letters(contents, combined_path=tmp / "b.pdf"))
        t_each, res_each = timed(lambda: render_letters(contents, combined_path=tmp / "c.pdf", texts=texts,
                                                        per_customer_dir=tmp / "each"))
        from PIL import Image

        Image.new("RGB", (300, 120), (31, 78, 121)).save(tmp / "logo.png")
        with_logo = [dataclasses.replace(c, company=dataclasses.replace(c.company, logo_path=str(tmp / "logo.png")))
                     for c in contents]
        t_logo, res_logo = timed(lambda: render_letters(with_logo, combined_path=tmp / "d.pdf", texts=texts))
        logo_size = os.path.getsize(res_logo.combined_path)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; {n} letters, {res.pages} pages")
    print()
    try:
        from reportlab.lib.rl_accel import fp_str

        accel = "with rl_accel" if type(fp_str).__name__ == "builtin_function_or_method" else "pure Python"
    except ImportError:  # pragma: no cover
        accel = "?"
    print(f"ReportLab {accel}; load average {os.getloadavg()[0]:.1f}; times are CPU seconds (wall in brackets)")
    print()
    print("| step | CPU s (wall s) | letters/s (CPU) |")
    print("|---|---:|---:|")
    print(f"| render letter templates (Jinja2 sandbox) | {t_text:.2f} ({WALL[0]:.2f}) | {n / t_text:,.0f} |")
    print(f"| draw into one PDF ({size / 1e6:.1f} MB) | {t_pdf:.2f} ({WALL[1]:.2f}) | {n / t_pdf:,.0f} |")
    print(f"| templates + one PDF (`render_letters`) | {t_all:.2f} ({WALL[2]:.2f}) | {n / t_all:,.0f} |")
    print(f"| one PDF + {len(res_each.files)} per-customer PDFs | {t_each:.2f} ({WALL[3]:.2f}) | {n / t_each:,.0f} |")
    print(f"| one PDF with a logo on every letter ({logo_size / 1e6:.1f} MB) | {t_logo:.2f} ({WALL[4]:.2f}) | {n / t_logo:,.0f} |")


if __name__ == "__main__":
    main()
