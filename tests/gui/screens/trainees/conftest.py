"""The trainees screen built on its own over the demo institution (see tests/gui/screen_host.py)."""

from __future__ import annotations

import pytest

from desktop_app.gui.screens.trainees import TraineesPage
from tests.gui.screen_host import host_screen, operations  # noqa: F401 - fixtures


@pytest.fixture
def trainees_page(host_screen):  # noqa: F811
    return host_screen(TraineesPage)
