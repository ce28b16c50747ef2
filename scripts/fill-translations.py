#!/usr/bin/env python3
"""Fills the .ts files from resources/i18n/<lang>.json (source text -> translation).

zh_CN must translate every string; en uses the English source unless the JSON says otherwise
(plural forms, suffixes). Exits non-zero when a zh_CN string has no translation, so a new UI
string cannot ship untranslated.
"""
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(__file__).resolve().parent.parent
missing = []
for lang in ("zh_CN", "en"):
    ts_path = root / "resources/i18n" / f"imptech_{lang}.ts"
    table = json.loads((root / "resources/i18n" / f"{lang}.json").read_text(encoding="utf-8"))
    tree = ET.parse(ts_path)
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        plural = message.get("numerus") == "yes"
        value = table.get(source)
        if value is None:
            if lang == "zh_CN":
                missing.append(source)
                continue
            value = [source, source] if plural else source
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        if plural:
            forms = value if isinstance(value, list) else [value]
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value
    ET.indent(tree)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
if missing:
    print("untranslated zh_CN strings:\n  " + "\n  ".join(missing), file=sys.stderr)
    sys.exit(1)
