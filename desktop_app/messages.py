"""The message catalogue for everything outside Qt widgets: domain errors, services and the CLI.

Qt chrome (menus, labels, buttons) goes through Qt's own translation files; sentences that
come from the rules or the command line live here, next to a stable code, so that the GUI and
the CLI say exactly the same thing and tests can assert on the code instead of the wording.
Each module registers its own messages beside the code that raises them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

_catalogue: dict[str, tuple[str, str]] = {}
_language = DEFAULT_LANGUAGE


def register(messages: Mapping[str, tuple[str, str]]) -> Mapping[str, tuple[str, str]]:
    """Add `code -> (Chinese, English)` templates; a code may be registered only once."""
    for code, pair in messages.items():
        if code in _catalogue and _catalogue[code] != tuple(pair):
            raise ValueError(f"message code registered twice with different text: {code}")
        if len(pair) != 2:
            raise ValueError(f"message {code} needs exactly a Chinese and an English template")
        _catalogue[code] = (pair[0], pair[1])
    return messages


def normalise_language(value: str | None) -> str:
    """Map 'zh_CN', 'zh-Hans', 'en_US.UTF-8' and the like to a supported language."""
    if not value:
        return DEFAULT_LANGUAGE
    value = value.strip().lower()
    if value.startswith("en"):
        return "en"
    return "zh"


def set_language(language: str | None) -> None:
    global _language
    _language = normalise_language(language)


def current_language() -> str:
    return _language


def language_from_environment() -> str:
    """SKILLDESK_LANG wins; otherwise Chinese, whatever the machine's locale (the users' language)."""
    return normalise_language(os.environ.get("SKILLDESK_LANG"))


# Parameters that echo what came in from outside (a cell, a name in a file, a header): however
# long the input, a message shows the start of it and says how long it was, so that a file of
# 10 000-character cells cannot fill a window or a terminal with megabytes of text.
ECHOED_PARAMS = frozenset({"value", "name", "given", "known", "header", "cells", "sheet", "original", "actual"})
ECHO_LIMIT = 120


def shorten(text: str, language: str | None = None, *, limit: int = ECHO_LIMIT) -> str:
    """`text` itself, or when longer than `limit` its start and how many characters it had."""
    if len(text) <= limit:
        return text
    english = normalise_language(language or _language) == "en"
    more = f"… ({len(text):,} characters)" if english else f"…（共 {len(text)} 字）"
    return text[:limit] + more


def render(code: str, language: str | None = None, /, **params: object) -> str:
    """The sentence for `code` in `language` (default: the current one), with params filled in
    (echoed input shortened, see ECHOED_PARAMS)."""
    try:
        zh, en = _catalogue[code]
    except KeyError:
        raise KeyError(f"no message registered for code {code!r}") from None
    language = normalise_language(language or _language)
    template = en if language == "en" else zh
    for key in ECHOED_PARAMS.intersection(params):
        value = params[key]
        if isinstance(value, str) and len(value) > ECHO_LIMIT:
            params[key] = shorten(value, language)
    # A parameter may itself be a coded finding (a reason inside a sentence): same language.
    return template.format(**{name: value.message(language) if isinstance(value, Problem) else value
                              for name, value in params.items()})


def known_codes() -> frozenset[str]:
    return frozenset(_catalogue)


@dataclass(frozen=True)
class Problem:
    """One coded finding (an error or a warning) that can be shown in either language."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, language: str | None = None) -> str:
        return render(self.code, language, **self.params)

    def __str__(self) -> str:
        return self.message()


class UserFacingError(Exception):
    """Base of every error meant for a person: a coded message, never a stack trace.

    Raised by the domain and the services; the GUI and CLI show `message()`.
    """

    exit_code = 2

    def __init__(self, code: str, /, **params: object) -> None:
        self.problem = Problem(code, dict(params))
        super().__init__(code)

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def params(self) -> dict[str, object]:
        return self.problem.params

    def message(self, language: str | None = None) -> str:
        return self.problem.message(language)

    def __str__(self) -> str:
        return self.message()
