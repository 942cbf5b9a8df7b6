"""`cobranza policy`: reminder policies and who gets which.

    cobranza policy list [--format json|table]
    cobranza policy assign CUSTOMER_CODE (POLICY_CODE | --default)
    cobranza policy segment SEGMENT (POLICY_CODE | --none)
    cobranza policy sending POLICY_CODE (--review | --automatic)

A customer's own policy beats its segment's; a segment ("A-high"), class ("A") or band ("high") mapping
applies to the customers the stored risk scores (cobranza score) put there; the rest get the default.
"""

from __future__ import annotations

import json

from app.ledger.errors import InvalidValueError

from .common import open_session


def register(subparsers) -> None:
    p = subparsers.add_parser("policy", help="reminder policies: list them, assign one to a customer or a segment")
    sub = p.add_subparsers(dest="policy_command", required=True, metavar="{list,assign,segment,sending}")
    ls = sub.add_parser("list", help="the policies with their levels, and the segment mappings")
    ls.add_argument("--format", choices=("json", "table"), default="table")
    ls.set_defaults(handler=run_list)
    a = sub.add_parser("assign", help="give a customer its own policy (or --default to remove it)")
    a.add_argument("customer_code", metavar="CUSTOMER_CODE")
    a.add_argument("policy_code", metavar="POLICY_CODE", nargs="?")
    a.add_argument("--default", action="store_true", help="back to the segment's or the default policy")
    a.set_defaults(handler=run_assign)
    g = sub.add_parser("segment", help="the policy for a risk segment (A-high), class (A) or band (high)")
    g.add_argument("segment", metavar="SEGMENT")
    g.add_argument("policy_code", metavar="POLICY_CODE", nargs="?")
    g.add_argument("--none", action="store_true", help="remove the segment's mapping")
    g.set_defaults(handler=run_segment)
    d = sub.add_parser("sending", help="review before sending (a preview approves nothing) or send automatically")
    d.add_argument("policy_code", metavar="POLICY_CODE")
    how = d.add_mutually_exclusive_group(required=True)
    how.add_argument("--review", action="store_true", help="every reminder waits for the user's approval")
    how.add_argument("--automatic", action="store_true",
                     help="reminders are approved by themselves (except levels that need approval)")
    d.set_defaults(handler=run_sending)


def _one_of(args, flag: str) -> str | None:
    if bool(args.policy_code) == bool(getattr(args, flag)):
        raise InvalidValueError(f"give either POLICY_CODE or --{flag}", field="policy")
    return args.policy_code.upper() if args.policy_code else None


def run_list(args) -> int:
    from app.reminders.policy import ensure_default_policy, list_policies
    from app.reminders.segment_policy import segment_policies

    session = open_session(args)
    with session, session.begin():
        ensure_default_policy(session)  # the shipped policy exists from the first look
        policies = list_policies(session)
        segments = segment_policies(session)
    if args.format == "json":
        print(json.dumps({
            "policies": [{"code": p.code, "name_es": p.name_es, "name_en": p.name_en, "default": p.is_default,
                          "send_automatically": p.send_automatically,
                          "levels": [{"key": lv.key, "days": lv.days, "channels": list(lv.channels),
                                      "fee_kind": lv.fee_kind, "fee_value": str(lv.fee_value),
                                      "min_overdue_minor": lv.min_overdue_minor, "needs_approval": lv.needs_approval,
                                      "min_gap_days": lv.min_gap_days} for lv in p.levels]} for p in policies],
            "segments": segments}, ensure_ascii=False, indent=2))
        return 0
    for p in policies:
        sending = "sends automatically" if p.send_automatically else "review before sending"
        print(f"{p.code}{' (default)' if p.is_default else ''}: {p.name_en} [{sending}]")
        for lv in p.levels:
            extra = " needs approval" if lv.needs_approval else ""
            print(f"  {lv.days:+4d} days  {lv.key:<12} {','.join(lv.channels)}{extra}")
    for segment, code in segments.items():
        print(f"segment {segment} -> {code}")
    return 0


def _set_policy(args, flag: str, write, target, nothing: str) -> int:
    """POLICY_CODE or --FLAG (no policy) for one target: written in one transaction, then said."""
    code = _one_of(args, flag)
    session = open_session(args, write=True)
    with session, session.begin():
        write(session, code)
    print(f"{target()}: {'policy ' + code if code else nothing}")
    return 0


def run_assign(args) -> int:
    from app.reminders.policy import assign_policy

    return _set_policy(args, "default", lambda s, code: assign_policy(s, args.customer_code, code),
                       lambda: args.customer_code, "no own policy (segment or default applies)")


def run_segment(args) -> int:
    from app.reminders.segment_policy import normalise_segment, set_segment_policy

    return _set_policy(args, "none", lambda s, code: set_segment_policy(s, args.segment, code),
                       lambda: f"segment {normalise_segment(args.segment)}", "no mapping")


def run_sending(args) -> int:
    from app.reminders.policy import ensure_default_policy, set_send_automatically

    session = open_session(args, write=True)
    with session, session.begin():
        ensure_default_policy(session)
        policy = set_send_automatically(session, args.policy_code, bool(args.automatic))
    print(f"{policy.code}: " + ("sends automatically (a preview approves its reminders)" if policy.send_automatically
                                else "review before sending (a preview approves nothing)"))
    return 0
