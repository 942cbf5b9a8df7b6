"""What a list says when it has nothing to show: what the page is for and the next step, with buttons for
it ("No customers yet: import a file or add one"), instead of an empty grid. And the actions that make no
sense on an empty list (export, print) disabled with a tooltip that says why."""

from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Laid over a view's viewport; shown while the model has no rows (and `ready()` says it has loaded)."""

    def __init__(self, view: QAbstractItemView, title: str, text: str,
                 actions: Iterable[tuple[str, Callable[[], object]]] = (), ready: Callable[[], bool] | None = None):
        super().__init__(view.viewport())
        self.setObjectName("empty_state")
        self.view = view
        self.ready = ready or (lambda: True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        self.title.setObjectName("empty_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.text = QLabel(text)
        self.text.setObjectName("empty_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setStyleSheet("color: palette(dark);")
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: list[QPushButton] = []
        for label, callback in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, cb=callback: cb())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        view.viewport().installEventFilter(self)
        self._model: QAbstractItemModel | None = None
        self.watch(view.model())

    def watch(self, model: QAbstractItemModel | None) -> None:
        """Follow `model` (call again when the view gets a new model)."""
        if self._model is not None:
            for signal in (self._model.modelReset, self._model.rowsInserted, self._model.rowsRemoved,
                           self._model.layoutChanged):
                signal.disconnect(self.update_visibility)
        self._model = model
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(self.update_visibility)
        self.update_visibility()

    def set_texts(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)

    def is_empty(self) -> bool:
        return self._model is None or self._model.rowCount() == 0

    def update_visibility(self, *_args) -> None:
        self.setGeometry(self.view.viewport().rect())
        self.setVisible(self.is_empty() and self.ready())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect())
        return False


def disable_when_empty(model: QAbstractItemModel, widgets: Iterable[QWidget], why: str) -> None:
    """Export/print buttons: enabled only when there is something to export; the tooltip says why not."""
    widgets = list(widgets)
    tips = {id(w): w.toolTip() for w in widgets}

    def update(*_args) -> None:
        empty = model.rowCount() == 0
        for w in widgets:
            w.setEnabled(not empty)
            w.setToolTip(why if empty else tips[id(w)])

    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
        signal.connect(update)
    update()
