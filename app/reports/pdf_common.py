"""Small ReportLab pieces shared by the statement PDFs: "Page n of m" per document inside one file,
a marker flowable that tells the canvas which document a page belongs to, and a safe logo loader.

Only the built-in Helvetica is used (WinAnsi covers Spanish: á é í ó ú ñ ¿ ¡ º ª), nothing is embedded.
"""

from __future__ import annotations

import os
from typing import Callable
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Image

from app.pdftext import para_text  # noqa: F401 - the one escaping helper (app/pdftext.py), kept here for callers


class DocumentMarker(Flowable):
    """Zero-size flowable put first in each document of a combined file.

    When drawn it stamps the canvas with the document's key and context; every page saved after that
    carries them, so the page footer can count pages per document ("Página 2 de 3" restarts for each
    customer in a batch file) and the running header can name the right customer.
    """

    def __init__(self, key: object, context: dict):
        super().__init__()
        self.key = key
        self.context = context

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        return 0, 0

    def draw(self):
        self.canv._doc_key = self.key
        self.canv._doc_context = self.context


def grouped_numbered_canvas(draw_page_number: Callable[[rl_canvas.Canvas, dict, int, int], None]):
    """A Canvas class that defers every page until save() and then calls
    draw_page_number(canvas, context, page_in_document, pages_in_document) on each page.

    Pages are grouped by the key of the last DocumentMarker drawn (documents are contiguous).
    """

    class GroupedNumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []
            self._doc_key = None
            self._doc_context: dict = {}

        def showPage(self):  # noqa: N802
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            counts: dict[object, int] = {}
            for state in self._saved_pages:
                counts[state["_doc_key"]] = counts.get(state["_doc_key"], 0) + 1
            seen: dict[object, int] = {}
            for state in self._saved_pages:
                key = state["_doc_key"]
                seen[key] = seen.get(key, 0) + 1
                self.__dict__.update(state)
                draw_page_number(self, state["_doc_context"], seen[key], counts[key])
                super().showPage()
            super().save()

    return GroupedNumberedCanvas


def load_logo(path: str | os.PathLike[str] | None, max_width: float, max_height: float) -> Image | None:
    """The logo scaled to fit the box, or None when there is no path or the file is missing/unreadable
    (a statement is still worth printing without its logo)."""
    if not path:
        return None
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(os.fspath(path))
        width, height = reader.getSize()
        if width <= 0 or height <= 0:
            return None
        scale = min(max_width / width, max_height / height)
        image = Image(os.fspath(path), width=width * scale, height=height * scale)
        image.hAlign = "LEFT"
        return image
    except Exception:  # missing file, not an image, unsupported format: print without the logo
        return None
