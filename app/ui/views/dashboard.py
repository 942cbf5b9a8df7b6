"""The dashboard, the app's first screen: KPI cards, aging by bucket, the weekly forecast and the top
debtors for one currency, as of a date. Everything is computed by app.reports.dashboard on a worker;
clicking a card or a bar lists the items behind it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from babel.dates import format_skeleton

from app.ledger.money import to_decimal
from app.reports.dashboard import dashboard, drill_items

from ..compact import compact_forms
from ..context import AppContext
from ..empty_state import EmptyState
from ..fit_label import FitLabel
from ..formatting import Formatter
from ..page_parts import as_of_edit, hbox, list_table, page_title, vbox
from ..tablemodels.dashboard import DebtorsTableModel, DrillTableModel

BUCKET_COLORS = ["#4C9F70", "#E9C46A", "#F4A261", "#E76F51", "#B5364B"]


class Card(QFrame):
    """A KPI: a caption and a big number; clickable when it leads somewhere.

    The number never clips: it shrinks to fit the card, then shows the amount in thousands/millions;
    the full amount is always in its tooltip (app.ui.fit_label)."""

    clicked = Signal()

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: palette(base); border-radius: 6px; }")
        self.caption = QLabel()
        self.caption.setStyleSheet("color: palette(mid); font-size: 9pt;")
        # the card was 150 px at least: its contents 150 - 2 * 12 px
        self.value = FitLabel("—", base_pt=17, min_pt=11, bold=True, min_width=126)
        self.value.setObjectName(f"{name}_value")
        self.note = FitLabel("", base_pt=8, min_pt=7, bold=False, word_wrap=True)
        self.note.setObjectName(f"{name}_note")
        self.note.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set_amount(self, formatter: Formatter, amount_minor: int, currency: str) -> None:
        """The amount in full when it fits, else in thousands/millions; in full in the tooltip."""
        self.value.set_texts(formatter.money(amount_minor, currency),
                             compact_forms(amount_minor, currency, formatter.locale))

    def set_clickable(self, on: bool) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor if on else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class DrillDialog(QDialog):
    """The items behind a card or a bar."""

    def __init__(self, ctx: AppContext, title: str, items, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 520)
        self.model = DrillTableModel(ctx.formatter, self)
        self.model.set_rows(items)
        self.table = list_table(self.model, "drill_table")
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionResizeMode(DrillTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        vbox(QLabel(self.tr("%n item(s), largest first", "", len(items))), (self.table, 1), buttons, parent=self)


class DashboardView(QWidget):
    #: the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)
    concerns = frozenset({"customers", "documents", "collections", "settings", "risk"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.data = None
        self._pending = 0
        self._stale = True
        self.drill: DrillDialog | None = None

        self.as_of = as_of_edit(ctx, "dashboard_as_of")
        self.currency = QComboBox()
        self.currency.setObjectName("dashboard_currency")
        self.currency.setMinimumWidth(80)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(mid);")
        top = hbox(page_title(self.tr("Dashboard")), 20, QLabel(self.tr("As of")), self.as_of,
                   QLabel(self.tr("Currency")), self.currency, self.refresh_button, (self.status, 1))

        self.card_receivable = Card("card_receivable")
        self.card_overdue = Card("card_overdue")
        self.card_pct = Card("card_pct_overdue")
        self.card_dso = Card("card_dso")
        self.card_cei = Card("card_cei")
        cards = hbox(*((card, 1) for card in (self.card_receivable, self.card_overdue, self.card_pct,
                                               self.card_dso, self.card_cei)))
        for card in (self.card_receivable, self.card_overdue, self.card_pct):
            card.set_clickable(True)
        self.card_receivable.clicked.connect(lambda: self.show_items(None, overdue_only=False))
        self.card_overdue.clicked.connect(lambda: self.show_items(None, overdue_only=True))
        self.card_pct.clicked.connect(lambda: self.show_items(None, overdue_only=True))

        self.aging_chart = QChart()
        self.aging_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.aging_chart.legend().hide()
        self.aging_chart.setMargins(QMargins(4, 4, 4, 4))
        self.aging_view = QChartView(self.aging_chart)
        self.aging_view.setObjectName("aging_chart")
        self.aging_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.aging_view.setMinimumHeight(250)
        self.forecast_chart = QChart()
        self.forecast_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.forecast_chart.setMargins(QMargins(4, 4, 4, 4))
        self.forecast_view = QChartView(self.forecast_chart)
        self.forecast_view.setObjectName("forecast_chart")
        self.forecast_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.forecast_view.setMinimumHeight(250)

        self.debtors = DebtorsTableModel(ctx.formatter, self)
        self.debtors_table = list_table(self.debtors, "top_debtors")
        header = self.debtors_table.horizontalHeader()
        header.setSectionResizeMode(DebtorsTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        # amounts are never elided ("USD 246,758…"): their columns take their contents' width, the name gives way
        for col in (DebtorsTableModel.COL_CODE, *DebtorsTableModel.MONEY_COLUMNS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.debtors_table.doubleClicked.connect(self._open_debtor)
        # a new book: what the page will show and where to start (app/ui/empty_state.py)
        self.empty = EmptyState(self.debtors_table, "", "", [(self.tr("New invoice…"), self._new_invoice),
                                                              (self.tr("User guide"), self._open_guide)],
                                ready=lambda: self.data is not None)

        grid = QGridLayout()
        self.aging_title = QLabel(self.tr("Aged receivables (click a bar for its items)"))
        self.forecast_title = QLabel(self.tr("Expected collections per week, next 12 weeks"))
        self.forecast_title.setWordWrap(True)  # it may say the forecast goes by due dates for now
        for label in (self.aging_title, self.forecast_title):
            label.setStyleSheet("font-weight: 600;")
        grid.addWidget(self.aging_title, 0, 0)
        grid.addWidget(self.forecast_title, 0, 1)
        grid.addWidget(self.aging_view, 1, 0)
        grid.addWidget(self.forecast_view, 1, 1)
        debtors_title = QLabel(self.tr("Top debtors (double-click to open)"))
        debtors_title.setStyleSheet("font-weight: 600;")

        vbox(top, cards, (grid, 3), debtors_title, (self.debtors_table, 2), parent=self)

        self.refresh_button.clicked.connect(self.refresh)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.currency.currentTextChanged.connect(lambda _t: self.show_currency())
        self._retranslate_cards()
        # the first screen: its figures are asked for now, while the rest of the window is still being built
        # (later refreshes wait until the page is shown)
        self._compute()

    # --- loading --------------------------------------------------------------------

    def selected_as_of(self) -> dt.date:
        return self.as_of.date().toPython()

    def refresh(self) -> None:
        """Recompute now if the page is on screen, else when it is next shown (every write elsewhere in
        the app asks all pages to refresh; the dashboard is the most expensive one)."""
        if not self.isVisible():
            self._stale = True
            return
        self._compute()

    def showEvent(self, event):  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._stale:
            self._compute()

    def _compute(self) -> None:
        self._stale = False
        self._pending += 1
        self.status.setText(self.tr("Computing…"))
        self.refresh_button.setEnabled(False)
        # quick: without stored risk scores the forecast goes by due dates (the scores are computed by a
        # separate process, app/ui/risk_process.py; the page reloads when they are stored)
        args, kwargs = (self.selected_as_of(),), {"sessions": self.ctx.sessions, "quick": True}  # two connections
        early = self.ctx.early.pop("dashboard", None)  # the first screen's, asked for before the window was built
        if early is not None and early.asks(dashboard, *args, **kwargs):
            early.then(self._loaded, self._failed)
            return
        self.ctx.runner.read(dashboard, *args, **kwargs, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, data) -> None:
        self._pending -= 1
        if self._pending > 0:
            return  # a newer request is on its way; show that one
        self.refresh_button.setEnabled(True)
        self.data = data
        current = self.currency.currentText()
        self.currency.blockSignals(True)
        self.currency.clear()
        codes = [c.currency for c in data.currencies]
        preferred = self.ctx.company_currency if self.ctx.company_currency in codes else None
        self.currency.addItems(codes)
        choice = current if current in codes else (preferred or (codes[0] if codes else ""))
        if choice:
            self.currency.setCurrentText(choice)
        self.currency.blockSignals(False)
        self.status.setText("" if codes else self.tr("Nothing is owed as of this date."))
        self.empty.set_texts(self.tr("Nothing is owed as of %1").replace("%1", self.ctx.formatter.date(data.as_of)),
                             self.tr("The receivable, what is overdue, DSO and the top debtors show here once "
                                     "invoices are recorded: add a customer and an invoice, or import your data."))
        self.show_currency()
        self.loaded.emit()

    def _failed(self, exc) -> None:
        self._pending -= 1
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("Could not compute the dashboard: %1").replace("%1", str(exc)))

    def _new_invoice(self) -> None:
        getattr(self.window(), "new_invoice", lambda: None)()

    def _open_guide(self) -> None:
        from ..help import open_guide

        self._guide = open_guide(self.window(), "customers")  # "Entering and importing"

    # --- drawing --------------------------------------------------------------------

    def _retranslate_cards(self) -> None:
        self.card_receivable.caption.setText(self.tr("Receivable"))
        self.card_overdue.caption.setText(self.tr("Overdue"))
        self.card_pct.caption.setText(self.tr("% overdue"))
        self.card_dso.caption.setText(self.tr("DSO (90 days)"))
        self.card_cei.caption.setText(self.tr("CEI (90 days)"))

    def shown(self):
        return self.data.for_currency(self.currency.currentText()) if self.data else None

    def show_currency(self) -> None:
        c = self.shown()
        f = self.ctx.formatter
        if c is None:
            for card in (self.card_receivable, self.card_overdue, self.card_pct, self.card_dso, self.card_cei):
                card.value.setText("—")
                card.note.setText("")
            self.aging_chart.removeAllSeries()
            self.forecast_chart.removeAllSeries()
            self.debtors.set_rows([])
            return
        self.card_receivable.set_amount(f, c.receivable_minor, c.currency)
        if c.unapplied_credit_minor:
            note = self.tr("credit not applied: %1")
            self.card_receivable.note.set_texts(
                note.replace("%1", f.money(c.unapplied_credit_minor, c.currency)),
                [note.replace("%1", short)
                 for short in compact_forms(c.unapplied_credit_minor, c.currency, f.locale)])
        else:
            self.card_receivable.note.set_texts("")
        self.card_overdue.set_amount(f, c.overdue_minor, c.currency)
        self.card_pct.value.setText("—" if c.pct_overdue is None else f"{c.pct_overdue:.1f} %")
        self.card_dso.value.setText("—" if c.dso is None else self.tr("%1 days").replace("%1", f"{c.dso:.0f}"))
        self.card_cei.value.setText("—" if c.cei is None else f"{c.cei:.1f} %")
        self._draw_aging(c)
        self._draw_forecast(c)
        self._title_forecast()
        # one list for every currency, ranked in the company's currency (app.reports.dashboard.Dashboard)
        self.debtors.set_rows(list(self.data.top_debtors or c.top_debtors), c.currency, self.data.company_currency)

    def _scale(self, values) -> tuple[float, str]:
        """Big amounts are charted in thousands or millions so the axis stays readable."""
        top = max([*values, 0])
        if top >= 10_000_000:
            return 1_000_000, self.tr("millions")
        if top >= 10_000:
            return 1_000, self.tr("thousands")
        return 1, ""

    def _axis_y(self, values, unit: str, currency: str) -> QValueAxis:
        axis = QValueAxis()
        axis.setLabelFormat("%.0f")
        axis.setRange(0, max([*values, 1]) * 1.1)
        axis.applyNiceNumbers()
        axis.setTitleText(f"{currency} ({unit})" if unit else currency)
        return axis

    def _reset(self, chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _draw_aging(self, c) -> None:
        chart = self.aging_chart
        self._reset(chart)
        labels = list(self.data.bucket_labels)
        series = QStackedBarSeries()
        raw = [float(to_decimal(v, c.currency)) for v in c.buckets]
        divisor, unit = self._scale(raw)
        values = [v / divisor for v in raw]
        # one set per bucket, so each bar has its own colour and a click names its bucket
        for i, label in enumerate(labels):
            bar = QBarSet(self._bucket_title(label))
            bar.append([values[j] if j == i else 0.0 for j in range(len(labels))])
            bar.setColor(QColor(BUCKET_COLORS[min(i, len(BUCKET_COLORS) - 1)]))
            bar.clicked.connect(lambda _index, b=label: self.show_items(b))
            series.append(bar)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([self._bucket_title(label, short=True) for label in labels])
        axis_x.setTitleText(self.tr("days overdue"))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = self._axis_y(values, unit, c.currency)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)

    def _draw_forecast(self, c) -> None:
        chart = self.forecast_chart
        self._reset(chart)
        overdue = QBarSet(self.tr("from overdue"))
        current = QBarSet(self.tr("falling due"))
        overdue.setColor(QColor("#E76F51"))
        current.setColor(QColor("#2A9D8F"))
        cats, totals = [], []
        divisor, unit = self._scale([float(to_decimal(e, c.currency)) for _s, e, _o in c.forecast_weeks])
        for start, expected, from_overdue in c.forecast_weeks:
            cats.append(format_skeleton("Md", start, locale=self.ctx.formatter.locale))
            overdue.append(float(to_decimal(from_overdue, c.currency)) / divisor)
            current.append(float(to_decimal(expected - from_overdue, c.currency)) / divisor)
            totals.append(float(to_decimal(expected, c.currency)) / divisor)
        series = QStackedBarSeries()
        series.append(overdue)
        series.append(current)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(cats)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_x.setTitleText(self.tr("week starting"))
        font = axis_x.labelsFont()
        font.setPointSizeF(max(font.pointSizeF() - 2, 6))  # twelve dates side by side
        axis_x.setLabelsFont(font)
        axis_x.setTruncateLabels(False)  # a narrow chart elided them ("12/…"); short dates fit their bar
        axis_y = self._axis_y(totals, unit, c.currency)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def _title_forecast(self) -> None:
        if self.data is not None and self.data.forecast_model == "due_dates":
            self.forecast_title.setText(self.tr("Expected collections per week, next 12 weeks (by due dates "
                                                "for now)"))
            self.forecast_title.setToolTip(self.tr(
                "The risk scores are computed in the background; the forecast then uses each customer's "
                "expected days late."))
        else:
            self.forecast_title.setText(self.tr("Expected collections per week, next 12 weeks"))
            self.forecast_title.setToolTip("")

    def _bucket_title(self, label: str, short: bool = False) -> str:
        if label == "current":
            return self.tr("Current")
        return label if short else self.tr("%1 days").replace("%1", label)

    # --- drilling down -----------------------------------------------------------------

    def show_items(self, bucket: str | None, overdue_only: bool = False) -> None:
        c = self.shown()
        if c is None:
            return
        if bucket is not None:
            title = self.tr("%1 — %2").replace("%1", c.currency).replace("%2", self._bucket_title(bucket))
        elif overdue_only:
            title = self.tr("%1 — overdue items").replace("%1", c.currency)
        else:
            title = self.tr("%1 — open items").replace("%1", c.currency)
        self.ctx.runner.read(drill_items, self.data.as_of, currency=c.currency, bucket=bucket,
                             overdue_only=overdue_only,
                             on_done=lambda items: self._show_drill(title, items), on_error=self._failed)

    def _show_drill(self, title: str, items) -> None:
        self.drill = DrillDialog(self.ctx, title, items, self)
        self.drill.show()

    def _open_debtor(self, index) -> None:
        code = self.debtors.row(index.row()).code
        page = getattr(self.window(), "view", None)  # MainWindow.view builds the page if not shown yet
        try:
            customers = page("customers") if page is not None else None
        except ValueError:  # a window without a customers page
            customers = None
        if customers is not None and hasattr(customers, "open_card"):
            customers.open_card(code)
