"""Child process of the `startup` benchmark: start, show a window, print when it is on screen.

    python -m tests.bench.startup_probe ours DATA_DIR
    python -m tests.bench.startup_probe baseline

Prints the CLOCK_MONOTONIC time (ns) at which the window was first exposed, so the parent can
measure from just before it spawned this process; the clock is system-wide on Linux.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wait_until_exposed(app, window, extra=lambda: True) -> None:
    while not (window.windowHandle() and window.windowHandle().isExposed() and extra()):
        app.processEvents()
    app.processEvents()


def ours(data_dir: str) -> None:
    from pathlib import Path

    from desktop_app.app import create_application, build_window
    from desktop_app.config import load_settings

    app = create_application()
    window = build_window(app, load_settings(data_dir=Path(data_dir)))
    window.show()
    # "Shown" includes the status bar's figures, which arrive from a background task.
    _wait_until_exposed(app, window, lambda: window.snapshot is not None)
    print(time.monotonic_ns(), flush=True)
    window.tasks.wait_for_done()
    window.office.close()


def baseline() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    _wait_until_exposed(app, window)
    print(time.monotonic_ns(), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "ours":
        ours(sys.argv[2])
    else:
        baseline()
