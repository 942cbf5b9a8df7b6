"""Help → User guide and F1: the guide in the UI's language, opened at the chapter of the page shown."""

from pathlib import Path

from PySide6.QtCore import Qt

from app.ui.help import PAGE_CHAPTERS, chapters, guide_dir
from app.ui.mainwindow import VIEWS


def test_both_languages_have_the_same_chapters_and_every_page_has_one():
    es, en = chapters("es"), chapters("en")
    assert [name for name, _ in es] == [name for name, _ in en] and len(es) >= 8
    assert {spec.key for spec in VIEWS} <= set(PAGE_CHAPTERS)
    assert set(PAGE_CHAPTERS.values()) <= {name for name, _ in es}
    assert dict(es)["01-first-steps.md"] == "Primeros pasos" and dict(en)["01-first-steps.md"] == "First steps"


def test_links_between_chapters_point_at_files_that_exist():
    for lang in ("es", "en"):
        for path in guide_dir(lang).glob("*.md"):
            for line in path.read_text(encoding="utf-8").splitlines():
                for target in [part.split(")")[0] for part in line.split("](")[1:]]:
                    if not target.startswith(("http", "mailto")):
                        assert (guide_dir(lang) / target.split("#")[0]).is_file(), (path, target)


def test_f1_opens_the_chapter_of_the_page_shown(window, qtbot):
    window.show_view("reminders")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide
    qtbot.waitUntil(guide.isVisible)
    assert guide.chapter() == "03-reminder-run.md"
    assert "Preview" in guide.browser.toPlainText()  # the English guide: the window is in English
    assert Path(guide.browser.source().toLocalFile()).parent == guide_dir("en")
    guide.contents.setCurrentRow(0)
    assert guide.chapter() == "01-first-steps.md"
    assert "First steps" in guide.browser.toPlainText()
    guide.close()
