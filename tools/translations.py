"""Maintain the Qt translation files: extract strings, fill Chinese from the data file, compile .qm.

    python tools/translations.py          # lupdate → fill from zh_CN.json → lrelease
    python tools/translations.py --check  # exit 1 if a string lacks Chinese, an entry is unused,
                                          # or the .ts/.qm are not what the sources give
    python tools/translations.py --prune  # drop entries no source uses any more

The Chinese lives in `resources/translations/zh_CN.json`, keyed by Qt context (the class whose
`tr()` asked, or the context given to `QCoreApplication.translate`) and then by the English
source text — the same key Qt looks up at run time, so two screens may word one English string
differently. The .ts is written without source locations, so moving code changes no line of it.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
DATA = TRANSLATIONS / "zh_CN.json"
TS = TRANSLATIONS / "skilldesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
SOURCES = sorted(str(p) for p in (ROOT / "desktop_app" / "gui").rglob("*.py")) + [str(ROOT / "desktop_app" / "app.py")]
BIN = Path(sys.executable).parent

Data = dict[str, dict[str, str]]


def load_data(path: Path = DATA) -> Data:
    return json.loads(path.read_text(encoding="utf-8"))


def save_data(data: Data, path: Path = DATA) -> None:
    ordered = {context: dict(sorted(messages.items())) for context, messages in sorted(data.items()) if messages}
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def run(tool: str, *args: str) -> None:
    subprocess.run([str(BIN / tool), *args], check=True, capture_output=True)


def extract(ts_path: Path) -> None:
    """The .ts of today's sources, no locations, nothing obsolete (lupdate)."""
    run("pyside6-lupdate", *SOURCES, "-no-obsolete", "-locations", "none", "-ts", str(ts_path))


def fill(ts_path: Path, data: Data) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    """Write the Chinese into the .ts; returns (the (context, source) pairs without Chinese, the
    pairs the sources use)."""
    tree = ET.parse(ts_path)
    missing: list[tuple[str, str]] = []
    used: set[tuple[str, str]] = set()
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("vanished", "obsolete"):
                continue
            used.add((name, source))
            text = data.get(name, {}).get(source)
            if text is None:
                missing.append((name, source))
                continue
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":  # Chinese has one plural form
                for child in list(translation):
                    translation.remove(child)
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing, used


def unused(data: Data, used: set[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted((context, source) for context, messages in data.items() for source in messages
                  if (context, source) not in used)


def build(ts_path: Path, qm_path: Path, data: Data) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    extract(ts_path)
    missing, used = fill(ts_path, data)
    run("pyside6-lrelease", str(ts_path), "-qm", str(qm_path))
    return missing, unused(data, used)


def report(missing: list[tuple[str, str]], extra: list[tuple[str, str]]) -> None:
    for context, source in missing:
        print(f"no Chinese translation: [{context}] {source!r}  (add it to {DATA.relative_to(ROOT)})")
    for context, source in extra:
        print(f"unused translation: [{context}] {source!r}  (python tools/translations.py --prune)")


def main(argv: list[str]) -> int:
    data = load_data()
    if "--check" in argv:
        with tempfile.TemporaryDirectory() as tmp:
            ts, qm = Path(tmp) / TS.name, Path(tmp) / QM.name
            if TS.exists():  # lupdate keeps the order of an existing .ts: compare like with like
                shutil.copy(TS, ts)
            missing, extra = build(ts, qm, data)
            stale = [path.name for path, fresh in ((TS, ts), (QM, qm))
                     if not path.exists() or not filecmp.cmp(fresh, path, shallow=False)]
        report(missing, extra)
        for name in stale:
            print(f"resources/translations/{name} is out of date: run python tools/translations.py")
        return 1 if missing or extra or stale else 0
    missing, extra = build(TS, QM, data)
    if "--prune" in argv and extra:
        for context, source in extra:
            del data[context][source]
        save_data(data)
        extra = []
    report(missing, extra)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
