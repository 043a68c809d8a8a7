"""Behaviour of identity-number parsing, checking, upgrading and masking."""

from __future__ import annotations

import ast
import re
import string
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desktop_app import messages
from desktop_app.domain import identity
from desktop_app.domain.identity import (
    HMT_PERMIT_REGIONS,
    PROVINCES,
    IdentityNumber,
    IdentityNumberError,
    IdType,
    Sex,
    check_char,
    is_valid_identity_number,
    mask_identity_number,
    normalise_identity_input,
    parse_identity_number,
    upgrade_15_to_18,
)

TODAY = date(2025, 6, 1)
CJK = re.compile(r"[\u4e00-\u9fff]")


def make(first17: str) -> str:
    """A number with the correct check character."""
    return first17 + check_char(first17)


def resident(region: str, born: date, sequence: int) -> str:
    return make(f"{region}{born:%Y%m%d}{sequence:03d}")


def parse(raw: str) -> IdentityNumber:
    return parse_identity_number(raw, today=TODAY)


def error_of(raw: str) -> IdentityNumberError:
    with pytest.raises(IdentityNumberError) as caught:
        parse(raw)
    return caught.value


def assert_renders_in_both_languages(problem: messages.Problem) -> None:
    zh = problem.message("zh")
    en = problem.message("en")
    assert zh and en and zh != en
    assert CJK.search(zh), zh
    value = problem.params.get("value")
    if value:
        assert str(value) in zh and str(value) in en


# ---------------------------------------------------------------- check character


def test_check_char_of_the_domain_examples():
    assert check_char("11010519491231002") == "X"
    assert check_char("44052418800101001") == "4"


def test_check_char_maps_every_remainder_to_the_iso_7064_table():
    seen = {}
    for n in range(0, 200):
        first17 = f"{n:017d}"
        total = sum(int(d) * w for d, w in zip(first17, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
        seen[total % 11] = check_char(first17)
    assert seen == dict(enumerate("10X98765432"))


@pytest.mark.parametrize(
    "bad", ["", "1234567890123456", "123456789012345678", "1101051949123100X", "１１０１０５１９４９１２３１００２"]
)
def test_check_char_refuses_anything_but_17_ascii_digits(bad):
    with pytest.raises(ValueError):
        check_char(bad)


# ---------------------------------------------------------------- valid numbers

VALID_320115_1990 = resident("320115", date(1990, 3, 7), 123)
HK_PERMIT = resident("810000", date(1995, 7, 1), 31)
MACAO_PERMIT = resident("820000", date(1999, 12, 20), 2)
TAIWAN_PERMIT = resident("830000", date(1988, 2, 29), 555)
FOREIGN_2023 = "911398199012310021"  # CredentialKit's test vector: Beijing office, Kazakhstan, 1990-12-31, female
FOREIGN_2023_JIANGSU_MALE = make("932840198506150" + "13")


@pytest.mark.parametrize(
    ("raw", "value", "id_type", "born", "sex", "region"),
    [
        ("11010519491231002X", "11010519491231002X", IdType.RESIDENT, date(1949, 12, 31), Sex.FEMALE, "110105"),
        ("440524188001010014", "440524188001010014", IdType.RESIDENT, date(1880, 1, 1), Sex.MALE, "440524"),
        (VALID_320115_1990, VALID_320115_1990, IdType.RESIDENT, date(1990, 3, 7), Sex.MALE, "320115"),
        (HK_PERMIT, HK_PERMIT, IdType.HMT_RESIDENCE_PERMIT, date(1995, 7, 1), Sex.MALE, "810000"),
        (MACAO_PERMIT, MACAO_PERMIT, IdType.HMT_RESIDENCE_PERMIT, date(1999, 12, 20), Sex.FEMALE, "820000"),
        (TAIWAN_PERMIT, TAIWAN_PERMIT, IdType.HMT_RESIDENCE_PERMIT, date(1988, 2, 29), Sex.MALE, "830000"),
        (FOREIGN_2023, FOREIGN_2023, IdType.FOREIGN_PERMANENT_2023, date(1990, 12, 31), Sex.FEMALE, None),
        (FOREIGN_2023_JIANGSU_MALE, FOREIGN_2023_JIANGSU_MALE, IdType.FOREIGN_PERMANENT_2023, date(1985, 6, 15), Sex.MALE, None),
        ("KAZ110090123105", "KAZ110090123105", IdType.FOREIGN_PERMANENT_LEGACY, None, None, None),
        ("kaz110090123105", "KAZ110090123105", IdType.FOREIGN_PERMANENT_LEGACY, None, None, None),
    ],
)
def test_valid_numbers_of_every_format_parse_with_birth_date_sex_and_region(raw, value, id_type, born, sex, region):
    parsed = parse(raw)
    assert parsed.value == value
    assert parsed.id_type is id_type
    assert parsed.birth_date == born
    assert parsed.sex is sex
    assert parsed.region_code == region
    assert parsed.upgraded_from is None


def test_a_320115_number_born_1990_passes_without_warning_although_python_stdnum_rejects_it():
    parsed = parse(VALID_320115_1990)
    assert parsed.warnings == ()
    assert is_valid_identity_number(VALID_320115_1990, today=TODAY)


def test_county_codes_are_never_looked_up_only_the_province():
    for county in ("320199", "329999", "320115", "321302", "110229"):
        parsed = parse(resident(county, date(1990, 1, 1), 11))
        assert parsed.warnings == ()


def test_born_before_1900_is_accepted_with_a_warning():
    parsed = parse("440524188001010014")
    assert [w.code for w in parsed.warnings] == ["identity.birth_before_1900"]
    assert_renders_in_both_languages(parsed.warnings[0])


def test_unknown_province_code_is_a_warning_not_a_rejection():
    number = resident("190101", date(1990, 1, 1), 11)
    parsed = parse(number)
    assert parsed.id_type is IdType.RESIDENT
    assert [w.code for w in parsed.warnings] == ["identity.region_unknown"]
    assert parsed.warnings[0].params["province_code"] == "19"
    assert_renders_in_both_languages(parsed.warnings[0])


def test_resident_number_with_hong_kong_province_but_a_county_part_is_warned():
    parsed = parse(resident("810101", date(1990, 1, 1), 11))
    assert parsed.id_type is IdType.RESIDENT
    assert [w.code for w in parsed.warnings] == ["identity.region_unknown"]


def test_foreign_2023_number_with_unknown_office_province_is_warned():
    parsed = parse(make("999840199001010" + "11"))
    assert parsed.id_type is IdType.FOREIGN_PERMANENT_2023
    assert [w.code for w in parsed.warnings] == ["identity.region_unknown"]


def test_legacy_foreign_number_says_birth_date_and_sex_must_be_entered_by_hand():
    parsed = parse("KAZ110090123105")
    assert parsed.birth_date is None and parsed.sex is None
    assert [w.code for w in parsed.warnings] == ["identity.foreign_legacy_details"]
    assert_renders_in_both_languages(parsed.warnings[0])


def test_sex_comes_from_the_parity_of_the_17th_character():
    assert parse(resident("320102", date(1990, 1, 1), 1)).sex is Sex.MALE
    assert parse(resident("320102", date(1990, 1, 1), 2)).sex is Sex.FEMALE
    assert parse(resident("320102", date(1990, 1, 1), 0)).sex is Sex.FEMALE
    assert parse(resident("320102", date(1990, 1, 1), 999)).sex is Sex.MALE


def test_birth_date_today_is_accepted():
    assert parse(resident("320102", TODAY, 11)).birth_date == TODAY


def test_leap_day_births_are_real_dates():
    assert parse(resident("320102", date(2000, 2, 29), 11)).birth_date == date(2000, 2, 29)


def test_today_defaults_to_the_real_date():
    assert parse_identity_number("11010519491231002X").birth_date == date(1949, 12, 31)


# ---------------------------------------------------------------- input clean-up


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        "  11010519491231002X  ",
        "110105 19491231 002X",
        "1101 0519 4912 3100 2X",
        "\t11010519491231002X\n",
        "11010519491231002X\u3000",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "'11010519491231002X",
        "\ufeff11010519491231002X",
        "110105\u200b19491231002X",
    ],
)
def test_spaces_full_width_characters_lowercase_x_and_excel_text_marks_are_cleaned(raw):
    assert normalise_identity_input(raw) == "11010519491231002X"
    assert parse(raw).value == "11010519491231002X"


def test_normaliser_upper_cases_letters_of_legacy_foreign_numbers():
    assert normalise_identity_input("ｋａｚ110090123105") == "KAZ110090123105"


@pytest.mark.parametrize(
    "raw",
    [
        "3.2010219900307E+17",
        "3.20102E17",
        "3.2E+17",
        "3,20102199003071E+17",
        "3.20102199003071e+17",
        "3.2010219900307E+017",
        "４.４０５２４１８８E+17",
        "320102199003071000.0",
        "320102199003071000,00",
        " 3.2010219900307E+17 ",
    ],
)
def test_excel_scientific_and_float_renderings_are_rejected_never_guessed(raw):
    with pytest.raises(IdentityNumberError) as caught:
        normalise_identity_input(raw)
    assert caught.value.code == "identity.excel_number"
    assert error_of(raw).code == "identity.excel_number"
    zh = caught.value.message("zh")
    assert "Excel" in zh and "文本" in zh
    assert "Text" in caught.value.message("en")


def test_eighteen_digits_ending_in_000_that_fail_the_check_are_reported_as_excel_truncation():
    error = error_of("320102199003071000")
    assert error.code == "identity.excel_digits_lost"
    assert "15" in error.message("zh")


def test_a_correct_number_ending_in_000_is_not_mistaken_for_excel_truncation():
    # Sequence 000 is unusual but possible; the check character decides.
    candidates = (f"3201021990{month:02d}{day:02d}000" for month in range(1, 13) for day in range(1, 29))
    first17 = next(c for c in candidates if check_char(c) == "0")
    parsed = parse(first17 + "0")
    assert parsed.value.endswith("000")
    assert parsed.warnings == ()


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "identity.empty"),
        ("   ", "identity.empty"),
        ("\u3000\t", "identity.empty"),
        ("'", "identity.empty"),
        ("12345", "identity.wrong_length"),
        ("1101051949123100", "identity.wrong_length"),
        ("11010519491231002", "identity.wrong_length"),
        ("11010519491231002X1", "identity.wrong_length"),
        ("1101051949123100212", "identity.wrong_length"),
        ("KAZ11009012310", "identity.wrong_length"),
        ("身份证号码", "identity.illegal_characters"),
        ("110105-19491231-002X", "identity.illegal_characters"),
        ("11010519491231002Y", "identity.illegal_characters"),
        ("1101O519491231002X", "identity.illegal_characters"),
        ("1101051949I231002X", "identity.illegal_characters"),
        ("1101X519491231002X", "identity.illegal_characters"),
        ("32011590030712X", "identity.illegal_characters"),
        ("KAZ11009012310O", "identity.illegal_characters"),
        ("110105194912310021", "identity.check_char"),
        ("440524188001010015", "identity.check_char"),
        ("911398199012310022", "identity.check_char"),
        (make("32010219900230123"), "identity.birth_date_impossible"),
        (make("32010219901301123"), "identity.birth_date_impossible"),
        (make("32010219900000123"), "identity.birth_date_impossible"),
        (make("32010200000101123"), "identity.birth_date_impossible"),
        (make("32010217991231123"), "identity.birth_date_impossible"),
        ("320115900230123", "identity.birth_date_impossible"),
        ("320115901301123", "identity.birth_date_impossible"),
        (make("91139819900230002"), "identity.birth_date_impossible"),
        (make("32010220300101123"), "identity.birth_date_future"),
        (make("32010220250602123"), "identity.birth_date_future"),
        (make("91139820300101002"), "identity.birth_date_future"),
        (make("01010519491231002"), "identity.unknown_format"),
        ("ABC123456789012345", "identity.unknown_format"),
        ("3.2010219900307E+17", "identity.excel_number"),
        ("320102199003070000", "identity.excel_digits_lost"),
    ],
)
def test_invalid_numbers_are_rejected_with_a_distinct_code(raw, code):
    error = error_of(raw)
    assert error.code == code
    assert not is_valid_identity_number(raw, today=TODAY)
    assert_renders_in_both_languages(error.problem)


def test_check_char_error_says_which_character_was_expected():
    error = error_of("110105194912310021")
    assert error.params["expected"] == "X"
    assert error.params["actual"] == "1"
    assert "“X”" in error.message("zh") and "“X”" in error.message("en")


def test_impossible_birth_date_error_points_at_the_digits_in_the_number_typed():
    error = error_of(make("32010219900230123"))
    assert error.params["digits"] == "19900230"
    assert (error.params["first"], error.params["last"]) == (7, 14)
    old = error_of("320115900230123")
    assert old.params["digits"] == "900230"
    assert (old.params["first"], old.params["last"]) == (7, 12)
    assert old.params["value"] == "320115900230123"


def test_future_birth_date_error_shows_the_date_and_today():
    error = error_of(make("32010220300101123"))
    assert error.params["birth_date"] == "2030-01-01"
    assert error.params["today"] == TODAY.isoformat()


def test_illegal_characters_are_named_once_each():
    error = error_of("1101O5O9491231002X")
    assert error.params["characters"] == "“O”"


def test_errors_are_user_facing_errors_with_the_value_echoed():
    error = error_of("110105194912310021")
    assert isinstance(error, messages.UserFacingError)
    assert "110105194912310021" in str(error)


# ---------------------------------------------------------------- checksum property

CHECKED_NUMBERS = ["11010519491231002X", "440524188001010014", VALID_320115_1990, HK_PERMIT, FOREIGN_2023]


@pytest.mark.parametrize("number", CHECKED_NUMBERS)
def test_every_single_character_substitution_is_detected(number):
    undetected = []
    for position in range(18):
        for replacement in "0123456789X":
            if replacement == number[position]:
                continue
            mutated = number[:position] + replacement + number[position + 1 :]
            if is_valid_identity_number(mutated, today=TODAY):
                undetected.append(mutated)
    assert undetected == []


@pytest.mark.parametrize("number", CHECKED_NUMBERS)
def test_every_swap_of_two_adjacent_different_characters_is_detected(number):
    for position in range(17):
        a, b = number[position], number[position + 1]
        if a == b:
            continue
        swapped = number[:position] + b + a + number[position + 2 :]
        assert not is_valid_identity_number(swapped, today=TODAY), swapped


# ---------------------------------------------------------------- 15-digit numbers


def test_fifteen_digit_number_is_upgraded_by_inserting_19_and_a_check_character():
    assert upgrade_15_to_18("320115900307123") == VALID_320115_1990
    assert upgrade_15_to_18("110105491231002") == "11010519491231002X"


def test_parsing_a_fifteen_digit_number_returns_the_18_character_form_and_a_warning():
    parsed = parse("110105491231002")
    assert parsed.value == "11010519491231002X"
    assert parsed.upgraded_from == "110105491231002"
    assert parsed.id_type is IdType.RESIDENT
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex is Sex.FEMALE
    assert parsed.region_code == "110105"
    assert [w.code for w in parsed.warnings] == ["identity.upgraded_from_15"]
    warning = parsed.warnings[0]
    assert warning.params == {"original": "110105491231002", "value": "11010519491231002X"}
    assert_renders_in_both_languages(warning)


def test_fifteen_digit_number_with_unknown_province_gets_both_warnings():
    parsed = parse("190101900101011")
    assert [w.code for w in parsed.warnings] == ["identity.upgraded_from_15", "identity.region_unknown"]


def test_fifteen_digit_number_in_full_width_digits_is_upgraded():
    assert parse("１１０１０５４９１２３１００２").value == "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "identity.empty"),
        ("1101054912310", "identity.wrong_length"),
        ("11010549123100X", "identity.illegal_characters"),
        ("3.2E+14", "identity.excel_number"),
    ],
)
def test_upgrade_refuses_what_is_not_15_digits(raw, code):
    with pytest.raises(IdentityNumberError) as caught:
        upgrade_15_to_18(raw)
    assert caught.value.code == code


# ---------------------------------------------------------------- masking


def test_masking_keeps_first_four_and_last_four_characters():
    assert mask_identity_number("32010219900307123X") == "3201**********123X"
    assert parse("11010519491231002X").masked() == "1101**********002X"


def test_masking_a_legacy_foreign_number_keeps_its_length():
    assert mask_identity_number("KAZ110090123105") == "KAZ1*******3105"


def test_masking_works_without_parsing_on_messy_and_invalid_values():
    assert mask_identity_number(" ３２０１０２１９９００３０７１２３ｘ ") == "3201**********123X"
    assert mask_identity_number("3.2010219900307E+17") == "3.20***********E+17"
    assert mask_identity_number("") == ""
    assert mask_identity_number("12345678") == "********"
    assert mask_identity_number("abc") == "***"


@given(st.text())
def test_masking_never_raises_and_never_reveals_more_than_eight_characters(raw):
    masked = mask_identity_number(raw)
    assert len(masked) - masked.count("*") <= 8


# ---------------------------------------------------------------- age


def test_age_counts_completed_years():
    parsed = parse(resident("320102", date(1990, 6, 15), 11))
    assert parsed.age_on(date(2025, 6, 14)) == 34
    assert parsed.age_on(date(2025, 6, 15)) == 35
    assert parsed.age_on(date(1990, 6, 15)) == 0


def test_age_of_someone_born_on_29_february_rises_on_1_march_in_common_years():
    parsed = parse(resident("320102", date(2000, 2, 29), 11))
    assert parsed.age_on(date(2019, 2, 28)) == 18
    assert parsed.age_on(date(2019, 3, 1)) == 19
    assert parsed.age_on(date(2020, 2, 29)) == 20


def test_age_is_unknown_for_legacy_foreign_numbers():
    assert parse("KAZ110090123105").age_on(TODAY) is None


def test_age_before_birth_is_a_programming_error():
    with pytest.raises(ValueError):
        parse("11010519491231002X").age_on(date(1949, 12, 30))


# ---------------------------------------------------------------- labels and value object


def test_id_types_have_chinese_and_english_labels():
    assert IdType.RESIDENT.label_zh == "居民身份证"
    assert IdType.HMT_RESIDENCE_PERMIT.label_zh == "港澳台居民居住证"
    assert IdType.FOREIGN_PERMANENT_2023.label_zh == "外国人永久居留身份证"
    assert "旧版" in IdType.FOREIGN_PERMANENT_LEGACY.label_zh
    assert all(t.label_en and not CJK.search(t.label_en) for t in IdType)
    assert [t.value for t in IdType] == ["resident", "hmt_permit", "foreign_permanent", "foreign_permanent_legacy"]


def test_sex_has_chinese_labels_and_single_letter_values():
    assert (Sex.MALE.value, Sex.MALE.label_zh) == ("M", "男")
    assert (Sex.FEMALE.value, Sex.FEMALE.label_zh) == ("F", "女")


def test_province_table_holds_the_34_province_level_divisions():
    assert len(PROVINCES) == 34
    assert PROVINCES["32"] == "江苏省"
    assert set(PROVINCES) == {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    }


def test_province_name_of_a_parsed_number():
    assert parse(VALID_320115_1990).province_name == "江苏省"
    assert parse(HK_PERMIT).province_name == "香港"
    assert parse(FOREIGN_2023).province_name is None


def test_parsed_numbers_with_warnings_are_hashable_and_equal_regardless_of_warnings():
    with_warning = parse("440524188001010014")
    assert with_warning.warnings
    assert with_warning == IdentityNumber(
        "440524188001010014", IdType.RESIDENT, date(1880, 1, 1), Sex.MALE, "440524"
    )
    assert len({with_warning, parse("440524188001010014")}) == 1


def test_parsed_numbers_are_frozen_and_comparable():
    a, b = parse("11010519491231002X"), parse("11010519491231002x")
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.value = "x"  # type: ignore[misc]


# ---------------------------------------------------------------- properties

provinces = st.sampled_from(sorted(set(PROVINCES) - {"81", "82"}))
counties = st.integers(min_value=0, max_value=9999).map(lambda n: f"{n:04d}")
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@given(provinces, counties, births, sequences)
def test_any_generated_resident_number_parses_back_to_its_birth_date_and_sex(province, county, born, sequence):
    number = resident(province + county, born, sequence)
    parsed = parse(number)
    assert parsed.value == number
    assert parsed.birth_date == born
    assert parsed.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)
    assert parsed.region_code == province + county
    assert parsed.warnings == ()
    assert parsed.id_type in (IdType.RESIDENT, IdType.HMT_RESIDENCE_PERMIT)


@given(st.sampled_from(sorted(HMT_PERMIT_REGIONS)), births, sequences)
def test_any_generated_hmt_permit_is_recognised(region, born, sequence):
    parsed = parse(resident(region, born, sequence))
    assert parsed.id_type is IdType.HMT_RESIDENCE_PERMIT
    assert parsed.birth_date == born


@given(provinces, st.integers(min_value=0, max_value=999), births, sequences)
def test_any_generated_2023_foreign_number_parses_back_to_its_birth_date_and_sex(province, country, born, sequence):
    number = make(f"9{province}{country:03d}{born:%Y%m%d}{sequence:03d}")
    parsed = parse(number)
    assert parsed.id_type is IdType.FOREIGN_PERMANENT_2023
    assert parsed.birth_date == born
    assert parsed.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)


@given(provinces, counties, st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), sequences)
def test_fifteen_to_eighteen_upgrade_round_trips(province, county, born, sequence):
    old = f"{province}{county}{born:%y%m%d}{sequence:03d}"
    new = upgrade_15_to_18(old)
    assert len(new) == 18
    assert new[:6] + new[8:17] == old
    assert new[6:8] == "19"
    assert parse(new).birth_date == born
    parsed_old = parse(old)
    assert parsed_old.value == new
    assert parsed_old.upgraded_from == old
    assert parsed_old.birth_date == born
    assert parsed_old.sex == parse(new).sex


@given(st.text())
def test_normaliser_is_idempotent(raw):
    try:
        once = normalise_identity_input(raw)
    except IdentityNumberError:
        assume(False)
        return
    assert normalise_identity_input(once) == once


@given(st.text())
def test_parser_raises_nothing_but_identity_number_errors_on_arbitrary_text(raw):
    try:
        parsed = parse(raw)
    except IdentityNumberError as error:
        assert error.code in identity.MESSAGES
        error.message("zh")
        error.message("en")
    else:
        assert len(parsed.masked()) == len(parsed.value)


number_like = st.text(alphabet=st.sampled_from("0123456789Xx９Ｘ .E+'-O"), min_size=13, max_size=20)


@settings(max_examples=300)
@given(number_like)
def test_parser_raises_nothing_but_identity_number_errors_on_number_like_text(raw):
    try:
        parse(raw)
    except IdentityNumberError as error:
        assert error.code in identity.MESSAGES
        error.message("zh")
        error.message("en")


@given(st.text(alphabet=st.sampled_from("٠١٢٣٤٥٦٧٨٩²³①"), min_size=15, max_size=18))
def test_non_ascii_digits_are_never_taken_for_digits(raw):
    with pytest.raises(IdentityNumberError) as caught:
        parse(raw)
    assert caught.value.code in {"identity.illegal_characters", "identity.wrong_length"}


# ---------------------------------------------------------------- message catalogue


def test_every_identity_message_code_is_registered_in_chinese_and_english():
    for code, (zh, en) in identity.MESSAGES.items():
        assert code.startswith("identity.")
        assert code in messages.known_codes()
        assert CJK.search(zh), code
        assert en.strip() and not CJK.search(en.replace("“", "").replace("”", "")), code
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields_zh == fields_en, code


CODE_EXAMPLES = {
    "identity.empty": "",
    "identity.excel_number": "3.2010219900307E+17",
    "identity.excel_digits_lost": "320102199003070000",
    "identity.wrong_length": "12345",
    "identity.illegal_characters": "1101O519491231002X",
    "identity.check_char": "110105194912310021",
    "identity.birth_date_impossible": make("32010219900230123"),
    "identity.birth_date_future": make("32010220300101123"),
    "identity.unknown_format": make("01010519491231002"),
    "identity.upgraded_from_15": "110105491231002",
    "identity.region_unknown": resident("190101", date(1990, 1, 1), 11),
    "identity.birth_before_1900": "440524188001010014",
    "identity.foreign_legacy_details": "KAZ110090123105",
}


def test_every_identity_message_code_is_reachable_and_renders_with_the_params_it_is_given():
    assert set(CODE_EXAMPLES) == set(identity.MESSAGES)
    for code, raw in CODE_EXAMPLES.items():
        try:
            problems = [w for w in parse(raw).warnings if w.code == code]
        except IdentityNumberError as error:
            problems = [error.problem] if error.code == code else []
        assert problems, code
        for problem in problems:
            assert_renders_in_both_languages(problem)


def test_domain_modules_import_only_the_standard_library_and_the_message_catalogue():
    # The labelled-enum base is itself standard library only (it and Bilingual, its words).
    allowed_local = {"desktop_app.messages", "desktop_app.domain.labelled"}
    domain = Path(identity.__file__).parent
    for name in ("identity.py", "levels.py", "occupation_codes.py"):
        tree = ast.parse((domain / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert module in allowed_local or top in sys.stdlib_module_names or top == "__future__", (name, module)
