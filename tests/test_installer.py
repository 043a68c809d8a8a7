"""The PyInstaller bundle (installer/skilldesk.spec) builds, and runs on its own.

One build per module (~45-90 s), into tmp; then the bundle's executable runs with a clean
environment from a folder that is not the checkout, so a resource or migration that was not
shipped fails here instead of on a user's PC.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop_app import __version__

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "installer" / "skilldesk.spec"
BUILD_TIMEOUT = 900
RUN_TIMEOUT = 120
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@contextmanager
def _exclusive(lock_file: Path):
    """Held by one test process at a time (pytest-xdist runs several)."""
    with open(lock_file, "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: tests run in one process there
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """installer/skilldesk.spec built with this interpreter; returns the one-folder bundle. Built
    once per test run, even when several worker processes need it."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:  # the `installer` extra is part of the project's set-up: fail, never skip
        pytest.fail("PyInstaller is not installed: pip install -e '.[installer]'")
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared / "installer-bundle"
    with _exclusive(shared / "installer-bundle.lock"):
        if not (out / "built").exists():
            result = subprocess.run(
                [sys.executable, "-m", "PyInstaller", "--noconfirm",
                 "--distpath", str(out / "dist"), "--workpath", str(out / "build"), str(SPEC)],
                cwd=REPO, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
            )
            if result.returncode != 0:
                pytest.fail(f"PyInstaller failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
                            f"{result.stderr[-6000:]}")
            (out / "built").write_text("ok")
    return out / "dist" / "skilldesk"


def _executable(bundle: Path) -> Path:
    return bundle / ("skilldesk.exe" if sys.platform == "win32" else "skilldesk")


def _clean_environment(folder: Path) -> dict[str, str]:
    """Only what the OS needs, plus SkillDesk's data folder; no SKILLDESK_HOME, PYTHONPATH or venv."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env = {
        "SKILLDESK_DATA_DIR": str(folder / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",  # otherwise Qt warns that it switched from the C locale
        "HOME": str(home),
    }
    if sys.platform == "win32":
        for name in ("SYSTEMROOT", "WINDIR", "SYSTEMDRIVE", "PATHEXT", "COMSPEC", "NUMBER_OF_PROCESSORS"):
            if name in os.environ:
                env[name] = os.environ[name]
        env.update(USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
                   LOCALAPPDATA=str(home / "AppData" / "Local"), TEMP=str(folder), TMP=str(folder))
    else:
        runtime = folder / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env.update(PATH="/usr/bin:/bin", XDG_RUNTIME_DIR=str(runtime), TMPDIR=str(folder))
    return env


def _run(bundle: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(_executable(bundle)), *args],
        cwd=folder, env=_clean_environment(folder), capture_output=True,
        text=True, encoding="utf-8", errors="replace", timeout=RUN_TIMEOUT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_bundle_holds_every_resource_and_migration_file(bundle: Path):
    # resources.root() is sys._MEIPASS in the bundle: PyInstaller 6 puts it in _internal/.
    support = bundle / "_internal"
    expected = [
        path for top in ("resources", "migrations") for path in sorted((REPO / top).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert any(path.suffix == ".py" for path in expected)
    missing = [str(path.relative_to(REPO)) for path in expected
               if not (support / path.relative_to(REPO)).is_file()
               or (support / path.relative_to(REPO)).stat().st_size != path.stat().st_size]
    assert not missing, f"not shipped (or different) in the bundle: {missing}"


def test_version(bundle: Path, tmp_path: Path):
    result = _run(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"SkillDesk {__version__}"


def test_settings_page_screenshot(bundle: Path, tmp_path: Path):
    from PySide6.QtGui import QImage

    result = _run(bundle, tmp_path, "gui", "--page", "settings", "--screenshot", "shot.png")
    assert result.returncode == 0, result.stdout + result.stderr
    shot = tmp_path / "shot.png"
    assert shot.read_bytes()[:8] == PNG_SIGNATURE
    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500, (image.width(), image.height())
    # The bundled CJK font was used: the application warns on stderr when it cannot load it.
    assert "bundled font not loaded" not in result.stderr


def test_db_upgrade_creates_the_database_from_bundled_migrations(bundle: Path, tmp_path: Path):
    from desktop_app.store.migrate import head_revision

    result = _run(bundle, tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stdout + result.stderr
    database = tmp_path / "data" / "skilldesk.db"
    assert database.is_file()
    with sqlite3.connect(database) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert revision == head_revision()
    assert "alembic_version" in tables and len(tables) > 5

    again = _run(bundle, tmp_path, "db", "check")
    assert again.returncode == 0, again.stdout + again.stderr
