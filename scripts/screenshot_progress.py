"""Screenshots of the File menu's long operations and of one running with its progress bar and Cancel
(docs/screenshot-file-menu.png, docs/screenshot-progress.png), on a `make run` demo book.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_progress.py \
        --db demo/cobranza-demo.sqlite

Nothing is written to the book: the statements batch is cancelled once the dialog has been photographed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--language", default="es")
    parser.add_argument("--out-dir", default=str(ROOT / "docs"))
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    from app.database import open_database
    from app.ui.app import application, create_main_window

    app = application(args.language)  # noqa: F841 - kept alive

    from shot_helpers import settle, spin

    out = Path(args.out_dir)
    engine = open_database(args.db)
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.resize(1280, 760)
    window.move(20, 20)
    window.show()
    window.show_view("dashboard")
    settle(runner, 1500)

    menu = window.menuBar().actions()[0].menu()  # Archivo / File
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    spin(600)
    QGuiApplication.primaryScreen().grabWindow(0, 20, 20, 1280, 760).save(str(out / "screenshot-file-menu.png"))
    print("File menu:", [a.text() for a in menu.actions() if a.text()])
    menu.close()
    spin(300)

    folder = tempfile.mkdtemp(prefix="cobranza-shot-")
    window.export_actions.statements(folder)
    op = window.export_actions.operation
    for _ in range(100):  # until the bar has moved
        spin(50)
        dialog = op.dialog
        if dialog is not None and dialog.isVisible() and dialog.value() > 0:
            break
    spin(200)
    QGuiApplication.primaryScreen().grabWindow(0, 20, 20, 1280, 760).save(str(out / "screenshot-progress.png"))
    print("progress:", dialog.labelText() if dialog is not None else None, dialog.value() if dialog else None)
    op.cancel()
    settle(runner, 1000)
    print("files left in the folder after Cancel:", sorted(p.name for p in Path(folder).iterdir()))
    window.close()
    runner.wait_for_done()
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
