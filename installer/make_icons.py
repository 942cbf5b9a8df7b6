"""Render the application icon (resources/icons/cobranza.svg) to the raster files installers need:
cobranza-256.png (Linux .desktop, AppStream, macOS iconset source) and cobranza.ico (Windows: 16 to 256 px).
Run again after changing the SVG: `python installer/make_icons.py` (offscreen Qt is enough)."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "cobranza.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    if not render(256).save(str(ICONS / "cobranza-256.png")):
        return 1
    # Qt's ICO writer stores one size; Pillow (installed with ReportLab) writes all the sizes Windows asks for
    from PIL import Image

    Image.open(ICONS / "cobranza-256.png").save(ICONS / "cobranza.ico",
                                                sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
