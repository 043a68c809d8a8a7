"""Preferences: one checked reading of settings.json for the window and the command line."""

from __future__ import annotations

import json
import logging
import os

import pytest

from desktop_app import messages
from desktop_app.config import load_settings
from desktop_app.preferences import OFFSET_LIMIT_MM, PreferenceError, Preferences


@pytest.fixture
def path(tmp_path):
    return tmp_path / "data" / "settings.json"


def write(path, content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")


def test_a_missing_file_gives_the_defaults(path):
    preferences = Preferences.load(path)
    assert preferences == Preferences()
    assert (preferences.language, preferences.platform_url) == ("zh", None)
    assert preferences.certificate_offset_mm == (0.0, 0.0) and preferences.idle_lock_minutes == 10


def test_stored_values_are_read_back(path):
    write(path, {"language": "en", "platform_url": "https://pt.example.cn", "certificate_offset_mm": [2.5, -1],
                 "idle_lock_minutes": 3})
    preferences = Preferences.load(path)
    assert preferences.language == "en" and preferences.platform_url == "https://pt.example.cn"
    assert preferences.certificate_offset_mm == (2.5, -1.0) and preferences.idle_lock_minutes == 3


@pytest.mark.parametrize("stored, name, default", [
    ({"certificate_offset_mm": "left"}, "certificate_offset_mm", (0.0, 0.0)),
    ({"certificate_offset_mm": [1]}, "certificate_offset_mm", (0.0, 0.0)),
    ({"certificate_offset_mm": [30, 0]}, "certificate_offset_mm", (0.0, 0.0)),  # beyond ±20 mm
    ({"certificate_offset_mm": ["nan", 0]}, "certificate_offset_mm", (0.0, 0.0)),
    ({"certificate_offset_mm": [True, 0]}, "certificate_offset_mm", (0.0, 0.0)),
    ({"idle_lock_minutes": "x"}, "idle_lock_minutes", 10),
    ({"idle_lock_minutes": 0}, "idle_lock_minutes", 10),
    ({"idle_lock_minutes": 100_000}, "idle_lock_minutes", 10),
    ({"platform_url": "pt.example.cn"}, "platform_url", None),
    ({"platform_url": 12}, "platform_url", None),
    ({"language": 3}, "language", "zh"),
])
def test_an_unusable_value_counts_as_its_default_with_a_warning(path, caplog, stored, name, default):
    write(path, {**stored, "language": stored.get("language", "en")})
    with caplog.at_level(logging.WARNING, logger="desktop_app.preferences"):
        preferences = Preferences.load(path)
    assert getattr(preferences, name) == default
    assert any(next(iter(stored)) in record.getMessage() for record in caplog.records)
    if name != "language":
        assert preferences.language == "en"  # the other values still count


def test_languages_are_read_as_start_up_always_read_them(path):
    write(path, {"language": "en_US"})
    assert Preferences.load(path).language == "en"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", ""])
def test_a_damaged_file_gives_the_defaults_and_never_stops_start_up(path, caplog, content):
    write(path, content)
    with caplog.at_level(logging.WARNING, logger="desktop_app.preferences"):
        assert Preferences.load(path) == Preferences()
    assert caplog.records


def test_changing_a_value_is_checked_with_words_for_people():
    messages.set_language("zh")
    with pytest.raises(PreferenceError) as refused:
        Preferences().changed(certificate_offset_mm=(OFFSET_LIMIT_MM + 0.5, 0))
    assert "±20 毫米" in refused.value.message() and "20.5" in refused.value.message()
    assert "±20 mm" in refused.value.message("en")
    with pytest.raises(PreferenceError) as refused:
        Preferences().changed(idle_lock_minutes=0)
    assert "1 到 240 分钟" in refused.value.message()
    with pytest.raises(PreferenceError) as refused:
        Preferences().changed(platform_url="ftp://pt.example.cn")
    assert "http://" in refused.value.message()
    with pytest.raises(PreferenceError):
        Preferences().changed(language="fr")
    assert Preferences().changed(platform_url="  ").platform_url is None  # cleared
    assert Preferences().changed(certificate_offset_mm=(-20, 20)).certificate_offset_mm == (-20.0, 20.0)


def test_saving_is_atomic_and_keeps_keys_this_version_does_not_know(path):
    write(path, {"language": "zh", "window_geometry": "abc"})
    saved = Preferences.update(path, certificate_offset_mm=(1.5, -2))
    assert saved.certificate_offset_mm == (1.5, -2.0)
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["certificate_offset_mm"] == [1.5, -2.0] and stored["window_geometry"] == "abc"
    assert stored["idle_lock_minutes"] == 10 and stored["language"] == "zh"
    assert sorted(os.listdir(path.parent)) == ["settings.json"]  # no temporary file left behind
    assert Preferences.load(path) == saved


def test_update_rereads_the_file_so_another_writer_s_change_survives(path):
    Preferences.update(path, language="en")
    Preferences.update(path, idle_lock_minutes=5)  # e.g. the window, after the CLI chose English
    assert Preferences.load(path).language == "en" and Preferences.load(path).idle_lock_minutes == 5


def test_a_refused_change_leaves_the_file_alone(path):
    Preferences.update(path, certificate_offset_mm=(1, 1))
    before = path.read_text(encoding="utf-8")
    with pytest.raises(PreferenceError):
        Preferences.update(path, certificate_offset_mm=(1, 99))
    assert path.read_text(encoding="utf-8") == before


def test_a_folder_that_cannot_be_written_is_said_in_words(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PreferenceError) as refused:
        Preferences().save(blocker / "settings.json")
    assert refused.value.code == "preferences.not_saved"


def test_start_up_settings_take_language_and_platform_from_the_preferences(tmp_path):
    data = tmp_path / "data"
    write(data / "settings.json", {"language": "en", "platform_url": "https://pt.example.cn"})
    settings = load_settings(data_dir=data)
    assert settings.language == "en" and settings.platform_url == "https://pt.example.cn"
    write(data / "settings.json", {"platform_url": "not an address"})
    assert load_settings(data_dir=data).platform_url is None
