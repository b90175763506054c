"""``make i18n``, step one: extract every key into ``build/okr_workshop.pot``.

    python -m tools.i18n_extract build/okr_workshop.pot

Two sources:
- the code: ``t("key")``, ``gettext(lang, "key")``, ``ngettext(lang, "key.one", "key", n)``,
  ``N_("key")``; the keyword ``t`` only in modules that import the catalogue's ``t`` (the
  training package still has a ``t`` of its own, with its own tables);
- the English catalogue. English is the source language: a key used only under a computed
  name (``t(f"kind.{kind}")``) is declared by its English entry, so ``pybabel update`` keeps it
  instead of marking it obsolete.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ROOT / "okr_workshop/i18n/locale/en/LC_MESSAGES/okr_workshop.po"
KEYWORDS = {"t": None, "gettext": (2,), "ngettext": (2, 3), "N_": None}
_IMPORTS_T = re.compile(rb"from (?:okr_workshop|\.+)\.?i18n(?:\.texts)? import [^\n]*\bt\b")


def python(fileobj, keywords, comment_tags, options):
    """Babel's Python extractor; ``t`` counts only where it is the catalogue's ``t``."""
    source = fileobj.read()
    fileobj.seek(0)
    if not _IMPORTS_T.search(source):
        keywords = [k for k in keywords if k != "t"]
    # t(f"kind.{kind}"): Babel warns on stderr; computed keys are declared in the English catalogue
    with contextlib.redirect_stderr(io.StringIO()):
        found = list(extract_python(fileobj, keywords, comment_tags, options))
    yield from found


def template() -> Catalog:
    pot = Catalog(domain="okr_workshop", project="okr-workshop", fuzzy=False)
    found = extract_from_dir(
        ROOT / "okr_workshop", method_map=[("**.py", "tools.i18n_extract:python")], keywords=KEYWORDS
    )
    for _path, _lineno, message, _comments, _context in found:
        pot.add(message)
    with ENGLISH.open("rb") as f:
        for message in read_po(f):
            if not message.id:
                continue
            if isinstance(message.id, (tuple, list)):  # a plural pair wins over its two keys marked N_ in the code
                for key in message.id:
                    if key in pot and not pot[key].pluralizable:
                        del pot[key]
                pot.add(tuple(message.id))
            elif message.id not in pot:
                pot.add(message.id)
    return pot


def main(out: str) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pot = template()
    with open(out, "wb") as f:
        write_po(f, pot, width=120, no_location=True, sort_output=True)
    print(f"{out}: {len(pot)} keys")


if __name__ == "__main__":
    main(*sys.argv[1:])
