"""The main window: a side navigation on the left, the chosen view on the right.

Later issues add a view with one line in VIEWS: (key, title, icon file, "module:Class"). A page is built
when it is first shown (or asked for by `view(key)`): its module is imported then and the class called as
`Class(ctx, parent)`, so the first screen imports and loads only the dashboard (every page built at start
cost half a second of imports and had Today's list compete with the dashboard for the database at
100,000 customers). A view may define `refresh()`, called after a write that changed one of the areas
named in its class attribute `concerns` (a set of app.ledger.changes areas; a view without one is
concerned by every write), and `actions()`; a language change rebuilds the window, the pages built so far
included.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.ledger.changes import AREAS, Changes

from .backup_actions import BackupActions
from .context import AppContext

ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str  # English source text; translated in the "Navigation" context
    icon: str  # file name in resources/icons
    factory: str  # "module:Class"

    def create(self, ctx: AppContext, parent: QWidget | None = None) -> QWidget:
        module, _, name = self.factory.partition(":")
        return getattr(importlib.import_module(module), name)(ctx, parent)


VIEWS: list[ViewSpec] = [
    ViewSpec("dashboard", QT_TRANSLATE_NOOP("Navigation", "Dashboard"), "dashboard.svg", "app.ui.views.dashboard:DashboardView"),
    ViewSpec("today", QT_TRANSLATE_NOOP("Navigation", "Today"), "today.svg", "app.ui.views.today:TodayView"),
    ViewSpec("reminders", QT_TRANSLATE_NOOP("Navigation", "Reminders"), "reminders.svg", "app.ui.views.reminders:RemindersView"),
    ViewSpec("customers", QT_TRANSLATE_NOOP("Navigation", "Customers"), "customers.svg", "app.ui.views.customers:CustomersView"),
    ViewSpec("aging", QT_TRANSLATE_NOOP("Navigation", "Aging report"), "aging.svg", "app.ui.views.aging_report:AgingReportView"),
    ViewSpec("audit", QT_TRANSLATE_NOOP("Navigation", "Audit log"), "audit.svg", "app.ui.views.audit:AuditView"),
    ViewSpec("bank", QT_TRANSLATE_NOOP("Navigation", "Bank"), "bank.svg", "app.ui.views.bank:BankView"),
]


def icon(name: str) -> QIcon:
    path = ICONS_DIR / name
    return QIcon(str(path)) if path.exists() else QIcon()


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, views: list[ViewSpec] | None = None):
        super().__init__()
        self.ctx = ctx
        self.specs = list(views if views is not None else VIEWS)
        self.views: dict[str, QWidget] = {}
        self.setWindowIcon(icon("cobranza.svg"))
        # 1280×800 where it fits; on a 1366×768 laptop (or smaller) the screen's free area
        available = self.screen().availableGeometry()
        self.resize(min(1280, available.width()), min(800, available.height() - 30))
        self._build()
        ctx.runner.data_changed.connect(self.refresh_views)

    @staticmethod
    def first_page(views: list[ViewSpec] | None = None) -> str | None:
        """The key of the page the window opens on."""
        specs = VIEWS if views is None else views
        return specs[0].key if specs else None

    # --- building -----------------------------------------------------------------

    def _build(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet("QListWidget#navigation { background: palette(window); font-size: 11pt; }"
                               "QListWidget#navigation::item { padding: 4px; }")
        self.stack = QStackedWidget()
        for spec in self.specs:
            self.stack.addWidget(QWidget())  # a place holder until the page is first shown (view())
            item = QListWidgetItem(icon(spec.icon), QCoreApplication.translate("Navigation", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(140, 36))
            self.nav.addItem(item)
        self._stale: set[str] = set()
        self.nav.currentRowChanged.connect(self._page_changed)
        # as wide as the longest title in the current language (Spanish titles run longer)
        font = QFont(self.nav.font())
        font.setPointSize(11)  # as in the style sheet below, which is not applied yet
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())), default=0)
        self.nav.setFixedWidth(min(280, max(150, widest + self.nav.iconSize().width() + 40)))
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        row.setSpacing(6)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.setCurrentRow(0)
        self._build_menus()
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self.retranslate_window()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self.act_new_customer = QAction(self.tr("New &customer…"), self)
        self.act_new_customer.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.act_new_customer.triggered.connect(self.new_customer)
        self.act_new_invoice = QAction(self.tr("New &invoice…"), self)
        self.act_new_invoice.setShortcut(QKeySequence("Ctrl+I"))
        self.act_new_invoice.triggered.connect(lambda: self.new_invoice())
        self.act_new_payment = QAction(self.tr("New &payment…"), self)
        self.act_new_payment.setShortcut(QKeySequence("Ctrl+P"))
        self.act_new_payment.triggered.connect(lambda: self.new_payment())
        self.act_settings = QAction(self.tr("&Settings…"), self)
        self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_settings.triggered.connect(self.open_settings)
        self.act_quit = QAction(self.tr("&Quit"), self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        for act in (self.act_new_customer, self.act_new_invoice, self.act_new_payment):
            file_menu.addAction(act)
        file_menu.addSeparator()
        self.act_import = QAction(self.tr("&Import from a file…"), self)  # app/ui/import_wizard.py
        self.act_import.triggered.connect(lambda: self.import_file())
        file_menu.addAction(self.act_import)
        from .export_actions import ExportActions

        self.export_actions = getattr(self, "export_actions", None) or ExportActions(self)
        self.export_actions.add_to(file_menu)  # Export everything to Excel…, Statements for every customer…
        file_menu.addSeparator()
        self.backup_actions = getattr(self, "backup_actions", None) or BackupActions(self)
        self.backup_actions.add_to(file_menu)  # Back up now…, Restore from backup…
        from .move_book import MoveBook

        self.move_book = getattr(self, "move_book", None) or MoveBook(self)
        self.move_book.add_to(file_menu)  # Move database…
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.act_guide = QAction(self.tr("User &guide"), self)
        self.act_guide.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1: the chapter of the page shown
        self.act_guide.triggered.connect(self.open_guide)
        help_menu.addAction(self.act_guide)
        about = QAction(self.tr("&About Cobranza"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def retranslate_window(self) -> None:
        company = self.ctx.company_name
        title = self.tr("Cobranza")
        self.setWindowTitle(f"{title} — {company}" if company else title)
        self.status.setText(self.tr("Balances as of %1").replace("%1", self.ctx.formatter.date(self.ctx.today())))

    def rebuild(self) -> None:
        """After a language change: build the navigation, views and menus again in the new language."""
        current = self.nav.currentRow()
        old = self.centralWidget()
        self.views.clear()
        self.statusBar().removeWidget(self.status)
        self._build()
        old.deleteLater()
        self.nav.setCurrentRow(max(current, 0))

    # --- actions ------------------------------------------------------------------

    def view(self, key: str) -> QWidget:
        """The page `key`, built now if it has not been shown yet."""
        found = self.views.get(key)
        if found is not None:
            return found
        index = [s.key for s in self.specs].index(key)
        view = self.specs[index].create(self.ctx, self.stack)
        view.setObjectName(f"view_{key}")
        self.views[key] = view
        holder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, view)
        self.stack.removeWidget(holder)
        holder.deleteLater()
        if current == index:
            self.stack.setCurrentIndex(index)
        return view

    def show_view(self, key: str) -> QWidget:
        keys = [s.key for s in self.specs]
        self.nav.setCurrentRow(keys.index(key))
        return self.view(key)

    def refresh_views(self, changes: Changes | None = None) -> None:
        """After a write that changed `changes` (None: anything): a concerned page on screen reloads now,
        the other concerned ones when they are next shown (the dashboard over a million invoices should
        not recompute behind every payment entered); a page the change does not concern stays as it is,
        and a page not built yet loads what is current when it is first shown."""
        current = self.stack.currentWidget()
        changes = changes if changes is not None else Changes.everything()
        for key, view in self.views.items():
            if getattr(view, "refresh", None) is None:
                continue
            if not changes.concerns(getattr(view, "concerns", AREAS)):
                continue
            if view is current:
                view.refresh()
            else:
                self._stale.add(key)

    def _page_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            key = self.specs[row].key
            built = key in self.views
            self.view(key)
            self.stack.setCurrentIndex(row)
            if built and key in self._stale:
                self._stale.discard(key)
                self.views[key].refresh()

    def new_customer(self):
        from .dialogs.customer import CustomerDialog

        dialog = CustomerDialog(self.ctx, None, self)
        dialog.open()
        return dialog

    def new_invoice(self, customer_code: str | None = None):
        from .dialogs.invoice import InvoiceDialog

        dialog = InvoiceDialog(self.ctx, customer_code or self._selected_customer(), self)
        dialog.open()
        return dialog

    def new_payment(self, customer_code: str | None = None):
        from .dialogs.payment import PaymentDialog

        dialog = PaymentDialog(self.ctx, customer_code or self._selected_customer(), self)
        dialog.open()
        return dialog

    def import_file(self, kind: str | None = None, path: str | None = None):
        from .import_wizard import open_import_wizard

        return open_import_wizard(self, kind=kind, path=path)

    def _selected_customer(self) -> str | None:
        view = self.views.get("customers")
        getter = getattr(view, "selected_code", None)
        return getter() if getter else None

    def open_settings(self):
        from .dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.language_chosen.connect(self._language_chosen)
        dialog.company_saved.connect(self._company_saved)
        dialog.open()
        return dialog

    def _company_saved(self, company) -> None:
        self.ctx.apply_company(company)
        for view in self.views.values():
            setter = getattr(view, "set_formatter", None)
            if setter is not None:
                setter(self.ctx.formatter)
        self.retranslate_window()

    def _language_chosen(self, language: str) -> None:
        from PySide6.QtWidgets import QApplication

        from .i18n import current_language, install_translators

        if language == current_language():
            return
        install_translators(QApplication.instance(), language)
        self.rebuild()
        self.language_changed.emit(language)

    def open_guide(self):
        from .help import open_guide

        row = self.nav.currentRow()
        self.guide = open_guide(self, self.specs[row].key if 0 <= row < len(self.specs) else None)
        return self.guide

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About Cobranza"),
            self.tr("Cobranza %1\nAccounts receivable control for small and medium businesses.").replace(
                "%1", __version__))

    def closeEvent(self, event) -> None:
        # quitting stops background work at once (app/ui/app.py): the risk worker is killed, reads are
        # interrupted, only a write in progress is waited for
        refresher = getattr(self, "risk_refresher", None)
        if refresher is not None:
            refresher.stop(wait=False)  # killed: the system frees it while the rest stops
        self.ctx.runner.shutdown()
        super().closeEvent(event)
