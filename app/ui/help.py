"""The user guide inside the app: Help → User guide, and F1 on a page opens that page's chapter.

The guide is Markdown in docs/guide/<language>/ (the same files people read on the web or in the source),
shown with Qt's own Markdown reader, offline. One chapter per task; `PAGE_CHAPTERS` says which chapter
answers the questions a page raises."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QWidget

# page key (app.ui.mainwindow.VIEWS) -> chapter file
PAGE_CHAPTERS = {
    "dashboard": "05-month-end.md",
    "today": "04-agreements-promises.md",
    "reminders": "03-reminder-run.md",
    "customers": "02-entering-importing.md",
    "aging": "05-month-end.md",
    "audit": "06-corrections.md",
    "bank": "02-entering-importing.md",
}
FIRST_CHAPTER = "01-first-steps.md"


def guide_dir(language: str | None = None) -> Path:
    """docs/guide/<language> in the source tree, or inside the installed bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    lang = language or ("es" if QLocale().language() == QLocale.Language.Spanish else "en")
    found = root / "docs" / "guide" / lang
    return found if found.is_dir() else root / "docs" / "guide" / "en"


def chapters(language: str | None = None) -> list[tuple[str, str]]:
    """(file name, title) of each chapter in order; the title is the file's first heading."""
    out = []
    for path in sorted(guide_dir(language).glob("[0-9][0-9]-*.md")):
        first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")),
                     path.stem)
        out.append((path.name, first.removeprefix("# ").strip()))
    return out


class GuideBrowser(QTextBrowser):
    """Links between chapters stay inside; a web address opens in the browser."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.setSearchPaths([str(guide_dir())])

    def loadResource(self, kind, url: QUrl):  # noqa: N802 - Qt name
        """A screenshot (taken at 1366 px) shrunk to the text's width, so the chapter reads without scrolling
        sideways; the image keeps its proportions."""
        data = super().loadResource(kind, url)
        if kind != QTextDocument.ResourceType.ImageResource.value or data is None:
            return data
        image = data if isinstance(data, QImage) else QImage.fromData(data)
        width = max(320, self.viewport().width() - 24)
        if image.isNull() or image.width() <= width:
            return data
        return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        else:
            self.setSource(self.source().resolved(url), QTextDocument.ResourceType.MarkdownResource)


class GuideDialog(QDialog):
    def __init__(self, chapter: str = FIRST_CHAPTER, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cobranza user guide"))
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        self.browser = GuideBrowser(self)
        self.browser.setObjectName("guide_text")
        for name, title in chapters():
            item = QListWidgetItem(title)
            item.setData(256, name)
            self.contents.addItem(item)
        self.contents.setFixedWidth(240)
        self.contents.currentItemChanged.connect(lambda item, _old: item and self.show_chapter(item.data(256)))
        row = QHBoxLayout(self)
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        self.resize(980, 680)
        self.show_chapter(chapter)

    def show_chapter(self, name: str) -> None:
        path = guide_dir() / name
        if not path.is_file():
            path = guide_dir() / FIRST_CHAPTER
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        for row in range(self.contents.count()):
            if self.contents.item(row).data(256) == path.name:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)

    def chapter(self) -> str:
        return Path(self.browser.source().toLocalFile()).name


def open_guide(parent: QWidget | None, page: str | None = None) -> GuideDialog:
    dialog = GuideDialog(PAGE_CHAPTERS.get(page or "", FIRST_CHAPTER), parent)
    dialog.show()
    return dialog
