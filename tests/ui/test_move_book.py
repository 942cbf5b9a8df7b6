"""File → Move database…: the window goes on with the copy at the new place (the next write lands there, not
in the old file), the settings name it, and the old file is deleted only when the user says so."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from app import config
from app.ledger.customers import create_customer

from .conftest import wait_idle


def customers(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT code FROM customer ORDER BY code")]


def test_the_window_moves_to_the_new_file_and_keeps_the_old_until_asked(window, db_path, tmp_path, qtbot):
    config.save_user_settings({"database": str(db_path)})
    file_menu = window.menuBar().actions()[0].menu()
    assert "&Move database…" in [a.text() for a in file_menu.actions()]
    mover = window.move_book
    new = tmp_path / "elsewhere" / "libros.sqlite"
    with qtbot.waitSignal(mover.finished, timeout=30000) as done:
        mover.start(new)
    ok, message = done.args
    assert ok, message
    assert str(new) in message and str(new) in window.statusBar().currentMessage()
    assert window.ctx.engine.url.database == str(new)
    assert config.load_user_settings()["database"] == str(new)
    # the next write of this window lands in the new file
    with qtbot.waitSignal(window.ctx.runner.data_changed, timeout=20000):
        window.ctx.runner.write(create_customer, code="C777", name="Bodega Nueva S.A.C.", currency="PEN",
                                payment_terms="NET30")
    wait_idle(qtbot, window.ctx.runner)
    assert customers(new) == ["C777"] and customers(db_path) == []
    box = mover.pending_box
    assert box is not None and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert str(db_path) in box.informativeText()
    box.button(QMessageBox.StandardButton.No).click()
    assert db_path.exists(), "kept: the user said No"
    mover.ask_to_delete_old(message).button(QMessageBox.StandardButton.Yes).click()
    assert not db_path.exists()


def test_a_move_onto_an_existing_file_says_why_and_changes_nothing(window, db_path, tmp_path, qtbot):
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"not a book")
    with qtbot.waitSignal(window.move_book.finished, timeout=30000) as done:
        window.move_book.start(taken)
    ok, message = done.args
    assert not ok and "already exists" in message
    assert window.ctx.engine.url.database == str(db_path)
    assert window.move_book.pending_box.objectName() == "move_failed"
    assert taken.read_bytes() == b"not a book"
    window.move_book.pending_box.close()
