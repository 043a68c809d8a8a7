"""Behaviour of occupation codes (职业分类大典) and their editions."""

from __future__ import annotations

import dataclasses
import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app import messages
from desktop_app.domain import occupation_codes
from desktop_app.domain.occupation_codes import (
    KNOWN_EDITIONS,
    OccupationCodeError,
    OccupationKey,
    normalise_occupation_code,
    parse_edition,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def error_of(function, *args) -> OccupationCodeError:
    with pytest.raises(OccupationCodeError) as caught:
        function(*args)
    return caught.value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4-10-01-06", "4-10-01-06"),
        (" 4-10-01-06 ", "4-10-01-06"),
        ("４－１０－０１－０６", "4-10-01-06"),
        ("4－10－01－06", "4-10-01-06"),
        ("4—10—01—06", "4-10-01-06"),
        ("4–10–01–06", "4-10-01-06"),
        ("4‐10‐01‐06", "4-10-01-06"),
        ("4−10−01−06", "4-10-01-06"),
        ("4 - 10 - 01 - 06", "4-10-01-06"),
        ("4 10 01 06", "4-10-01-06"),
        ("4100106", "4-10-01-06"),
        ("４１００１０６", "4-10-01-06"),
        ("4-04-05-05", "4-04-05-05"),
        ("1-01-00-01", "1-01-00-01"),
        ("8-00-00-00", "8-00-00-00"),
    ],
)
def test_accepted_spellings_are_normalised_to_the_dashed_form(raw, expected):
    assert normalise_occupation_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "occupation.empty"),
        ("  ", "occupation.empty"),
        ("4-10-01", "occupation.format"),
        ("4-1-01-06", "occupation.format"),
        ("4-10-01-6", "occupation.format"),
        ("41001061", "occupation.format"),
        ("410010", "occupation.format"),
        ("4-10-01-06-01", "occupation.format"),
        ("4.10.01.06", "occupation.format"),
        ("4_10_01_06", "occupation.format"),
        ("家政服务员", "occupation.format"),
        ("X-00-00-00", "occupation.format"),
        ("4-10-01-06家政服务员", "occupation.format"),
        ("0-10-01-06", "occupation.major_category"),
        ("9-10-01-06", "occupation.major_category"),
        ("9100106", "occupation.major_category"),
    ],
)
def test_anything_else_is_rejected_with_a_distinct_code(raw, code):
    error = error_of(normalise_occupation_code, raw)
    assert error.code == code
    zh, en = error.message("zh"), error.message("en")
    assert zh != en and CJK.search(zh)
    if "value" in error.params:
        assert error.params["value"] in zh and error.params["value"] in en


def test_format_errors_echo_the_value_and_give_an_example():
    error = error_of(normalise_occupation_code, "4-1-01-06")
    assert "4-1-01-06" in error.message("zh")
    assert "4-10-01-06" in error.message("zh") and "4-10-01-06" in error.message("en")


def test_major_category_error_names_the_digit():
    error = error_of(normalise_occupation_code, "9-10-01-06")
    assert error.params["digit"] == "9"
    assert "1 到 8" in error.message("zh")


@given(st.integers(min_value=1, max_value=8), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99))
def test_dashed_and_undashed_forms_of_the_same_code_agree_and_normalising_is_idempotent(major, a, b, c):
    dashed = f"{major}-{a:02d}-{b:02d}-{c:02d}"
    assert normalise_occupation_code(dashed) == dashed
    assert normalise_occupation_code(dashed.replace("-", "")) == dashed
    assert normalise_occupation_code(dashed.replace("-", "－")) == dashed
    assert normalise_occupation_code(normalise_occupation_code(dashed)) == dashed


@given(st.text())
def test_normaliser_raises_nothing_but_occupation_code_errors_on_arbitrary_text(raw):
    try:
        code = normalise_occupation_code(raw)
    except OccupationCodeError as error:
        assert error.code in occupation_codes.MESSAGES
        error.message("zh")
        error.message("en")
    else:
        assert re.fullmatch(r"[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}", code)


# ---------------------------------------------------------------- editions


def test_known_editions_are_2015_and_2022():
    assert KNOWN_EDITIONS == ("2015", "2022")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2015", "2015"), (2015, "2015"), ("2022", "2022"), (2022, "2022"), (" 2022 ", "2022"),
     ("２０２２", "2022"), ("2022版", "2022"), ("2015年版", "2015"), ("2015年", "2015")],
)
def test_editions_are_read_from_common_spellings(raw, expected):
    assert parse_edition(raw) == expected


@pytest.mark.parametrize("raw", ["", "2019", "15", "二〇一五", "2015版本", "1999", 2021])
def test_unknown_editions_are_rejected_and_the_known_ones_listed(raw):
    error = error_of(parse_edition, raw)
    assert error.code == "occupation.edition_unknown"
    assert "2015" in error.message("zh") and "2022" in error.message("en")


@given(st.text())
def test_edition_parser_raises_nothing_but_occupation_code_errors(raw):
    try:
        assert parse_edition(raw) in KNOWN_EDITIONS
    except OccupationCodeError as error:
        assert error.code == "occupation.edition_unknown"


# ---------------------------------------------------------------- keys


def test_an_occupation_is_keyed_by_edition_and_code():
    domestic_2015 = OccupationKey("2015", "4-10-01-06")
    domestic_2022 = OccupationKey("2022", "4-10-01-06")
    assert domestic_2015 != domestic_2022
    assert domestic_2015 == OccupationKey("2015", "4-10-01-06")
    assert len({domestic_2015, domestic_2022, OccupationKey("2015", "4-10-01-06")}) == 2


def test_keys_sort_by_edition_then_code():
    keys = [
        OccupationKey("2022", "4-04-05-05"),
        OccupationKey("2015", "4-10-01-06"),
        OccupationKey("2022", "4-10-01-06"),
        OccupationKey("2015", "4-04-05-05"),
    ]
    assert sorted(keys) == [
        OccupationKey("2015", "4-04-05-05"),
        OccupationKey("2015", "4-10-01-06"),
        OccupationKey("2022", "4-04-05-05"),
        OccupationKey("2022", "4-10-01-06"),
    ]


def test_keys_are_frozen():
    key = OccupationKey("2022", "4-04-05-05")
    with pytest.raises(dataclasses.FrozenInstanceError):
        key.code = "4-10-01-06"  # type: ignore[misc]


def test_key_parse_normalises_typed_edition_and_code():
    assert OccupationKey.parse("２０２２版", "４－０４－０５－０５") == OccupationKey("2022", "4-04-05-05")
    assert OccupationKey.parse(2015, "4100106") == OccupationKey("2015", "4-10-01-06")


@pytest.mark.parametrize(
    ("edition", "code", "error_code"),
    [
        ("2019", "4-10-01-06", "occupation.edition_unknown"),
        ("2015", "4100106", "occupation.format"),
        ("2015", "9-10-01-06", "occupation.major_category"),
    ],
)
def test_keys_accept_only_canonical_values(edition, code, error_code):
    assert error_of(OccupationKey, edition, code).code == error_code


# ---------------------------------------------------------------- messages


def test_every_occupation_message_code_is_registered_in_both_languages_with_the_same_fields():
    for code, (zh, en) in occupation_codes.MESSAGES.items():
        assert code.startswith("occupation.")
        assert code in messages.known_codes()
        assert CJK.search(zh) and en.strip()
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields_zh == fields_en, code


def test_every_occupation_message_code_is_reachable():
    examples = {
        "occupation.empty": (normalise_occupation_code, ""),
        "occupation.format": (normalise_occupation_code, "4-10-01"),
        "occupation.major_category": (normalise_occupation_code, "9-10-01-06"),
        "occupation.edition_unknown": (parse_edition, "2019"),
    }
    assert set(examples) == set(occupation_codes.MESSAGES)
    for code, (function, raw) in examples.items():
        assert error_of(function, raw).code == code
