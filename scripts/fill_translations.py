"""Fill unfinished translations in resources/translations/cobranza_es.ts (or the .ts given second) from a JSON file of
{"Context": {"source": "translation" or ["singular", "plural"]}} (used after lupdate; then run
scripts/update-translations.sh again to compile)."""

import json
import re
import sys
from html import escape, unescape

TS = "resources/translations/cobranza_es.ts"


def main(path: str, ts: str = TS) -> int:
    table = json.load(open(path, encoding="utf-8"))
    text = open(ts, encoding="utf-8").read()
    filled = 0

    def context(m):
        nonlocal filled
        name = m.group(1)
        wanted = table.get(name, {})

        def message(mm):
            nonlocal filled
            body = mm.group(0)
            source = unescape(re.search(r"<source>(.*?)</source>", body, re.S).group(1))
            if 'type="unfinished"' not in body or source not in wanted:
                return body
            value = wanted[source]
            filled += 1
            if isinstance(value, list):
                forms = "".join(f"\n            <numerusform>{escape(v, quote=False)}</numerusform>" for v in value)
                return re.sub(r'<translation type="unfinished">.*?</translation>',
                              f"<translation>{forms}\n        </translation>", body, flags=re.S)
            return re.sub(r'<translation type="unfinished">.*?</translation>',
                          f"<translation>{escape(value, quote=False)}</translation>", body, flags=re.S)

        return re.sub(r"<message.*?</message>", message, m.group(0), flags=re.S)

    text = re.sub(r"<context>\s*<name>([^<]+)</name>.*?</context>", context, text, flags=re.S)
    open(ts, "w", encoding="utf-8").write(text)
    left = text.count('type="unfinished"')
    print(f"filled {filled}; unfinished left: {left}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
