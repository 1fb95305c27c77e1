"""The Chinese catalogue covers every message the plug-in's code and templates use, and
the compiled ``.mo`` that CKAN loads says what the ``.po`` says (a stale or partial
catalogue would show English on a Chinese site)."""

from __future__ import annotations

import gettext
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parents[1]
MESSAGES = PACKAGE / "i18n" / "zh_Hans_CN" / "LC_MESSAGES"


def used_messages() -> set:
    with open(ROOT / "babel.cfg", encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    return {message for _file, _line, message, _comments, _context
            in extract_from_dir(str(ROOT), method_map, options_map) if isinstance(message, str)}


def catalogue() -> dict:
    with open(MESSAGES / "ckanext-osd.po", "rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id}


def test_every_message_used_has_a_chinese_translation():
    used, zh = used_messages(), catalogue()
    assert len(used) > 50  # the extractor found the templates and the Python messages
    assert sorted(used - {k for k, v in zh.items() if v}) == []


def test_the_compiled_catalogue_matches_its_source():
    with open(MESSAGES / "ckanext-osd.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert {k: compiled.gettext(k) for k in catalogue()} == catalogue()
