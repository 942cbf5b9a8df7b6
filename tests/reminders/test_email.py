"""E-mail: messages built from a reminder, sent to a real SMTP server (aiosmtpd) running in the test."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from email.utils import parsedate_to_datetime

import keyring
import pytest
from aiosmtpd.smtp import AuthResult

from app.reminders.content import sample_content
from app.reminders.email_send import (
    EmailConfigError, NoRecipientError, SendError, SmtpSettings, build_email, load_smtp_settings, send_email,
    send_test_email,
)
from app.reminders.secrets import HOW_TO, SecretStoreError, delete_secret, get_secret, set_secret
from app.reminders.templates import render_message
from tests.factories import SmtpCollector, free_port, start_smtp

# The AUTH tests run without TLS on purpose (a plain local server); aiosmtpd warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"  # binary content must arrive intact


@pytest.fixture
def smtp_server():
    handler = SmtpCollector(reject="reject")
    controller = start_smtp(handler)
    yield handler, controller.port
    controller.stop()


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"cobros" and auth_data.password == b"s3cret-pw"
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


@pytest.fixture
def auth_server():
    handler = SmtpCollector(reject="reject")
    controller = start_smtp(handler, authenticator=authenticator, auth_require_tls=False, auth_required=True)
    yield handler, controller.port
    controller.stop()


def settings(port, **kw) -> SmtpSettings:
    values = dict(host="127.0.0.1", port=port, security="none", user=None, sender="cobranzas@andina.pe",
                  timeout=5)
    values.update(kw)
    return SmtpSettings(**values)


def reminder_email(language="es", attachments=(("estado-de-cuenta.pdf", PDF, "application/pdf"),)):
    content = sample_content(language, level_key="friendly")
    rendered = render_message("friendly", "email", content)
    return content, rendered, build_email(content, rendered, sender="cobranzas@andina.pe",
                                          attachments=attachments)


# --- building -------------------------------------------------------------------------------------


def test_build_email_has_text_html_attachment_and_ids():
    content, rendered, msg = reminder_email()
    assert msg["To"] == '"Ferretería Los Andes S.A.C." <pagos@ferreterialosandes.pe>'
    assert msg["From"] == '"Distribuidora Andina S.A.C." <cobranzas@andina.pe>'
    assert msg["Reply-To"] == "cobranzas@andina.pe"
    assert msg["Subject"] == rendered.subject
    assert msg["Message-ID"].endswith("@andina.pe>")
    assert parsedate_to_datetime(msg["Date"]) == dt.datetime(2026, 6, 30, 12, tzinfo=dt.timezone.utc)
    assert msg.get_content_type() == "multipart/mixed"
    assert msg.get_body(("plain",)).get_content().strip() == rendered.text.strip()
    assert "<table" in msg.get_body(("html",)).get_content()
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == "estado-de-cuenta.pdf" and att.get_content() == PDF


def test_build_email_without_address_or_without_html():
    content = sample_content("es")
    import dataclasses

    no_mail = dataclasses.replace(content, customer_email=None)
    rendered = render_message("friendly", "email", content)
    with pytest.raises(NoRecipientError, match="C0042 has no e-mail"):
        build_email(no_mail, rendered, sender="a@b.pe")
    plain = build_email(content, dataclasses.replace(rendered, html=None), sender="a@b.pe")
    assert plain.get_content_type() == "text/plain"


def test_settings_are_checked_and_read_from_the_database(session):
    with pytest.raises(EmailConfigError, match="smtp.host"):
        SmtpSettings(host="", port=587, sender="a@b.pe")
    with pytest.raises(EmailConfigError, match="smtp.security"):
        SmtpSettings(host="h", port=587, security="tls", sender="a@b.pe")
    with pytest.raises(EmailConfigError, match="smtp.from"):
        SmtpSettings(host="h", port=587, sender="nobody")
    with pytest.raises(EmailConfigError, match="smtp.port"):
        SmtpSettings.from_mapping({"smtp.host": "h", "smtp.port": "abc", "smtp.from": "a@b.pe"})
    from app import ledger

    with session.begin():
        ledger.set_setting(session, "smtp.host", "smtp.example.com")
        ledger.set_setting(session, "smtp.security", "ssl")
        ledger.set_setting(session, "smtp.user", "cobros")
        ledger.set_setting(session, "smtp.from", "cobranzas@andina.pe")
    s = load_smtp_settings(session)
    assert (s.host, s.port, s.security, s.user, s.sender) == ("smtp.example.com", 465, "ssl", "cobros",
                                                             "cobranzas@andina.pe")


# --- sending ----------------------------------------------------------------------------------------


def test_send_reaches_the_server_intact(smtp_server):
    handler, port = smtp_server
    content, rendered, msg = reminder_email()
    message_id = send_email(msg, settings(port), None)
    assert message_id == msg["Message-ID"]
    (envelope,) = handler.envelopes
    assert envelope.mail_from == "cobranzas@andina.pe"
    assert envelope.rcpt_tos == ["pagos@ferreterialosandes.pe"]
    (received,) = handler.messages()
    assert received["Subject"] == rendered.subject
    (to,) = received["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Ferretería Los Andes S.A.C.", "pagos@ferreterialosandes.pe")
    assert received["Message-ID"] == message_id
    received_text = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert received_text.strip() == rendered.text.strip()
    assert "Ferretería Los Andes S.A.C." in received.get_body(("html",)).get_content()
    (att,) = list(received.iter_attachments())
    assert att.get_content_type() == "application/pdf" and att.get_content() == PDF


def test_send_with_login_and_password_from_the_keyring(auth_server):
    handler, port = auth_server
    set_secret("smtp", "s3cret-pw")
    _, _, msg = reminder_email("en")
    send_email(msg, settings(port, user="cobros"), get_secret("smtp"))
    assert len(handler.envelopes) == 1


def test_wrong_password_is_an_auth_error_without_the_password(auth_server):
    handler, port = auth_server
    _, _, msg = reminder_email()
    with pytest.raises(SendError) as err:
        send_email(msg, settings(port, user="cobros"), "wrong-password-123")
    assert err.value.kind == "auth" and not err.value.temporary
    assert "cobros" in str(err.value) and "wrong-password-123" not in str(err.value)
    assert handler.envelopes == []


def test_missing_password_is_an_auth_error(auth_server):
    _, port = auth_server
    _, _, msg = reminder_email()
    with pytest.raises(SendError, match="cobranza secret set smtp") as err:
        send_email(msg, settings(port, user="cobros"), None)
    assert err.value.kind == "auth"


def test_server_without_auth_required_rejects_unauthenticated_send(auth_server):
    handler, port = auth_server
    _, _, msg = reminder_email()
    with pytest.raises(SendError) as err:
        send_email(msg, settings(port), None)  # no user: the server insists on AUTH
    assert err.value.kind == "rejected"
    assert handler.envelopes == []


def test_refused_connection_says_check_host_and_port():
    port = free_port()  # nothing listens there
    _, _, msg = reminder_email()
    with pytest.raises(SendError) as err:
        send_email(msg, settings(port), None)
    assert err.value.kind == "connect" and err.value.temporary
    assert f"Could not reach 127.0.0.1:{port} — check host and port" in str(err.value)


def test_unknown_host_is_a_connect_error():
    _, _, msg = reminder_email()
    with pytest.raises(SendError) as err:
        send_email(msg, settings(25, host="smtp.invalid"), None)
    assert err.value.kind == "connect" and "smtp.invalid:25" in str(err.value)


def test_silent_server_is_a_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    try:
        _, _, msg = reminder_email()
        with pytest.raises(SendError) as err:
            send_email(msg, settings(port, timeout=0.5), None)
        assert err.value.kind == "timeout" and "did not answer within 0.5 seconds" in str(err.value)
    finally:
        listener.close()


def test_rejected_recipient(smtp_server):
    handler, port = smtp_server
    content, rendered, _ = reminder_email()
    msg = build_email(content, rendered, sender="cobranzas@andina.pe", to="reject-me@example.com")
    with pytest.raises(SendError) as err:
        send_email(msg, settings(port), None)
    assert err.value.kind == "rejected" and err.value.code == 550 and not err.value.temporary
    assert "reject-me@example.com: 550" in str(err.value)
    assert handler.envelopes == []


def test_send_test_email(smtp_server):
    handler, port = smtp_server
    send_test_email(settings(port), None, "yo@andina.pe", language="en")
    (received,) = handler.messages()
    assert received["Subject"] == "Cobranza: test e-mail" and received["To"] == "yo@andina.pe"
    assert "the e-mail settings work" in received.get_content()
    with pytest.raises(EmailConfigError):
        send_test_email(settings(port), None, "not-an-address")


# --- TLS: STARTTLS and SSL with a certificate made for the test -------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert_path, key_path)
    client_ctx = ssl.create_default_context(cafile=str(cert_path))
    return server_ctx, client_ctx


def test_starttls_with_login(certificate):
    server_ctx, client_ctx = certificate
    handler = SmtpCollector(reject="reject")
    controller = start_smtp(handler, tls_context=server_ctx, require_starttls=True, authenticator=authenticator,
                        auth_required=True)
    try:
        _, _, msg = reminder_email()
        send_email(msg, settings(controller.port, security="starttls", user="cobros"), "s3cret-pw",
                   ssl_context=client_ctx)
        assert len(handler.envelopes) == 1
        # the same server with an untrusted certificate: a clear connect error, not a traceback
        with pytest.raises(SendError) as err:
            send_email(msg, settings(controller.port, security="starttls", user="cobros"), "s3cret-pw")
        assert err.value.kind == "connect" and "secure connection" in str(err.value)
    finally:
        controller.stop()


def test_starttls_against_a_plain_server_says_what_to_change(smtp_server):
    _, port = smtp_server
    _, _, msg = reminder_email()
    with pytest.raises(SendError, match="does not offer STARTTLS") as err:
        send_email(msg, settings(port, security="starttls"), None)
    assert err.value.kind == "connect"


def test_implicit_ssl(certificate):
    server_ctx, client_ctx = certificate
    handler = SmtpCollector(reject="reject")
    controller = start_smtp(handler, ssl_context=server_ctx)
    try:
        _, _, msg = reminder_email()
        send_email(msg, settings(controller.port, security="ssl"), None, ssl_context=client_ctx)
        assert len(handler.envelopes) == 1
    finally:
        controller.stop()


# --- the keyring -------------------------------------------------------------------------------------


def test_secrets_round_trip_in_the_keyring():
    assert get_secret("smtp") is None
    set_secret("smtp", "pw-1")
    assert get_secret("smtp") == "pw-1"
    assert keyring.get_password("cobranza", "smtp") == "pw-1"
    assert delete_secret("smtp") is True and get_secret("smtp") is None
    assert delete_secret("smtp") is False
    with pytest.raises(ValueError):
        set_secret("smtp", "")


def test_no_keyring_gives_a_clear_error():
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # what a headless machine has; the autouse fixture restores ours
    with pytest.raises(SecretStoreError) as err:
        get_secret("smtp")
    assert str(err.value) == HOW_TO and "Secret Service" in str(err.value)
    from keyring.errors import NoKeyringError

    assert isinstance(err.value, NoKeyringError)  # code catching keyring's own error catches ours
    with pytest.raises(SecretStoreError):
        set_secret("smtp", "pw")


def test_a_failing_keyring_never_shows_the_password():
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordSetError

    class Broken(KeyringBackend):
        priority = 1

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise PasswordSetError(f"cannot store {password}")

        def delete_password(self, service, username):
            pass

    keyring.set_keyring(Broken())
    with pytest.raises(SecretStoreError) as err:
        set_secret("smtp", "hunter2-secret")
    assert "hunter2-secret" not in str(err.value) and "PasswordSetError" in str(err.value)
    assert err.value.__cause__ is None and err.value.__suppress_context__


def test_server_threads_do_not_leak():
    # every Controller above is stopped: only pytest's own threads remain
    assert not [t for t in threading.enumerate() if "Controller" in type(t).__name__]
