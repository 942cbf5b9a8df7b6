"""Dialogs open no larger than the screen they are on: a 1366×768 laptop has about 1366×728 free under a
taskbar, less a title bar. `fit_to_screen(dialog, 1150, 720)` gives the dialog its preferred size where it
fits and the screen's free area where it does not (its layouts then wrap or scroll)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR = 30  # the window manager's title bar, outside the size a widget is given


def available_size(widget: QWidget) -> QSize:
    """The free area of the widget's screen (without taskbars and docks)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    free = available_size(widget)
    widget.resize(min(width, free.width()), min(height, free.height() - TITLE_BAR))
