"""The E-mail tab of Settings: smtp.* settings to the settings table, the password only to the keyring,
a keyring failure saves nothing, the test e-mail button, the contact-rules country with its citation."""

import keyring
from keyring.errors import KeyringError
from sqlalchemy import select

from app.database import session_factory
from app.ledger import company as company_api
from app.models import Setting
from app.reminders.secrets import get_secret
from tests.factories import SmtpCollector, free_port, start_smtp


def open_dialog(window, qtbot):
    dialog = window.open_settings()
    qtbot.waitUntil(lambda: dialog.loaded and getattr(dialog, "email_loaded", False), timeout=10000)
    return dialog


def fill(dialog, port="2525"):
    dialog.smtp_host.setText("smtp.andina.pe")
    dialog.smtp_port.setText(port)
    dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData("ssl"))
    dialog.smtp_user.setText("cobranzas")
    dialog.smtp_from.setText("cobranzas@andina.pe")
    dialog.smtp_password.setText("s3cret-pw")


def all_settings(engine):
    with session_factory(engine)() as s:
        return {row.key: row.value for row in s.scalars(select(Setting))}


def test_smtp_settings_saved_and_password_only_in_the_keyring(window, books, qtbot):
    dialog = open_dialog(window, qtbot)
    fill(dialog)
    dialog.contact_country.setCurrentIndex(dialog.contact_country.findData("CO"))
    assert "Ley 2300" in dialog.contact_citation.text()
    with qtbot.waitSignal(dialog.company_saved, timeout=10000):
        dialog.buttons.accepted.emit()
    settings = all_settings(books)
    assert {k: settings[k] for k in ("smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.from")} == {
        "smtp.host": "smtp.andina.pe", "smtp.port": "2525", "smtp.security": "ssl", "smtp.user": "cobranzas",
        "smtp.from": "cobranzas@andina.pe"}
    assert settings["contact_rules.country"] == "CO"
    assert get_secret("smtp") == "s3cret-pw"
    assert all("s3cret-pw" not in (v or "") for v in settings.values())
    with session_factory(books)() as s:
        from app.models import AuditEntry  # noqa: F401 - the audit trail must not hold it either
        audit = " ".join(str(row) for row in s.execute(select(AuditEntry.__table__)).all())
    assert "s3cret-pw" not in audit
    # opened again: the values come back, the password is not shown
    again = open_dialog(window, qtbot)
    assert again.smtp_host.text() == "smtp.andina.pe" and again.smtp_password.text() == ""
    assert "keyring" in again.smtp_password.placeholderText()
    assert again.contact_country.currentData() == "CO"
    again.reject()


def test_keyring_failure_is_shown_at_the_password_and_nothing_is_saved(window, books, qtbot, monkeypatch):
    def broken(*_a, **_k):
        raise KeyringError("locked")

    monkeypatch.setattr(keyring, "set_password", broken)
    dialog = open_dialog(window, qtbot)
    fill(dialog)
    dialog.tax_id.setText("20601234567")
    dialog.buttons.accepted.emit()
    label = dialog.email_form.error_label("smtp.password")
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert "keyring" in label.text().lower()
    assert dialog.tabs.currentIndex() == 1
    settings = all_settings(books)
    assert not any(k.startswith("smtp.") for k in settings)
    with session_factory(books)() as s:
        assert company_api.get_company(s).tax_id is None
    dialog.reject()


def test_bad_port_shown_next_to_the_field(window, qtbot):
    dialog = open_dialog(window, qtbot)
    fill(dialog, port="abc")
    dialog.buttons.accepted.emit()
    label = dialog.email_form.error_label("smtp.port")
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert "port" in label.text()
    assert get_secret("smtp") is None
    dialog.reject()


def test_send_test_email_success_and_failure(window, qtbot):
    handler = SmtpCollector()
    controller = start_smtp(handler)
    try:
        dialog = open_dialog(window, qtbot)
        dialog.smtp_host.setText("127.0.0.1")
        dialog.smtp_port.setText(str(controller.port))
        dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData("none"))
        dialog.smtp_from.setText("cobranzas@andina.pe")
        dialog.test_to.setText("yo@andina.pe")
        dialog.test_button.click()
        qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and "sent" in dialog.test_result.text(),
                        timeout=15000)
        [msg] = handler.messages()
        assert msg["To"] == "yo@andina.pe"
        dialog.smtp_port.setText(str(free_port()))  # nobody listens there
        dialog.test_button.click()
        qtbot.waitUntil(lambda: "failed" in dialog.test_result.text(), timeout=15000)
        assert "127.0.0.1" in dialog.test_result.text()
        dialog.reject()
    finally:
        controller.stop()


def test_security_none_with_a_password_warns_that_it_travels_in_clear(window, books, qtbot):
    dialog = open_dialog(window, qtbot)
    fill(dialog)
    dialog.smtp_user.setText("cobros")
    dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData("starttls"))
    dialog.smtp_password.setText("s3cret")
    assert dialog.cleartext_warning.isHidden()
    dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData("none"))
    assert not dialog.cleartext_warning.isHidden()
    assert "in clear" in dialog.cleartext_warning.text()
    dialog.smtp_password.setText("")  # no password typed and none stored: nothing to warn about
    assert dialog.cleartext_warning.isHidden()
    dialog.reject()
