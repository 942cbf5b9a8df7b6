"""The house plan, checked rather than remembered (../shared/DESIGN.md, docs/architecture.md).

A small AST pass over app/ reads every import, those inside functions included, and reports:
- a package importing a package the table below does not allow (a layer violation);
- Qt imported outside app.ui; app.ui imported by anything but the GUI entry point;
- a cycle between packages, and a cycle between modules;
- an import of our own module behind `except ImportError` (all of app always ships).
The second test plants each kind of violation in a throw-away tree and checks they are all reported.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"

# Which of app's packages each one may import: the one table of the layers. DESIGN.md's rule is
# `ui -> (reminders, reports, collections, importing) -> ledger -> models`; around it:
# - `cli` (the `cobranza` command) and `__main__` are entry points: the CLI sits beside `ui`, calls the
#   same domain functions, builds the demo, and starts the GUI (only app.cli.gui imports app.ui, below);
# - `demo` builds data through the ledger like any caller; only the CLI runs it;
# - in the middle row, reminders read agreements and disputes (collections) and attach statements
#   (reports); collections never imports reminders: the contact rules and the reminders' timeline
#   entries are passed in by the caller (app.collections.activities.ContactCheck, timeline sources);
# - `config` (paths, settings, the clock) and `app` itself (the version) are shared by everyone and
#   import nothing of ours; `database` (engine, sessions, migrations) is opened by the entry points,
#   and on opening hands the database's currency decimals to the ledger's cache (app.ledger.currencies).
# A new package needs a row here; a new arrow needs a reason in this table, not in a reviewer's memory.
# - `backup` (whole-database backups, rotation, restore: files and pg_dump, no rules) sits beside `database`,
#   whose engine and migrations it uses; the entry points (cli, ui) call it.
# - `pdftext` (the one escaping helper for ReportLab paragraphs) is a shared leaf like `config`: every PDF
#   writer (reports, collections' agreement, reminders' letters) uses it and it imports nothing of ours.
SHARED = {"app", "config", "pdftext"}
ALLOWED: dict[str, set[str]] = {
    "__main__": {"cli"},
    "cli": {"ui", "demo", "importing", "reports", "reminders", "collections", "ledger", "database", "backup"},
    "ui": {"demo", "importing", "reports", "reminders", "collections", "ledger", "database", "backup"},  # demo: first run
    "demo": {"ledger", "models"},
    "importing": {"collections", "ledger", "models"},  # a `disputed` column opens a dispute (collections.disputes)
    "reports": {"ledger", "models"},
    "reminders": {"collections", "reports", "ledger", "models"},
    "collections": {"ledger", "models"},
    "ledger": {"models"},
    "database": {"ledger", "models"},
    "backup": {"database"},
    "models": set(),
    "config": set(),
    "pdftext": set(),
    "app": set(),
}
UI_ENTRY_POINTS = {"app.cli.gui"}  # `cobranza` with no subcommand opens the GUI through it
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}


@dataclass(frozen=True)
class Import:
    importer: str  # a module of ours: "app.reminders.run"
    target: str  # a module of ours ("app.collections.agreements") or a Qt binding ("PySide6")
    line: int
    guarded: bool = False  # inside `try: ... except ImportError` (as if the module might not ship)


@dataclass(frozen=True)
class Problem:
    kind: str  # layer | qt | ui | package-cycle | module-cycle | unknown-package | optional
    text: str


def modules(root: Path) -> dict[str, Path]:
    """Every module under `root` (a package directory) by its dotted name."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name,) + path.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(root: Path) -> list[Import]:
    """Every import of a module of ours or of Qt, wherever it stands in the file."""
    mods = modules(root)
    out = []
    for name, path in mods.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        guarded = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) and _catches_import_error(t)
                   for stmt in t.body for n in ast.walk(stmt)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
                # `from pkg import sub` imports the module pkg.sub; `from pkg import name` imports pkg
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            else:
                continue
            for target in dict.fromkeys(targets):
                top = target.split(".")[0]
                if top in QT:
                    out.append(Import(name, top, node.lineno, id(node) in guarded))
                elif top == root.name:
                    while target not in mods and "." in target:  # `import app.x.y` of a name: its module
                        target = target.rsplit(".", 1)[0]
                    if target != name:
                        out.append(Import(name, target, node.lineno, id(node) in guarded))
    return out


def _catches_import_error(node: ast.Try) -> bool:
    names = set()
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        names |= {k.id for k in kinds if isinstance(k, ast.Name)}
    return bool(names & {"ImportError", "ModuleNotFoundError"})


def package_of(module: str) -> str:
    """app.reminders.run -> reminders; app.config -> config; app -> app."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def check(root: Path, allowed: dict[str, set[str]] = ALLOWED) -> list[Problem]:
    """Everything in the tree under `root` that breaks the house plan; [] when it holds."""
    found = imports(root)
    problems = []
    where = {}  # (package, package) -> the first import making that arrow, for the cycle message
    module_edges: dict[str, set[str]] = {}
    package_edges: dict[str, set[str]] = {}
    for imp in found:
        src = package_of(imp.importer)
        at = f"{imp.importer}:{imp.line}"
        if imp.target in QT:
            if src != "ui":
                problems.append(Problem("qt", f"{at} imports {imp.target}: only app.ui may use Qt"))
            continue
        dst = package_of(imp.target)
        module_edges.setdefault(imp.importer, set()).add(imp.target)
        if imp.guarded:
            problems.append(Problem("optional", f"{at} imports {imp.target} behind `except ImportError`: "
                                                f"all of app ships, import it plainly"))
        if dst == "ui" and src != "ui" and imp.importer not in UI_ENTRY_POINTS:
            problems.append(Problem("ui", f"{at} imports {imp.target}: only {', '.join(sorted(UI_ENTRY_POINTS))} "
                                          f"may import app.ui"))
        if src == dst:
            continue
        package_edges.setdefault(src, set()).add(dst)
        where.setdefault((src, dst), f"{at} -> {imp.target}")
        if src not in allowed:
            problems.append(Problem("unknown-package", f"{at}: package '{src}' has no row in the table of layers"))
        elif dst not in allowed[src] and dst not in SHARED:
            may = ", ".join(sorted(allowed[src])) or "nothing of ours"
            problems.append(Problem("layer", f"{at} imports {imp.target}: {src} may import {may} "
                                             f"(and {', '.join(sorted(SHARED))})"))
    for component in cycles(package_edges):
        arrows = "; ".join(where[(a, b)] for a in component for b in component if (a, b) in where)
        problems.append(Problem("package-cycle", f"packages {' <-> '.join(component)} import each other: {arrows}"))
    for component in cycles(module_edges):
        problems.append(Problem("module-cycle", f"modules {' <-> '.join(component)} import each other"))
    return problems


def test_app_keeps_the_house_plan():
    problems = check(APP)
    assert problems == [], "\n".join(f"{p.kind}: {p.text}" for p in problems)
    # the table itself runs one way, and names every package there is
    assert cycles({k: set(v) for k, v in ALLOWED.items()}) == []
    assert {package_of(m) for m in modules(APP)} <= set(ALLOWED)
    # and the check reads what it claims to: imports inside functions count (the CLI imports lazily)
    assert any(i.importer == "app.cli.gui" and i.target == "app.ui.app" for i in imports(APP))


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_check_reports_planted_violations(tmp_path):
    root = tmp_path / "app"
    _write(root, {
        "__init__.py": "",
        "config.py": "",
        "models/__init__.py": "",
        "ledger/__init__.py": "from app import config\n",
        # a layer violation that is also a package cycle: the ledger reading a report
        "ledger/balances.py": "def f():\n    from app.reports.aging import aging\n",
        "reports/__init__.py": "",
        "reports/aging.py": "from app.ledger import balances\n\ndef aging():\n    import PySide6.QtCore\n",
        # collections asking reminders, inside a function behind a fake guard
        "collections/__init__.py": "",
        "collections/activities.py": ("def warn():\n    try:\n        from app.reminders import contact_rules\n"
                                      "    except ImportError:\n        return None\n"),
        "reminders/__init__.py": "",
        "reminders/contact_rules.py": "",
        # a module cycle inside a package, one side relative and lazy
        "reminders/outbox.py": "from . import delivery\n",
        "reminders/delivery.py": "def job():\n    from .outbox import deliver\n",
        "cli/__init__.py": "",
        "cli/gui.py": "def run():\n    from app.ui.app import main\n",
        "cli/aging.py": "from app.ui import app\n",
        "ui/__init__.py": "",
        "ui/app.py": "from PySide6.QtWidgets import QApplication\n",
        "plugins/__init__.py": "from app.ledger import balances\n",
    })
    problems = check(root)
    texts = {p.kind: [q.text for q in problems if q.kind == p.kind] for p in problems}
    assert set(texts) == {"layer", "qt", "ui", "package-cycle", "module-cycle", "unknown-package", "optional"}
    assert texts["layer"] == [
        "app.collections.activities:3 imports app.reminders.contact_rules: collections may import ledger, models "
        "(and app, config, pdftext)",
        "app.ledger.balances:2 imports app.reports.aging: ledger may import models (and app, config, pdftext)",
    ]
    assert texts["qt"] == ["app.reports.aging:4 imports PySide6: only app.ui may use Qt"]
    assert texts["ui"] == ["app.cli.aging:1 imports app.ui.app: only app.cli.gui may import app.ui"]
    assert texts["package-cycle"] == ["packages ledger <-> reports import each other: "
                                      "app.ledger.balances:2 -> app.reports.aging; app.reports.aging:1 -> "
                                      "app.ledger.balances"]
    assert texts["module-cycle"] == [
        "modules app.ledger.balances <-> app.reports.aging import each other",
        "modules app.reminders.delivery <-> app.reminders.outbox import each other",
    ]
    assert texts["optional"] == ["app.collections.activities:3 imports app.reminders.contact_rules behind "
                                 "`except ImportError`: all of app ships, import it plainly"]
    assert texts["unknown-package"] == ["app.plugins:1: package 'plugins' has no row in the table of layers"]
    # the GUI entry point itself may import app.ui, and ui may use Qt
    assert not any(p.text.startswith(("app.cli.gui:", "app.ui.app:")) for p in problems)


def clock_reads(root: Path) -> list[str]:
    """Calls that read the system clock (`datetime.now()`, `datetime.utcnow()`, `date.today()`) outside
    app/config.py: "today" and "now" come from app.config's clock, which tests and reproducible runs set."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "config.py" and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, (ast.Attribute, ast.Name))):
                owner = node.func.value.attr if isinstance(node.func.value, ast.Attribute) else node.func.value.id
                if (owner, node.func.attr) in {("datetime", "now"), ("datetime", "utcnow"), ("date", "today")}:
                    found.append((str(path.relative_to(root.parent)), node.lineno))
    return [f"{where}:{line}" for where, line in sorted(found)]


def test_the_clock_is_read_through_app_config_only(tmp_path):
    assert clock_reads(APP) == []
    planted = tmp_path / "app"
    planted.mkdir()
    (planted / "config.py").write_text("import datetime as dt\nNOW = dt.datetime.now()\n")
    (planted / "lock.py").write_text("import datetime as dt\nfrom datetime import date\n"
                                     "a = dt.datetime.now().date()\nb = date.today()\n")
    assert clock_reads(planted) == ["app/lock.py:3", "app/lock.py:4"]
