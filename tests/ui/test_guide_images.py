"""The user guide shows current screenshots in its own language (docs/guide/<lang>/img, taken by `make
screenshots`), shrunk to the width of the guide window so a chapter reads without scrolling sideways."""

from __future__ import annotations

import re

from PySide6.QtGui import QImage, QTextDocument

from app.ui.help import guide_dir

IMAGE = re.compile(r"!\[[^\]]*\]\((img/[^)]+\.png)\)")


def test_each_language_embeds_its_own_screenshots_and_each_shot_is_used():
    embedded = {}
    for lang in ("es", "en"):
        embedded[lang] = {m for path in guide_dir(lang).glob("*.md")
                          for m in IMAGE.findall(path.read_text(encoding="utf-8"))}
        assert len(embedded[lang]) >= 10
        for target in embedded[lang]:
            image = QImage(str(guide_dir(lang) / target))
            assert not image.isNull() and image.width() >= 500, target
        taken = {f"img/{p.name}" for p in (guide_dir(lang) / "img").glob("*.png")}
        assert embedded[lang] <= taken
    assert embedded["es"] == embedded["en"], "both languages show the same steps"


def test_the_guide_window_shrinks_a_screenshot_to_its_width(qapp_en, qtbot):
    from app.ui.help import GuideDialog

    dialog = GuideDialog("01-first-steps.md")
    qtbot.addWidget(dialog)
    dialog.show()
    browser = dialog.browser
    image = browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                 browser.source().resolved("img/window-1366x768.png"))
    assert isinstance(image, QImage) and not image.isNull()
    assert image.width() <= browser.viewport().width() and image.width() >= 320
    original = QImage(str(guide_dir("en") / "img" / "window-1366x768.png"))
    assert abs(image.height() / image.width() - original.height() / original.width()) < 0.01
