"""Settings → Reminder policies: the policies and their levels, which one is the default, and the
policy per risk segment. Each change is saved with its own button (one domain action each)."""

from __future__ import annotations


from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.ledger.errors import InvalidValueError, LedgerError
from app.ledger.money import to_str
from app.reminders.policy import CHANNELS, FEE_KINDS, ensure_default_policy, list_policies
from app.reminders.policy_edit import copy_policy, delete_policy, set_default_policy, update_policy
from app.reminders.segment_policy import segment_policies, set_segment_policy

from ..page_parts import STRETCH, hbox, hint_label, tab_button, vbox
from ..widgets import general_error_label


def load_policies(session):
    """On the writer the first time (the shipped policy is created when missing): policies and segments."""
    ensure_default_policy(session)
    return list_policies(session), segment_policies(session)


def save_segments(session, wanted: dict[str, str | None]):
    """Replace the segment → policy mappings with `wanted` (None removes one): all or nothing."""
    current = segment_policies(session)
    for segment in current:
        if segment not in wanted:
            set_segment_policy(session, segment, None)
    for segment, code in wanted.items():
        set_segment_policy(session, segment, code)
    return segment_policies(session)


class PoliciesTab(QWidget):
    loaded = Signal()
    saved = Signal()

    (COL_KEY, COL_NAME_ES, COL_NAME_EN, COL_DAYS) = range(4)
    COL_CHANNEL0 = 4
    COL_FEE_KIND = COL_CHANNEL0 + len(CHANNELS)
    COL_FEE_VALUE, COL_MIN, COL_APPROVAL, COL_GAP = range(COL_FEE_KIND + 1, COL_FEE_KIND + 5)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.policies: list = []
        self.current = None

        self.list = QListWidget()
        self.list.setObjectName("policy_list")
        self.list.setMaximumWidth(230)
        self.copy_button = QPushButton(self.tr("New from this…"))
        self.default_button = QPushButton(self.tr("Make default"))
        self.delete_button = QPushButton(self.tr("Delete"))

        self.name_es = QLineEdit()
        self.name_en = QLineEdit()
        names = QFormLayout()
        names.addRow(self.tr("Name (Spanish)"), self.name_es)
        names.addRow(self.tr("Name (English)"), self.name_en)
        # unticked ("review before sending"): a preview approves none of this policy's reminders
        self.send_automatically = QCheckBox(self.tr("Send automatically (unticked: review before sending)"))
        names.addRow("", self.send_automatically)
        self.table = QTableWidget(0, self.COL_GAP + 1)
        self.table.setObjectName("levels_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setHorizontalHeaderLabels(self.headers())
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_level = QPushButton(self.tr("Add level"))
        self.remove_level = QPushButton(self.tr("Remove level"))
        self.save_button = tab_button(self.tr("Save policy"))
        self.status = QLabel()
        self.error = general_error_label()
        hint = hint_label(self.tr("Days count from the due date (negative: a courtesy notice before it). Items "
                                  "climb one level at a time. A fixed fee and the minimum overdue are in %1.")
                          .replace("%1", ctx.company_currency))
        top = hbox(vbox((self.list, 1), self.copy_button, self.default_button, self.delete_button),
                   (vbox(names, hint, (self.table, 1),
                         hbox(self.add_level, self.remove_level, STRETCH, self.status, self.save_button),
                         self.error), 1))

        self.segments = QTableWidget(0, 2)
        self.segments.setObjectName("segments_table")
        self.segments.setHorizontalHeaderLabels([self.tr("Segment, class or band"), self.tr("Policy")])
        self.segments.horizontalHeader().setStretchLastSection(True)
        self.segments.setColumnWidth(0, 240)
        self.segments.setMaximumHeight(150)
        self.add_segment = QPushButton(self.tr("Add segment"))
        self.remove_segment = QPushButton(self.tr("Remove segment"))
        self.save_segments_button = tab_button(self.tr("Save segments"))
        self.segments_error = general_error_label()
        seg_hint = hint_label(self.tr("Customers without a policy of their own get their risk segment's policy "
                                      "(e.g. A-high, or just A, or just high; the most specific wins), else the "
                                      "default. Segments come from the stored risk scores."))
        seg_box = QGroupBox(self.tr("Policy by risk segment"))
        vbox(seg_hint, self.segments,
             hbox(self.add_segment, self.remove_segment, STRETCH, self.save_segments_button),
             self.segments_error, parent=seg_box)

        vbox((top, 1), seg_box, parent=self)

        self.list.currentRowChanged.connect(self._show_policy)
        self.add_level.clicked.connect(lambda: self._append_level(None))
        self.remove_level.clicked.connect(self._remove_selected_level)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(lambda: self.copy())
        self.default_button.clicked.connect(self.make_default)
        self.delete_button.clicked.connect(self.delete)
        self.add_segment.clicked.connect(lambda: self._append_segment("", None))
        self.remove_segment.clicked.connect(lambda: self.segments.removeRow(self.segments.currentRow()))
        self.save_segments_button.clicked.connect(self.save_segment_table)
        self.reload()

    def headers(self) -> list[str]:
        channel_names = {"email": self.tr("E-mail"), "letter": self.tr("Letter"), "sms": self.tr("SMS"),
                         "whatsapp": self.tr("WhatsApp"), "call": self.tr("Call")}
        return [self.tr("Key"), self.tr("Name (es)"), self.tr("Name (en)"), self.tr("Days"),
                *[channel_names[c] for c in CHANNELS], self.tr("Fee"), self.tr("Fee value"),
                self.tr("Min. overdue"), self.tr("Approval"), self.tr("Gap (days)")]

    # --- loading ----------------------------------------------------------------------------

    def reload(self, select_code: str | None = None) -> None:
        keep = select_code or (self.current.code if self.current else None)
        self.ctx.runner.write(load_policies, on_done=lambda r: self._loaded(r, keep),
                              on_error=self._failed)

    def _loaded(self, result, select_code) -> None:
        self.policies, mapping = result
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.policies:
            text = p.code + (" · " + self.tr("default") if p.is_default else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.code)
            self.list.addItem(item)
        self.list.blockSignals(False)
        codes = [p.code for p in self.policies]
        self.list.setCurrentRow(codes.index(select_code) if select_code in codes else 0)
        self._show_policy(self.list.currentRow())
        self.segments.setRowCount(0)
        for segment, code in mapping.items():
            self._append_segment(segment, code)
        self.loaded.emit()

    def _show_policy(self, row: int) -> None:
        if not 0 <= row < len(self.policies):
            return
        p = self.current = self.policies[row]
        self.name_es.setText(p.name_es)
        self.name_en.setText(p.name_en)
        self.send_automatically.setChecked(p.send_automatically)
        self.table.setRowCount(0)
        for lv in p.levels:
            self._append_level(lv)
        self.default_button.setEnabled(not p.is_default)
        self.delete_button.setEnabled(not p.is_default)
        self.error.hide()

    def _money(self, minor) -> str:
        return to_str(int(minor), self.ctx.company_currency) if minor else ""

    def _append_level(self, lv) -> None:
        t = self.table
        r = t.rowCount()
        t.insertRow(r)
        texts = {self.COL_KEY: lv.key if lv else "", self.COL_NAME_ES: lv.name_es if lv else "",
                 self.COL_NAME_EN: lv.name_en if lv else "", self.COL_DAYS: str(lv.days) if lv else "",
                 self.COL_GAP: str(lv.min_gap_days if lv else 5),
                 self.COL_MIN: self._money(lv.min_overdue_minor) if lv else ""}
        if lv and lv.fee_kind == "fixed":
            texts[self.COL_FEE_VALUE] = self._money(int(lv.fee_value))
        elif lv and lv.fee_kind == "percent":
            texts[self.COL_FEE_VALUE] = f"{lv.fee_value.normalize():f}"
        else:
            texts[self.COL_FEE_VALUE] = ""
        for col, text in texts.items():
            t.setItem(r, col, QTableWidgetItem(text))
        for i, channel in enumerate(CHANNELS):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if lv and channel in lv.channels else Qt.CheckState.Unchecked)
            t.setItem(r, self.COL_CHANNEL0 + i, item)
        approval = QTableWidgetItem()
        approval.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        approval.setCheckState(Qt.CheckState.Checked if lv and lv.needs_approval else Qt.CheckState.Unchecked)
        t.setItem(r, self.COL_APPROVAL, approval)
        kinds = QComboBox()
        names = {"none": self.tr("none"), "fixed": self.tr("fixed"), "percent": self.tr("percent")}
        for kind in FEE_KINDS:
            kinds.addItem(names[kind], kind)
        kinds.setCurrentIndex(FEE_KINDS.index(lv.fee_kind) if lv else 0)
        t.setCellWidget(r, self.COL_FEE_KIND, kinds)

    def _remove_selected_level(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)

    # --- reading the table ------------------------------------------------------------------

    def _text(self, r: int, col: int) -> str:
        item = self.table.item(r, col)
        return item.text().strip() if item else ""

    def _amount(self, r: int, col: int, what: str) -> int:
        text = self._text(r, col)
        if not text:
            return 0
        try:
            return self.ctx.formatter.parse_money(text, self.ctx.company_currency)
        except LedgerError as exc:
            raise InvalidValueError(f"Level {r + 1}: {what}: {exc}", field="levels") from None

    def levels(self) -> list[dict]:
        """The table as the domain's level dicts; an amount that is not a number names its row."""
        out = []
        for r in range(self.table.rowCount()):
            days_text = self._text(r, self.COL_DAYS)
            try:
                days = int(days_text)
            except ValueError:
                days = days_text  # the domain names the row and field
            kind = self.table.cellWidget(r, self.COL_FEE_KIND).currentData()
            if kind == "fixed":
                fee_value = self._amount(r, self.COL_FEE_VALUE, self.tr("the fee"))
            else:
                fee_value = self._text(r, self.COL_FEE_VALUE) or "0"
            gap_text = self._text(r, self.COL_GAP) or "5"
            try:
                gap = int(gap_text)
            except ValueError:
                raise InvalidValueError(f"Level {r + 1}: the gap '{gap_text}' must be a whole number of days.",
                                        field="min_gap_days") from None
            out.append({
                "key": self._text(r, self.COL_KEY), "name_es": self._text(r, self.COL_NAME_ES),
                "name_en": self._text(r, self.COL_NAME_EN), "days": days,
                "channels": tuple(c for i, c in enumerate(CHANNELS)
                                  if self.table.item(r, self.COL_CHANNEL0 + i).checkState() == Qt.CheckState.Checked),
                "fee_kind": kind, "fee_value": fee_value,
                "min_overdue_minor": self._amount(r, self.COL_MIN, self.tr("the minimum overdue")),
                "needs_approval": self.table.item(r, self.COL_APPROVAL).checkState() == Qt.CheckState.Checked,
                "min_gap_days": gap,
            })
        return out

    # --- actions ----------------------------------------------------------------------------

    def _failed(self, exc) -> None:
        self.status.clear()
        self.error.setText(str(exc))
        self.error.show()

    def _done(self, message: str, select_code: str | None = None):
        def done(_result) -> None:
            self.error.hide()
            self.status.setText(message)
            self.reload(select_code)
            self.saved.emit()
        return done

    def save(self) -> None:
        if self.current is None:
            return
        try:
            levels = self.levels()
        except InvalidValueError as exc:
            self._failed(exc)
            return
        self.ctx.runner.write(update_policy, self.current.code, name_es=self.name_es.text(),
                              name_en=self.name_en.text(), levels=levels,
                              send_automatically=self.send_automatically.isChecked(), on_done=self._done(self.tr("Policy saved")), on_error=self._failed)

    def copy(self, new_code: str | None = None) -> None:
        if self.current is None:
            return
        if new_code is None:
            new_code, ok = QInputDialog.getText(self, self.tr("New policy"),
                                                self.tr("Code of the new policy (a copy of %1):")
                                                .replace("%1", self.current.code))
            if not ok:
                return
        code = new_code.strip().upper()
        self.ctx.runner.write(copy_policy, self.current.code, code,
                              on_done=self._done(self.tr("Policy created"), code), on_error=self._failed)

    def make_default(self) -> None:
        if self.current is not None:
            self.ctx.runner.write(set_default_policy, self.current.code,
                                  on_done=self._done(self.tr("Default policy changed")), on_error=self._failed)

    def delete(self) -> None:
        if self.current is not None:
            self.ctx.runner.write(delete_policy, self.current.code,
                                  on_done=self._done(self.tr("Policy deleted"), "STANDARD"), on_error=self._failed)

    # --- segments ---------------------------------------------------------------------------

    def _append_segment(self, segment: str, code: str | None) -> None:
        r = self.segments.rowCount()
        self.segments.insertRow(r)
        self.segments.setItem(r, 0, QTableWidgetItem(segment))
        combo = QComboBox()
        for p in self.policies:
            combo.addItem(p.code, p.code)
        if code is not None:
            combo.setCurrentIndex(max(combo.findData(code), 0))
        self.segments.setCellWidget(r, 1, combo)

    def segment_values(self) -> dict[str, str]:
        out = {}
        for r in range(self.segments.rowCount()):
            item = self.segments.item(r, 0)
            segment = item.text().strip() if item else ""
            if segment:
                out[segment] = self.segments.cellWidget(r, 1).currentData()
        return out

    def save_segment_table(self) -> None:
        def done(_mapping) -> None:
            self.segments_error.hide()
            self.status.setText(self.tr("Segments saved"))
            self.reload()

        def failed(exc) -> None:
            self.segments_error.setText(str(exc))
            self.segments_error.show()

        self.ctx.runner.write(save_segments, self.segment_values(), on_done=done, on_error=failed)
