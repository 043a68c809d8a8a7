"""What settings.json holds — language, platform address, certificate printer offset, idle lock,
the folder each kind of file dialog used last —
as one typed, validated object that the window and the command line both read. No Qt.

A preference is checked in one place, so the command line cannot print with an offset the window
refuses. Reading never fails: a value that is missing or unusable (a hand-edited file, a file from
a newer version) counts as its default, with a warning in the log, and start-up goes on. Changing
one is validated (`UserFacingError` with words for people) and saved atomically, keeping keys this
version does not know.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop_app import messages

log = logging.getLogger(__name__)

# Pre-printed stock is shifted at most this far on either axis; more is a mistyped value, not a printer.
OFFSET_LIMIT_MM = 20.0
IDLE_LOCK_DEFAULT_MINUTES = 10.0
IDLE_LOCK_MIN_MINUTES = 1.0
IDLE_LOCK_MAX_MINUTES = 240.0

# The keys of settings.json: spelled here only.
LANGUAGE_KEY = "language"
PLATFORM_URL_KEY = "platform_url"
OFFSET_KEY = "certificate_offset_mm"
IDLE_LOCK_KEY = "idle_lock_minutes"
LAST_FOLDERS_KEY = "last_folders"

messages.register(
    {
        "preferences.language_unknown": (
            "不支持的界面语言“{value}”。可选：zh（中文）、en（English）。",
            "Unsupported interface language “{value}”. Choose zh (Chinese) or en (English).",
        ),
        "preferences.platform_url_invalid": (
            "省平台地址“{value}”无效：应以 http:// 或 https:// 开头，后接服务器名称，例如 https://pt.example.gov.cn。",
            "The platform address “{value}” is not valid: it must start with http:// or https:// followed by "
            "the server's name, e.g. https://pt.example.gov.cn.",
        ),
        "preferences.offset_out_of_range": (
            "证书打印偏移应为左右、上下两个数，每个方向最多 ±{limit:g} 毫米（填写的是 {given}）。请重新量一下测试页。",
            "The certificate printing offset is two numbers, across and up, each at most ±{limit:g} mm "
            "(given: {given}). Measure the test print again.",
        ),
        "preferences.idle_lock_out_of_range": (
            "自动锁定时间应在 {low:g} 到 {high:g} 分钟之间（填写的是 {value}）。",
            "The idle lock must be between {low:g} and {high:g} minutes (given: {value}).",
        ),
        "preferences.not_saved": (
            "无法保存设置到 {path}：{reason}。请检查该文件夹是否可写。",
            "Could not save the settings to {path}: {reason}. Check that the folder is writable.",
        ),
    }
)


class PreferenceError(messages.UserFacingError):
    """A preference value refused, or the preferences could not be saved."""


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(value)
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _check_language(value: object) -> str:
    if not isinstance(value, str) or value not in messages.LANGUAGES:
        raise PreferenceError("preferences.language_unknown", value=value)
    return value


def _check_platform_url(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    scheme, _, rest = text.partition("://")
    host = rest.split("/", 1)[0]
    if scheme.lower() not in ("http", "https") or not host or any(ch.isspace() for ch in text):
        raise PreferenceError("preferences.platform_url_invalid", value=text)
    return text


def _check_offset(value: object) -> tuple[float, float]:
    try:
        x, y = value  # type: ignore[misc]
        x, y = _number(x), _number(y)
    except (TypeError, ValueError):
        raise PreferenceError("preferences.offset_out_of_range", limit=OFFSET_LIMIT_MM, given=value) from None
    if abs(x) > OFFSET_LIMIT_MM or abs(y) > OFFSET_LIMIT_MM:
        raise PreferenceError("preferences.offset_out_of_range", limit=OFFSET_LIMIT_MM, given=f"{x:g}, {y:g}")
    return (x, y)


def _check_idle_lock(value: object) -> float:
    try:
        minutes = _number(value)
    except ValueError:
        minutes = math.nan
    if not IDLE_LOCK_MIN_MINUTES <= minutes <= IDLE_LOCK_MAX_MINUTES:
        raise PreferenceError("preferences.idle_lock_out_of_range", low=IDLE_LOCK_MIN_MINUTES,
                              high=IDLE_LOCK_MAX_MINUTES, value=value)
    return minutes


def _check_last_folders(value: object) -> dict[str, str]:
    """Purpose → the folder its file dialogs used last; an unusable entry is dropped, not refused
    (a folder is a convenience, never worth a warning to the person)."""
    if not isinstance(value, Mapping):
        return {}
    return {str(purpose): str(folder) for purpose, folder in value.items()
            if isinstance(purpose, str) and isinstance(folder, str) and purpose and folder}


@dataclass(frozen=True)
class Preferences:
    """The person's choices. Constructing one validates every value (PreferenceError)."""

    language: str = messages.DEFAULT_LANGUAGE
    platform_url: str | None = None
    certificate_offset_mm: tuple[float, float] = (0.0, 0.0)  # right +, up +
    idle_lock_minutes: float = IDLE_LOCK_DEFAULT_MINUTES
    last_folders: Mapping[str, str] = field(default_factory=dict, compare=False)
    # Keys this version does not know (a newer version's), written back unchanged on save.
    others: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "language", _check_language(self.language))
        object.__setattr__(self, "platform_url", _check_platform_url(self.platform_url))
        object.__setattr__(self, "certificate_offset_mm", _check_offset(self.certificate_offset_mm))
        object.__setattr__(self, "idle_lock_minutes", _check_idle_lock(self.idle_lock_minutes))
        object.__setattr__(self, "last_folders", _check_last_folders(self.last_folders))

    def changed(self, **changes: Any) -> "Preferences":
        """A copy with `changes` (field names), validated."""
        return replace(self, **changes)

    # --- settings.json -------------------------------------------------------------------------

    @classmethod
    def from_stored(cls, stored: Mapping[str, object], *, source: object = "settings.json") -> "Preferences":
        """From the decoded file: each unusable value counts as its default, with a warning."""
        defaults = cls()
        values: dict[str, Any] = {}
        readers = {
            LANGUAGE_KEY: ("language", lambda v: _check_language(messages.normalise_language(v) if isinstance(v, str) else v)),
            PLATFORM_URL_KEY: ("platform_url", _check_platform_url),
            OFFSET_KEY: ("certificate_offset_mm", _check_offset),
            IDLE_LOCK_KEY: ("idle_lock_minutes", _check_idle_lock),
            LAST_FOLDERS_KEY: ("last_folders", _check_last_folders),
        }
        for key, (name, read) in readers.items():
            if key not in stored or stored[key] is None:
                continue
            try:
                values[name] = read(stored[key])
            except PreferenceError:
                log.warning("%s: %s=%r is not usable; using %r", source, key, stored[key], getattr(defaults, name))
        others = {key: value for key, value in stored.items() if key not in readers}
        return cls(**values, others=others)

    @classmethod
    def load(cls, path: Path) -> "Preferences":
        """The preferences in `path`; the defaults when it is missing, damaged or not an object."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except OSError as error:
            log.warning("%s cannot be read (%s); using the default preferences", path, error)
            return cls()
        try:
            stored = json.loads(text)
        except ValueError:
            log.warning("%s is not valid JSON; using the default preferences", path)
            return cls()
        if not isinstance(stored, dict):
            log.warning("%s does not hold an object; using the default preferences", path)
            return cls()
        return cls.from_stored(stored, source=path)

    def to_stored(self) -> dict[str, object]:
        stored: dict[str, object] = dict(self.others)
        stored[LANGUAGE_KEY] = self.language
        stored[PLATFORM_URL_KEY] = self.platform_url
        stored[OFFSET_KEY] = list(self.certificate_offset_mm)
        minutes = self.idle_lock_minutes
        stored[IDLE_LOCK_KEY] = int(minutes) if minutes.is_integer() else minutes
        if self.last_folders:
            stored[LAST_FOLDERS_KEY] = dict(self.last_folders)
        return stored

    def save(self, path: Path) -> None:
        """Write `path` atomically: a temporary file beside it, then a rename, so a crash or a full
        disk leaves the old file whole."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(self.to_stored(), ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise PreferenceError("preferences.not_saved", path=str(path), reason=error.strerror or error) from error

    @classmethod
    def update(cls, path: Path, **changes: Any) -> "Preferences":
        """Read `path` afresh, apply `changes`, validate and save: what another window or a command
        saved meanwhile is kept. Returns the preferences as saved."""
        preferences = cls.load(path).changed(**changes)
        preferences.save(path)
        return preferences

