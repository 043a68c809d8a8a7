"""The layering rules of ARCHITECTURE.md hold: checked by import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    # All six contracts must have been analysed (a renamed package would silently shrink them).
    assert "9 kept" in result.stdout


def test_translations_are_complete_and_compiled():
    """Every visible Qt string has a Chinese translation and the shipped .qm matches the .ts."""
    result = subprocess.run([sys.executable, "tools/translations.py", "--check"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_message_code_has_chinese_and_english_text():
    import importlib
    import pkgutil

    import desktop_app
    from desktop_app import messages

    for module in pkgutil.walk_packages(desktop_app.__path__, "desktop_app."):
        if ".gui" in module.name or module.name.endswith(("__main__", ".app")):
            continue
        importlib.import_module(module.name)
    codes = messages.known_codes()
    assert len(codes) > 40
    for code in codes:
        zh, en = messages._catalogue[code]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{code}: Chinese text has no Chinese"
        # English may quote Chinese terms (职业分类大典), but must be mostly English words.
        cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in en)
        assert cjk * 4 < len(en), f"{code}: English text looks untranslated"
        assert set(_fields(zh)) == set(_fields(en)), f"{code}: the two languages use different placeholders"


def _fields(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
