"""Contact rules with concrete dates: a Colombian holiday, a Sunday, 21:00 in Lima, Chile's two written
messages a week two days apart, the caps of each profile."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app.reminders.contact_rules import (
    PROFILES,
    Contact,
    debtor_zone,
    get_profile,
    next_permitted,
    profile_for,
    window_text,
)

BOGOTA = ZoneInfo("America/Bogota")
LIMA = ZoneInfo("America/Lima")
SANTIAGO = ZoneInfo("America/Santiago")
MEXICO = ZoneInfo("America/Mexico_City")
NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.timezone.utc


def local(moment: dt.datetime, zone) -> dt.datetime:
    return moment.astimezone(zone)


def test_colombian_holiday_holds_email_to_next_morning():
    # Monday 20 July 2026 is Colombia's Independence Day
    at = dt.datetime(2026, 7, 20, 10, 0, tzinfo=BOGOTA)
    moment, hold = next_permitted(get_profile("CO"), "email", at)
    assert local(moment, BOGOTA) == dt.datetime(2026, 7, 21, 7, 0, tzinfo=BOGOTA)
    assert moment.tzinfo == UTC
    assert hold.text == "held until Tuesday 07:00 — Ley 2300 art. 3"
    assert hold.text_es == "retenido hasta el martes 07:00 — Ley 2300 art. 3"
    assert hold.rule == "holiday" and "Independence Day" in hold.detail
    assert hold.detail_es == "feriado: Día de la Independencia"


def test_sunday_in_colombia_waits_for_monday_0700():
    at = dt.datetime(2026, 7, 5, 11, 0, tzinfo=BOGOTA)  # a Sunday
    moment, hold = next_permitted(get_profile("CO"), "email", at)
    assert local(moment, BOGOTA) == dt.datetime(2026, 7, 6, 7, 0, tzinfo=BOGOTA)
    assert str(hold) == "held until Monday 07:00 — Ley 2300 art. 3"


def test_colombia_saturday_window_closes_at_1500():
    at = dt.datetime(2026, 7, 4, 15, 0, tzinfo=BOGOTA)  # Saturday 15:00: the window just closed
    moment, hold = next_permitted(get_profile("CO"), "call", at)
    assert local(moment, BOGOTA) == dt.datetime(2026, 7, 6, 7, 0, tzinfo=BOGOTA)
    assert next_permitted(get_profile("CO"), "call", at.replace(hour=14, minute=59)) == (
        at.replace(hour=14, minute=59).astimezone(UTC), None)


def test_colombia_once_a_day_and_one_channel_a_week():
    co = get_profile("CO")
    sent = [Contact("email", dt.datetime(2026, 7, 6, 9, 0, tzinfo=BOGOTA))]
    moment, hold = next_permitted(co, "email", dt.datetime(2026, 7, 6, 15, 0, tzinfo=BOGOTA), sent)
    assert local(moment, BOGOTA) == dt.datetime(2026, 7, 7, 7, 0, tzinfo=BOGOTA) and hold.rule == "day_cap"
    # another channel within the week waits seven days after the e-mail
    sent = [Contact("email", dt.datetime(2026, 8, 24, 9, 0, tzinfo=BOGOTA))]
    moment, hold = next_permitted(co, "call", dt.datetime(2026, 8, 26, 10, 0, tzinfo=BOGOTA), sent)
    assert local(moment, BOGOTA) == dt.datetime(2026, 8, 31, 9, 0, tzinfo=BOGOTA) and hold.rule == "channel_week"
    # ... and 13 July 2026 is a holiday in Colombia (holidays package), so that week goes to the 14th
    sent = [Contact("email", dt.datetime(2026, 7, 6, 9, 0, tzinfo=BOGOTA))]
    moment, hold = next_permitted(co, "call", dt.datetime(2026, 7, 8, 10, 0, tzinfo=BOGOTA), sent)
    assert local(moment, BOGOTA) == dt.datetime(2026, 7, 14, 7, 0, tzinfo=BOGOTA)


def test_21h_in_lima_is_held_until_0700_next_weekday():
    at = dt.datetime(2026, 7, 1, 21, 0, tzinfo=LIMA)  # Wednesday
    moment, hold = next_permitted(get_profile("PE"), "call", at)
    assert local(moment, LIMA) == dt.datetime(2026, 7, 2, 7, 0, tzinfo=LIMA)
    assert hold.text == "held until Thursday 07:00 — Ley 29571 art. 62"


def test_peru_friday_night_waits_past_the_weekend():
    at = dt.datetime(2026, 7, 3, 20, 30, tzinfo=LIMA)  # Friday 20:30
    moment, _ = next_permitted(get_profile("PE"), "email", at)
    assert local(moment, LIMA) == dt.datetime(2026, 7, 6, 7, 0, tzinfo=LIMA)


def test_peru_holiday_fiestas_patrias():
    at = dt.datetime(2026, 7, 28, 9, 0, tzinfo=LIMA)  # Tuesday, Independence Day in Peru
    moment, hold = next_permitted(get_profile("PE"), "email", at)
    # 29 July is a holiday too
    assert local(moment, LIMA) == dt.datetime(2026, 7, 30, 7, 0, tzinfo=LIMA) and hold.rule == "holiday"


def test_chile_two_written_messages_a_week_two_days_apart():
    cl = get_profile("CL")
    monday = dt.datetime(2026, 7, 6, 9, 0, tzinfo=SANTIAGO)
    log = [Contact("email", monday)]
    # Tuesday: only one day after Monday's message -> Wednesday 08:00
    moment, hold = next_permitted(cl, "email", dt.datetime(2026, 7, 7, 9, 0, tzinfo=SANTIAGO), log)
    assert local(moment, SANTIAGO) == dt.datetime(2026, 7, 8, 8, 0, tzinfo=SANTIAGO)
    assert hold.rule == "written_gap" and hold.citation == "Ley 19.496 art. 37 (Ley 21.320)"
    # Wednesday is fine; a third written message that week waits until a week after Monday's
    log.append(Contact("letter", moment))
    moment, hold = next_permitted(cl, "sms", dt.datetime(2026, 7, 10, 9, 0, tzinfo=SANTIAGO), log)
    assert local(moment, SANTIAGO) == dt.datetime(2026, 7, 13, 9, 0, tzinfo=SANTIAGO)
    assert hold.rule == "written_week"


def test_chile_one_call_a_week_and_no_sundays():
    cl = get_profile("CL")
    log = [Contact("call", dt.datetime(2026, 7, 6, 10, 0, tzinfo=SANTIAGO))]
    moment, hold = next_permitted(cl, "call", dt.datetime(2026, 7, 9, 10, 0, tzinfo=SANTIAGO), log)
    assert local(moment, SANTIAGO) == dt.datetime(2026, 7, 13, 10, 0, tzinfo=SANTIAGO) and hold.rule == "call_week"
    moment, hold = next_permitted(cl, "email", dt.datetime(2026, 7, 12, 10, 0, tzinfo=SANTIAGO))  # Sunday
    assert local(moment, SANTIAGO) == dt.datetime(2026, 7, 13, 8, 0, tzinfo=SANTIAGO)


def test_mexico_0700_to_2200_every_day():
    mx = get_profile("MX")
    sunday_night = dt.datetime(2026, 7, 5, 21, 59, tzinfo=MEXICO)
    assert next_permitted(mx, "call", sunday_night)[1] is None
    moment, hold = next_permitted(mx, "call", sunday_night.replace(hour=22, minute=0))
    assert local(moment, MEXICO) == dt.datetime(2026, 7, 6, 7, 0, tzinfo=MEXICO)
    assert "CONDUSEF" in hold.text


def test_us_regulation_f_seven_calls_in_seven_days():
    us = get_profile("US")
    calls = [Contact("call", dt.datetime(2026, 7, d, 10, 0, tzinfo=NEW_YORK)) for d in range(1, 8)]
    moment, hold = next_permitted(us, "call", dt.datetime(2026, 7, 7, 15, 0, tzinfo=NEW_YORK), calls)
    assert local(moment, NEW_YORK) == dt.datetime(2026, 7, 8, 10, 0, tzinfo=NEW_YORK)
    assert hold.citation == "Regulation F §1006.14(b)(2)"
    # 07:30 is too early under Regulation F
    moment, hold = next_permitted(us, "email", dt.datetime(2026, 7, 7, 7, 30, tzinfo=NEW_YORK))
    assert local(moment, NEW_YORK).time() == dt.time(8, 0) and hold.citation == "Regulation F §1006.6(b)(1)"


def test_strict_default_profile():
    strict = get_profile("default")
    at = dt.datetime(2026, 7, 4, 10, 0, tzinfo=LIMA)  # Saturday
    moment, _ = next_permitted(strict, "email", at, zone=LIMA, country="PE")
    assert local(moment, LIMA) == dt.datetime(2026, 7, 6, 8, 0, tzinfo=LIMA)
    # the debtor's country's holidays count: 29 June 2026 (San Pedro y San Pablo) in Peru
    moment, hold = next_permitted(strict, "email", dt.datetime(2026, 6, 29, 10, tzinfo=LIMA), zone=LIMA, country="PE")
    assert local(moment, LIMA) == dt.datetime(2026, 6, 30, 8, 0, tzinfo=LIMA) and hold.rule == "holiday"


def test_letters_have_no_hour_but_count_as_written_messages():
    cl = get_profile("CL")
    sunday_night = dt.datetime(2026, 7, 12, 23, 0, tzinfo=SANTIAGO)
    assert next_permitted(cl, "letter", sunday_night) == (sunday_night.astimezone(UTC), None)
    log = [Contact("email", sunday_night - dt.timedelta(hours=1))]
    moment, hold = next_permitted(cl, "letter", sunday_night, log)
    assert hold.rule == "written_gap" and local(moment, SANTIAGO).date() == dt.date(2026, 7, 14)


def test_permitted_moment_comes_back_unchanged_in_utc():
    at = dt.datetime(2026, 7, 1, 10, 0, tzinfo=LIMA)
    assert next_permitted(get_profile("PE"), "email", at) == (dt.datetime(2026, 7, 1, 15, 0, tzinfo=UTC), None)


def test_call_task_window_text():
    assert window_text(get_profile("CO"), dt.date(2026, 7, 4)) == "call between 08:00 and 15:00 — Ley 2300 art. 3"
    assert window_text(get_profile("PE"), dt.date(2026, 7, 6), "es") == \
        "llamar entre las 07:00 y las 20:00 — Ley 29571 art. 62"


def test_profile_choice_and_zones():
    assert profile_for("CO", "PE").code == "CO"
    assert profile_for(None, "CL").code == "CL"
    assert profile_for(None, "AR").code == "default"
    assert str(debtor_zone(PROFILES["default"], "MX")) == "America/Mexico_City"
    assert str(debtor_zone(PROFILES["CO"], "CO", "America/Lima")) == "America/Lima"
    with pytest.raises(KeyError):
        get_profile("AR")


def test_every_profile_cites_its_source():
    cites = {code: p.source for code, p in PROFILES.items()}
    assert "Ley 2300 de 2023" in cites["CO"]
    assert "Ley 29571" in cites["PE"] and "art. 62" in cites["PE"]
    assert "CONDUSEF" in cites["MX"]
    assert "Ley 19.496" in cites["CL"] and "art. 37" in cites["CL"] and "Ley 21.320" in cites["CL"]
    assert "Regulation F" in cites["US"]


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        next_permitted(get_profile("PE"), "email", dt.datetime(2026, 7, 1, 10))
