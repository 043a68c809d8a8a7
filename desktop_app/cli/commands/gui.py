"""`skilldesk gui`: open the window (what plain `skilldesk` does), or render one screen to a PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.opening import settings_from
from desktop_app.cli.output import text
from desktop_app.screen_ids import SCREEN_IDS

messages.register(
    {
        "cli.help.page": ("打开时显示的页面", "page to show"),
        "cli.help.screenshot": ("把页面渲染成 PNG 文件后退出", "render the page to a PNG file and exit"),
        "cli.screenshot.saved": ("已保存截图：{path}", "Screenshot saved: {path}"),
    }
)


def _define_gui(gui: argparse.ArgumentParser) -> None:
    gui.add_argument("--page", choices=SCREEN_IDS, default="classes", help=text("cli.help.page"))
    gui.add_argument("--screenshot", metavar="FILE.png", type=Path, help=text("cli.help.screenshot"))
    gui.set_defaults(handler=cmd_gui)


PARSERS = {"gui": _define_gui}


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.app import run_gui  # Qt, only when the window opens

    return run_gui(settings_from(args), page=args.page, screenshot=args.screenshot)
