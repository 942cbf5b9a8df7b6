"""The words a person reads for what happened to a reminder: "sent" only for what left the building.

An e-mail is *sent* (the SMTP server accepted it); a letter is *written* (a PDF to print and post); an SMS is
*exported* (a line in the CSV for the gateway); a WhatsApp chat is *opened* by a person; a call level makes a
*call task*. The stored states stay as they are ("sent" means done on every channel, for compatibility with
existing books); these functions turn a state and its channels into words, in English or Spanish, for the CLI,
the timeline on the card and the Reminders page (which translates the English words through Qt).
"""

from __future__ import annotations

STATE_WORDS = {"draft": ("awaiting approval", "pendiente de aprobación"), "queued": ("queued", "en cola"),
               "sending": ("may have been sent", "quizá enviado"), "failed": ("failed", "fallido"),
               "cancelled": ("cancelled", "cancelado")}
DONE_WORDS = {"email": ("e-mail sent", "correo enviado"), "letter": ("letter written", "carta generada"),
              "sms": ("SMS exported", "SMS exportado"), "whatsapp": ("WhatsApp opened", "WhatsApp abierto"),
              "call": ("call task made", "tarea de llamada creada")}
WHATSAPP_TO_OPEN = ("WhatsApp to open", "WhatsApp por abrir")


def status_words(state: str, channels, pending=(), language: str = "en") -> tuple[str, ...]:
    """('e-mail sent', 'letter written') for a reminder done on e-mail and letter; ('queued',) before; a WhatsApp
    chat a person still has to open says so."""
    n = 1 if language == "es" else 0
    channels, pending = tuple(channels), tuple(pending)
    if state != "sent":
        words = [STATE_WORDS.get(state, (state, state))[n]]
        if state == "queued" and "whatsapp" in channels and "whatsapp" not in pending:
            words.append(DONE_WORDS["whatsapp"][n])  # opened by hand before the rest went out
    else:
        words = [DONE_WORDS[ch][n] for ch in channels if ch in DONE_WORDS and ch not in pending]
    if "whatsapp" in pending and state in ("queued", "sent"):
        words.append(WHATSAPP_TO_OPEN[n])
    return tuple(words)


def status_text(state: str, channels, pending=(), language: str = "en") -> str:
    """status_words joined: 'e-mail sent, letter written'."""
    return ", ".join(status_words(state, channels, pending, language))
