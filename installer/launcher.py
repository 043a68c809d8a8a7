"""Entry script of the PyInstaller bundle: the same `desktop_app.cli:main` as `skilldesk` and `python -m desktop_app`.

Why not desktop_app/__main__.py itself: PyInstaller puts the entry script's folder on its module
search path, so desktop_app/ would become a top-level import root and desktop_app/platform/
would shadow the standard library's `platform` module inside the bundle.
"""

from desktop_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
