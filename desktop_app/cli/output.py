"""What every command prints with: catalogue sentences, words in the command line's language,
tables that line up in a console, file sizes and moments as people read them; and the `--force`
option every command that writes a file shares."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO, TypeVar

from desktop_app import messages

if TYPE_CHECKING:
    from datetime import datetime

messages.register(
    {
        # Lines under a summary, printed by more than one group (imports, issuing, sheets).
        "cli.attendance.problem": ("  未导入：{message}", "  Not imported: {message}"),
        "cli.attendance.warning": ("  提示：{message}", "  Note: {message}"),
        "cli.help.force": ("目标文件已存在时替换它（默认不覆盖任何已有文件）",
                           "replace the output file if it exists (by default no existing file is replaced)"),
        "cli.output.force_hint": ("要替换该文件，请在命令中加上 --force。", "To replace that file, add --force."),
    }
)

T = TypeVar("T")

# What a terminal would act on instead of showing: C0 controls but tab and line feed (ESC starts
# the sequences that clear the screen or retitle the window, CR overwrites the line), DEL, the C1
# controls (U+0080-U+009F, another way to start them) and the bidirectional overrides that make
# a line read differently from what it holds. Shown escaped, as \x1b or \u202e.
_UNSAFE = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0),
           *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {code: (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}") for code in _UNSAFE}


def terminal_text(value: str) -> str:
    """`value` with every character a terminal would act on shown escaped."""
    return value.translate(_ESCAPES)


class _TerminalSafeStream:
    """A text stream that passes everything written through terminal_text."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_text(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    """While a command runs, whatever it prints — names and cells from files, class names, error
    text — reaches the terminal with control characters escaped (a roster cannot clear or
    retitle the terminal)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalSafeStream(out), _TerminalSafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def add_force_option(parser) -> None:
    """`--force`: replace an existing output file (the one output guard still refuses the database,
    its companion files, the key folder and the file being read)."""
    parser.add_argument("--force", action="store_true", help=text("cli.help.force"))


def text(code: str, /, **params: object) -> str:
    """The catalogue sentence `code` in the command line's language."""
    return messages.render(code, **params)


def say(code: str, /, **params: object) -> None:
    """Print the sentence `code` on standard output."""
    print(messages.render(code, **params))


def say_problem(code: str, /, **params: object) -> None:
    """Print the sentence `code` on standard error, where scripts look for what went wrong."""
    print(messages.render(code, **params), file=sys.stderr)


def language() -> str:
    return messages.current_language()


def zh_or_en(zh: T, en: T) -> T:
    """`en` when the command line speaks English, else `zh` (headers, state words)."""
    return en if messages.current_language() == "en" else zh


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Columns padded by display width, so Chinese (two cells wide) lines up in a console."""

    def width(cell: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in cell)

    table = [[str(h) for h in headers]] + [["" if v is None else messages.shorten(str(v)) for v in row]
                                           for row in rows]
    widths = [max(width(r[i]) for r in table) for i in range(len(headers))]
    for row in table:
        print("  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip())


def file_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def moment(value: datetime | None, *, missing: str = "—") -> str:
    """`value` as people read it (China time, to the minute: the window's words for the same
    moment); `missing` when there is none."""
    if value is None:
        return missing
    from desktop_app.domain.china_time import moment_text

    return moment_text(value)
