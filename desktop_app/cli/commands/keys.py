"""`skilldesk keys …`: this device's signing key — export its public half, change it."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK
from desktop_app.cli.opening import opened
from desktop_app.cli.output import add_force_option, say, text

messages.register(
    {
        "cli.help.keys_export": ("导出本机公钥（PEM）", "export the device's public key (PEM)"),
        "cli.help.keys_rotate": ("更换本机签名密钥（新密钥由旧密钥签名担保，并在省平台登记）",
                                 "change the device's signing key (the old key vouches for the new one at the platform)"),
        "cli.keys.exported": ("本机公钥（密钥编号 {key}）已写入 {path}。", "Public key {key} written to {path}."),
        "cli.keys.rotated": ("签名密钥已更换：{old} → {new}。", "Signing key changed: {old} → {new}."),
    }
)


def _define_keys(keys: argparse.ArgumentParser) -> None:
    key_commands = keys.add_subparsers(dest="keys_command", metavar="COMMAND", required=True)
    export_public = key_commands.add_parser("export-public", help=text("cli.help.keys_export"))
    export_public.add_argument("file", type=Path)
    add_force_option(export_public)
    export_public.set_defaults(handler=cmd_export_public)
    key_commands.add_parser("rotate", help=text("cli.help.keys_rotate")).set_defaults(handler=cmd_rotate)


PARSERS = {"keys": _define_keys}


def cmd_export_public(args: argparse.Namespace) -> int:
    with opened(args) as office:
        key = office.device.export_public_key(args.file, replace=args.force)
    say("cli.keys.exported", key=key.key_id, path=args.file)
    return EXIT_OK


def cmd_rotate(args: argparse.Namespace) -> int:
    with opened(args) as office:
        old = office.device.key().key_id
        new = office.device.rotate_key().key_id
    say("cli.keys.rotated", old=old, new=new)
    return EXIT_OK
