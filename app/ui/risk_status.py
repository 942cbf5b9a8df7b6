"""The risk scores being brought up to date, in the status bar: a busy bar while the worker process trains
(app/ui/risk_process.py: half a minute at 100,000 customers) and a Cancel button that kills it. A killed
worker leaves the stored scores as they were (it replaces them in one transaction at its very end); the
next start tries again."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class RiskStatus(QWidget):
    """Shown in the window's status bar while `refresher` runs its worker."""

    def __init__(self, window, refresher):
        super().__init__(window)
        self.setObjectName("risk_status")
        self.window_, self.refresher = window, refresher
        self.label = QLabel(self.tr("Updating the risk scores…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # the worker says only when it is done
        self.bar.setMaximumWidth(100)
        self.bar.setMaximumHeight(14)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("risk_cancel")
        self.cancel_button.setToolTip(self.tr("Stop updating the risk scores: the ones stored stay as they are, "
                                              "and they are updated at the next start"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.bar, self.cancel_button):
            layout.addWidget(w)
        refresher.finished.connect(self._finished)
        refresher.started.connect(self.show)  # started later, once the first screen is filled
        window.statusBar().addPermanentWidget(self)
        self.setVisible(refresher.running())

    def cancel(self) -> None:
        self.refresher.stop()
        self.hide()
        self.window_.statusBar().showMessage(
            self.tr("Risk scores not updated: they will be at the next start."), 10000)

    def _finished(self, _stored: int) -> None:
        self.hide()


def show_risk_status(window, refresher) -> RiskStatus:
    """The status bar's risk line for `refresher` (visible while its worker runs)."""
    window.risk_status = RiskStatus(window, refresher)
    return window.risk_status


__all__ = ["RiskStatus", "show_risk_status"]
