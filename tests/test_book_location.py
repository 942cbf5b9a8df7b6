"""Moving the book: a checked copy at the new place becomes the book Cobranza opens, the old file stays until
the user says it can go, and a move that cannot be done changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from app import config
from app.book_location import MoveError, move_database, remove_old_book
from app.cli import main
from app.database import open_database, session_factory
from app.demo import generate_demo


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "old" / "cobranza.sqlite"
    engine = open_database(str(path))
    with session_factory(engine, write=True)() as s, s.begin():
        generate_demo(s, customers=12, invoices=60, seed=4)
    engine.dispose()
    return path


def remember(path) -> None:
    config.save_user_settings({**config.load_user_settings(), "database": str(path)})


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def customers(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM customer").fetchone()[0]


def test_the_book_moves_to_a_folder_and_is_opened_from_there(book, tmp_path):
    remember(book)
    dest = tmp_path / "Dropbox"
    dest.mkdir()
    result = move_database(config.database_url(str(book)), dest)
    assert result.new == dest / "cobranza.sqlite" and result.old == book.resolve()
    assert result.remembered and config.load_user_settings()["database"] == str(result.new)
    assert config.database_url() == "sqlite:///" + str(result.new)
    assert result.counts["customer"] == 12 == customers(result.new)
    assert result.counts["invoice"] == 60
    assert book.exists(), "the old file is kept until the user confirms"
    engine = open_database(str(result.new))  # a real Cobranza book: it opens and reads
    with session_factory(engine)() as s:
        from app.ledger.company import get_company

        assert get_company(s) is not None
    engine.dispose()
    remove_old_book(book)
    assert not book.exists()


def test_a_file_name_without_extension_gets_sqlite_and_an_unremembered_book_is_not_remembered(book, tmp_path):
    remember(tmp_path / "another.sqlite")
    result = move_database(config.database_url(str(book)), tmp_path / "new" / "empresa")
    assert result.new == tmp_path / "new" / "empresa.sqlite" and result.new.exists()
    assert not result.remembered
    assert config.load_user_settings()["database"] == str(tmp_path / "another.sqlite")


def test_the_default_book_moves_and_is_remembered(tmp_path):
    default = config.default_database_path()
    engine = open_database(str(default))
    engine.dispose()
    result = move_database(config.database_url(), tmp_path / "libros")
    assert result.remembered and config.database_url() == "sqlite:///" + str(tmp_path / "libros.sqlite")


def test_a_move_that_cannot_be_done_changes_nothing(book, tmp_path):
    remember(book)
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"someone else's file")
    before = digest(book), digest(taken)
    with pytest.raises(MoveError, match="already exists"):
        move_database(config.database_url(str(book)), taken)
    with pytest.raises(MoveError, match="the book itself"):
        move_database(config.database_url(str(book)), book)
    with pytest.raises(MoveError, match="does not exist"):
        move_database(config.database_url(str(tmp_path / "typo.sqlite")), tmp_path / "x.sqlite")
    with pytest.raises(MoveError, match="PostgreSQL"):
        move_database("postgresql+psycopg://u@localhost/cobranza", tmp_path / "x.sqlite")
    assert (digest(book), digest(taken)) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["taken.sqlite"]
    assert config.load_user_settings()["database"] == str(book)


def test_the_book_in_use_is_never_deleted_as_the_old_file(book):
    remember(book)
    with pytest.raises(MoveError, match="opens"):
        remove_old_book(book)
    assert book.exists()


def run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_move_db(book, tmp_path, capsys):
    remember(book)
    code, out, err = run(["move-db", str(tmp_path / "nuevo.sqlite")], capsys)
    assert code == 0, err
    assert "checked: 12 customers, 60 invoices" in out and f"Cobranza now opens {tmp_path / 'nuevo.sqlite'}" in out
    assert f"the old file {book} is kept" in out and book.exists()
    # the remembered book is the new one now; a move onto an existing file: one line, exit 2, nothing written
    (tmp_path / "taken.sqlite").write_bytes(b"x")
    code, out, err = run(["move-db", str(tmp_path / "taken.sqlite")], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "already exists" in err
    # the old one can go now; the book in use cannot
    code, out, err = run(["move-db", "--delete-old-only", str(tmp_path / "nuevo.sqlite")], capsys)
    assert code == 2 and "opens" in err
    code, out, err = run(["move-db", "--delete-old-only", str(book)], capsys)
    assert code == 0 and not book.exists()
    code, out, err = run(["move-db", str(tmp_path / "otra"), "--delete-old"], capsys)
    assert code == 0 and not (tmp_path / "nuevo.sqlite").exists() and (tmp_path / "otra.sqlite").exists()
    assert config.load_user_settings()["database"] == str(tmp_path / "otra.sqlite")
