"""Settings → Exchange rates: the rates by date that rank amounts in other currencies, and adding one.

A rate is how many units of the company's currency one unit of another currency is worth, from its date
on. Saving calls app.ledger.fx.set_rate (the same function as `cobranza fx set`), on the writer, at once.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.ledger.errors import UnknownCurrencyError
from app.ledger.fx import InvalidRateError, company_currency, list_rates, parse_rate, set_rate

from ..errors import describe
from ..widgets import DateEdit, general_error_label
from .customer import CURRENCIES


def load_rates(session):
    """(the company's currency, every rate) for the table."""
    return company_currency(session), list_rates(session)


class ExchangeRatesTab(QWidget):
    loaded = Signal()
    saved = Signal()

    COL_CURRENCY, COL_DATE, COL_RATE = range(3)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.home = ctx.company_currency
        self.rates: list = []

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #555;")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("rates_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.currency = QComboBox()
        self.currency.setObjectName("rate_currency")
        self.currency.setEditable(True)
        self.date = DateEdit(ctx.formatter, config.today())
        self.date.setObjectName("rate_date")
        self.rate = QLineEdit()
        self.rate.setObjectName("rate_value")
        self.rate.setPlaceholderText("3.75")
        self.echo = QLabel()
        self.echo.setObjectName("rate_echo")
        self.add_button = QPushButton(self.tr("Add rate"))
        self.add_button.setAutoDefault(False)
        self.add_button.setDefault(False)
        self.error = general_error_label()
        self.status = QLabel()

        row = QHBoxLayout()
        self.currency_label = QLabel(self.tr("Currency"))
        self.date_label = QLabel(self.tr("From"))
        self.rate_label = QLabel()
        for w in (self.currency_label, self.currency, self.date_label, self.date, self.rate_label, self.rate):
            row.addWidget(w)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.echo)
        layout.addWidget(self.error)
        layout.addWidget(self.status)

        self.rate.textChanged.connect(self._echo)
        self.currency.currentTextChanged.connect(self._echo)
        self.add_button.clicked.connect(self.submit)
        self.rate.returnPressed.connect(self.submit)
        self._show_home()
        self.reload()

    def headers(self) -> list[str]:
        return [self.tr("Currency"), self.tr("From"), self.tr("%1 per unit").replace("%1", self.home)]

    def _show_home(self) -> None:
        self.intro.setText(self.tr(
            "How many %1 one unit of another currency is worth, from a date until the next rate of that "
            "currency. The customers list, the top debtors and Today rank amounts in %1 with the rate of the "
            "date they show; an amount without a rate says so and comes last. Reports stay in each currency.")
            .replace("%1", self.home))
        self.rate_label.setText(self.tr("%1 per unit").replace("%1", self.home))
        self.table.setHorizontalHeaderLabels(self.headers())
        current = self.currency.currentText()
        self.currency.blockSignals(True)
        self.currency.clear()
        self.currency.addItems([c for c in CURRENCIES if c != self.home])
        if current and current != self.home:
            self.currency.setCurrentText(current)
        self.currency.blockSignals(False)

    def reload(self) -> None:
        self.ctx.runner.read(load_rates, on_done=self._loaded)

    def _loaded(self, result) -> None:
        self.home, self.rates = result
        self._show_home()
        self.table.setRowCount(len(self.rates))
        for i, r in enumerate(self.rates):
            values = (r.currency, self.ctx.formatter.date(r.rate_date), format(r.rate.normalize(), "f"))
            for col, text in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self._echo()
        self.loaded.emit()

    def _echo(self, *_args) -> None:
        """What the typed rate means, as the user types it: 1 USD = 3.75 PEN, or why it is refused."""
        text = self.rate.text().strip()
        cur = self.currency.currentText().strip().upper()
        if not text:
            self.echo.setText("")
            return
        try:
            rate = parse_rate(text)
        except InvalidRateError:
            self.echo.setText(self._rate_error(text))
            self.echo.setStyleSheet("color: #b00020;")
            return
        self.echo.setStyleSheet("color: #555;")
        self.echo.setText(f"1 {cur or '?'} = {format(rate.normalize(), 'f')} {self.home}")

    def _rate_error(self, text: str) -> str:
        return self.tr("'%1' is not a valid exchange rate: write a number greater than zero with a point as the "
                       "decimal separator and no thousands separators, like 3.75 or 0.00092.").replace("%1", text)

    def submit(self) -> None:
        self.error.hide()
        self.status.setText("")
        currency, text, date = self.currency.currentText().strip().upper(), self.rate.text().strip(), self.date.value()
        self.add_button.setEnabled(False)
        self.ctx.runner.write(set_rate, currency, text, date, on_done=self._saved, on_error=self._failed)

    def _saved(self, view) -> None:
        self.add_button.setEnabled(True)
        self.rate.clear()
        self.status.setText(self.tr("Saved: 1 %1 = %2 %3 from %4").replace("%1", view.currency)
                            .replace("%2", format(view.rate.normalize(), "f")).replace("%3", self.home)
                            .replace("%4", self.ctx.formatter.date(view.rate_date)))
        self.saved.emit()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        if isinstance(exc, InvalidRateError):
            message = self._rate_error(self.rate.text().strip())
        elif isinstance(exc, UnknownCurrencyError):
            message = describe(exc)[1]
        elif getattr(exc, "field", None) == "currency":
            message = self.tr("%1 is the company's currency: its rate is always 1.").replace(
                "%1", self.currency.currentText().strip().upper())
        else:
            message = describe(exc)[1]
        self.error.setText(message)
        self.error.show()
