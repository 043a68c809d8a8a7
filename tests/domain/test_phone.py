"""Behaviour of mainland mobile numbers: cleaning, checking and masking."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.phone import PhoneError, is_valid_mobile, mask_mobile, normalise_mobile

CJK = re.compile(r"[\u4e00-\u9fff]")


def error_of(raw: str) -> PhoneError:
    with pytest.raises(PhoneError) as caught:
        normalise_mobile(raw)
    return caught.value


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        " 13812345678 ",
        "138 1234 5678",
        "138-1234-5678",
        "138－1234－5678",
        "138—1234—5678",
        "１３８１２３４５６７８",
        "１３８ １２３４ ５６７８",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "＋８６ １３８１２３４５６７８",
        "(+86) 138 1234 5678",
        "（+86）13812345678",
        "008613812345678",
        "0086 138 1234 5678",
        "8613812345678",
        "86 138 1234 5678",
        "'13812345678",
        "13812345678.0",
        "\u200b13812345678\ufeff",
        "138\u00a01234\u00a05678",
        "138\u30001234\u30005678",
    ],
)
def test_typed_and_pasted_forms_become_the_eleven_digits(raw):
    assert normalise_mobile(raw) == "13812345678"


@pytest.mark.parametrize("second", "3456789")
def test_every_allowed_second_digit_is_accepted(second):
    number = f"1{second}012345678"
    assert normalise_mobile(number) == number


@pytest.mark.parametrize(
    "raw",
    [
        "12012345678",  # second digit 2: no mainland mobile network
        "11012345678",
        "10012345678",
        "23812345678",  # does not start with 1
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "025-84561234",  # a Nanjing landline
        "02584561234",
        "1.38123E+10",  # Excel's scientific notation: digits lost
        "1381234567.8",
        "138l2345678",  # letter l for digit 1
        "138O2345678",  # letter O for digit 0
        "+85213812345678",  # Hong Kong country code
        "861381234567",  # 86 + 10 digits
        "8613812345678901",
        "手机13812345678",
        "13812345678/13912345678",  # two numbers in one cell
        "无",
        "+86",
    ],
)
def test_anything_else_is_refused_with_the_typed_value_echoed(raw):
    error = error_of(raw)
    assert error.code == "phone.invalid"
    assert error.params["value"] == raw.strip()
    zh, en = error.message("zh"), error.message("en")
    assert raw.strip() in zh and raw.strip() in en
    assert CJK.search(zh)
    assert not is_valid_mobile(raw)


@pytest.mark.parametrize("raw", ["", "   ", "\u3000"])
def test_an_empty_value_has_its_own_message(raw):
    error = error_of(raw)
    assert error.code == "phone.empty"
    assert error.message("zh") and error.message("en")


def test_error_echoes_the_value_as_typed_not_the_cleaned_digits():
    error = error_of(" 138-1234-567 ")
    assert error.params["value"] == "138-1234-567"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("１３８１２３４５６７８", "138****5678"),
        ("02584561234", "025****1234"),  # not a mobile, still masked
        ("12345678", "123*5678"),
        ("1234567", "*******"),
        ("123", "***"),
        ("", ""),
    ],
)
def test_masking_shows_three_then_four_digits_and_never_raises(raw, masked):
    assert mask_mobile(raw) == masked


def test_masking_none_gives_an_empty_string():
    assert mask_mobile(None) == ""  # type: ignore[arg-type]


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", "+86", "0086", "86", "+86 "]),
       st.sampled_from(["", " ", "-"]))
def test_any_valid_mobile_round_trips_through_prefixes_and_separators(number, prefix, separator):
    formatted = prefix + separator.join((number[:3], number[3:7], number[7:]))
    assert normalise_mobile(formatted) == number
    assert normalise_mobile(normalise_mobile(formatted)) == number
    assert mask_mobile(formatted) == number[:3] + "****" + number[7:]


@given(st.text())
def test_arbitrary_text_either_normalises_to_a_mobile_or_raises_phone_error(raw):
    try:
        result = normalise_mobile(raw)
    except PhoneError as error:
        assert error.message("zh") and error.message("en")
    else:
        assert re.fullmatch(r"1[3-9][0-9]{9}", result, re.ASCII)
    assert isinstance(mask_mobile(raw), str)
