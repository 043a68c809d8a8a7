"""Behaviour of checking one trainee's fields: every problem of a row reported at once, on its cell."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain import trainee_input
from desktop_app.domain.identity import IdType, Sex, check_char
from desktop_app.domain.roster_columns import (
    COLUMNS_BY_KEY,
    EDUCATION_LEVELS,
    EMPLOYMENT_STATUSES,
    HOUSEHOLD_TYPES,
    ROSTER_COLUMNS,
)
from desktop_app.domain.trainee_input import (
    NAME_MAX_LENGTH,
    TraineeInput,
    TraineeInputError,
    normalise_name,
    parse_birth_date_text,
    parse_key_groups,
    validate_trainee_fields,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
TODAY = date(2025, 6, 1)
KEY_GROUPS = json.loads(
    (Path(__file__).resolve().parents[2] / "resources" / "reference" / "key_groups.json").read_text(encoding="utf-8")
)["key_groups"]
LOOKUP = {group["name"]: group["code"] for group in KEY_GROUPS} | {group["code"]: group["code"] for group in KEY_GROUPS}


def make(first17: str) -> str:
    return first17 + check_char(first17)


ID_MALE_1990 = make("32011519900307123")  # 1990-03-07, male
ID_FEMALE_1985 = make("32010219851231002")  # 1985-12-31, female
ID_15 = "320115900307123"  # old 15-digit card: 1990-03-07, male
HK_PERMIT = make("81000019950701003")
FOREIGN_2023 = "911398199012310021"
FOREIGN_LEGACY = "KAZ110090123105"


def row(**overrides) -> dict[str, str | None]:
    values: dict[str, str | None] = {"name": "张三", "id_number": ID_MALE_1990}
    values.update(overrides)
    return values


def validate(values, *, line: int | None = None) -> TraineeInput:
    return validate_trainee_fields(values, key_group_lookup=LOOKUP, today=TODAY, row=line)


def error_of(values, *, line: int | None = None) -> TraineeInputError:
    with pytest.raises(TraineeInputError) as caught:
        validate(values, line=line)
    return caught.value


def codes(error: TraineeInputError) -> list[str]:
    return [problem.code for problem in error.problems]


def only_problem(values):
    error = error_of(values)
    assert len(error.problems) == 1, codes(error)
    return error.problems[0]


def assert_renders(problem) -> tuple[str, str]:
    zh, en = problem.message("zh"), problem.message("en")
    assert zh and en and zh != en and CJK.search(zh)
    assert "{" not in zh and "{" not in en
    return zh, en


# ---------------------------------------------------------------- a whole row


def test_a_complete_row_is_cleaned_into_a_trainee():
    trainee = validate(
        {
            "name": " 张  三 ",
            "id_type": "居民身份证",
            "id_number": ID_MALE_1990.lower(),
            "sex": "男",
            "birth_date": "1990-03-07 00:00:00",
            "ethnicity": " 汉族 ",
            "phone": "+86 138-1234-5678",
            "household_type": "农业户口",
            "education": "高中",
            "employment_status": "失业",
            "key_groups": "下岗失业人员、退役军人",
            "pension": "否",
            "bank_name": " 中国工商银行  南京分行 ",
            "bank_account": "6222 0212 3456 7890 123",
        }
    )
    assert trainee.name == "张三"
    assert trainee.identity.value == ID_MALE_1990 and trainee.identity.id_type is IdType.RESIDENT
    assert trainee.sex is Sex.MALE and trainee.birth_date == date(1990, 3, 7)
    assert trainee.ethnicity == "汉族"
    assert trainee.phone == "13812345678"
    assert (trainee.household_type, trainee.education, trainee.employment_status) == ("农业户口", "高中", "失业")
    assert trainee.key_groups == ("laid_off_unemployed", "veteran")
    assert trainee.pension is False
    assert trainee.bank_name == "中国工商银行 南京分行"
    assert trainee.bank_account == "6222021234567890123"
    assert trainee.warnings == ()


def test_only_name_and_identity_number_are_required():
    trainee = validate(row())
    assert trainee.sex is Sex.MALE and trainee.birth_date == date(1990, 3, 7)
    assert trainee.phone is None and trainee.key_groups == () and trainee.pension is False
    assert trainee.household_type is trainee.education is trainee.employment_status is None
    assert trainee.bank_name is trainee.bank_account is trainee.ethnicity is None


@pytest.mark.parametrize("empty", [None, "", " ", "\u3000", "\t\n", "\u200b"])
def test_none_and_whitespace_cells_count_as_empty(empty):
    optional = [c.key for c in ROSTER_COLUMNS if c.key not in ("name", "id_number")]
    trainee = validate(row(**{key: empty for key in optional}))
    assert trainee == validate(row())
    error = error_of({"name": empty, "id_number": empty})
    assert codes(error) == ["trainee_input.name_empty", "identity.empty"]


def test_columns_this_module_does_not_know_are_ignored():
    assert validate(row(remark="班长", unknown_column="x")) == validate(row())


def test_every_problem_of_the_row_is_reported_on_its_own_cell():
    error = error_of(
        {
            "name": "张3",
            "id_type": "护照",
            "id_number": "3.20115E+17",
            "sex": "未知",
            "birth_date": "1990-02-30",
            "phone": "12345",
            "household_type": "城镇",
            "education": "大学",
            "employment_status": "打工",
            "key_groups": "学生",
            "pension": "也许",
            "bank_account": "6.22E+18",
        },
        line=7,
    )
    assert [p.params["field"] for p in error.problems] == [
        "name", "id_number", "id_type", "sex", "birth_date", "phone", "key_groups", "pension",
        "household_type", "education", "employment_status", "bank_account",
    ]
    assert error.fields() == {p.params["field"] for p in error.problems}
    for problem in error.problems:
        assert problem.params["header"] == COLUMNS_BY_KEY[problem.params["field"]].header
        assert problem.params["row"] == 7
        assert_renders(problem)
    assert error.code == "trainee_input.row_invalid" and error.row == 7
    zh = error.message("zh")
    assert zh.startswith("第 7 行有 12 处问题")
    assert zh.count("\n") == 12 and "\n12. " in zh
    assert error.message("en").startswith("Row 7 has 12 problem(s)")
    assert str(error) == zh


def test_without_a_row_number_the_error_speaks_of_the_trainee():
    error = error_of(row(name=""))
    assert error.code == "trainee_input.invalid" and error.row is None
    assert "row" not in error.problems[0].params
    assert error.message("zh").startswith("学员信息有 1 处问题")


def test_an_error_needs_a_problem():
    with pytest.raises(ValueError):
        TraineeInputError(())


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("张三", "张三"),
        ("  张三  ", "张三"),
        ("张  三", "张三"),  # padded to line up with three-character names
        ("张 小 三", "张小三"),
        ("欧阳 娜娜", "欧阳娜娜"),
        ("买买提·艾力", "买买提·艾力"),
        ("买买提•艾力", "买买提·艾力"),
        ("买买提‧艾力", "买买提·艾力"),
        ("买买提・艾力", "买买提·艾力"),
        ("买买提･艾力", "买买提·艾力"),
        ("买买提．艾力", "买买提·艾力"),
        ("买买提.艾力", "买买提·艾力"),
        ("买买提 · 艾力", "买买提·艾力"),
        ("阿依古丽·买买提·艾力", "阿依古丽·买买提·艾力"),
        ("ＪＯＨＮ　ＳＭＩＴＨ", "JOHN SMITH"),
        ("John   Smith", "John Smith"),
        ("Jean-Luc O’Neil", "Jean-Luc O'Neil"),
        ("J. Smith", "J. Smith"),
        ("Müller", "Müller"),
        ("𠮷田", "𠮷田"),  # U+20BB7, outside the BMP
        ("李䶮", "李䶮"),  # U+4DAE, extension A
        ("王\u200b五", "王五"),
        ("\ufeff赵六", "赵六"),
        ("王\u200e五", "王五"),
        ("李〇", "李〇"),
        ("金", "金"),  # U+F90A, a compatibility ideograph, becomes the unified one
        ("李", "李"),
    ],
)
def test_names_are_normalised_as_the_identity_card_prints_them(raw, name):
    trainee = validate(row(name=raw))
    assert trainee.name == name
    assert normalise_name(name) == name
    assert trainee.warnings == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三1", ["trainee_input.name_digits"]),
        ("张三１", ["trainee_input.name_digits"]),
        ("１２３", ["trainee_input.name_digits", "trainee_input.name_no_letter"]),
        ("张三(班长)", ["trainee_input.name_characters"]),
        ("张三/李四", ["trainee_input.name_characters"]),
        ("张三?", ["trainee_input.name_characters"]),
        ("张三😀", ["trainee_input.name_characters"]),
        ("张3(班长)", ["trainee_input.name_digits", "trainee_input.name_characters"]),
        ("···", ["trainee_input.name_no_letter"]),
        ("-", ["trainee_input.name_no_letter"]),
        ("张" * (NAME_MAX_LENGTH + 1), ["trainee_input.name_too_long"]),
    ],
)
def test_names_with_digits_symbols_or_no_letters_are_refused(raw, expected):
    error = error_of(row(name=raw))
    assert codes(error) == expected
    for problem in error.problems:
        assert problem.params["field"] == "name" and problem.params["header"] == "姓名"
        assert_renders(problem)


def test_the_refused_characters_are_named():
    problem = only_problem(row(name="张三(班长)"))
    assert problem.params["characters"] == "“(” “)”"
    assert "“(” “)”" in problem.message("zh")


def test_a_name_of_exactly_the_maximum_length_is_accepted():
    assert len(validate(row(name="A" * NAME_MAX_LENGTH)).name) == NAME_MAX_LENGTH
    assert validate(row(name="𠮷" * NAME_MAX_LENGTH)).name == "𠮷" * NAME_MAX_LENGTH


def test_a_single_character_name_is_accepted():
    assert validate(row(name="晗")).name == "晗"


def test_a_long_chinese_name_with_a_space_is_kept_but_warned_about():
    trainee = validate(row(name="买买提 艾力江"))
    assert trainee.name == "买买提 艾力江"
    assert [w.code for w in trainee.warnings] == ["trainee_input.name_space_between_chinese"]
    assert trainee.warnings[0].params["field"] == "name"
    assert_renders(trainee.warnings[0])


def test_a_privately_defined_character_is_kept_but_warned_about():
    trainee = validate(row(name="张\ue000"))
    assert trainee.name == "张\ue000"
    assert [w.code for w in trainee.warnings] == ["trainee_input.name_private_use"]
    assert_renders(trainee.warnings[0])


# ---------------------------------------------------------------- identity number and document type


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "identity.empty"),
        ("3.20115E+17", "identity.excel_number"),
        ("32011519900307123", "identity.wrong_length"),
        (ID_MALE_1990[:-1] + ("0" if ID_MALE_1990[-1] != "0" else "1"), "identity.check_char"),
        ("32011519900230123X", "identity.birth_date_impossible"),
        ("O20115199003071234", "identity.illegal_characters"),
    ],
)
def test_identity_number_errors_become_problems_on_the_identity_cell(raw, code):
    problem = only_problem(row(id_number=raw))
    assert problem.code == code
    assert problem.params["field"] == "id_number" and problem.params["header"] == "身份证号码"
    assert_renders(problem)


def test_identity_warnings_are_kept_and_placed_on_the_identity_cell():
    trainee = validate(row(id_number=ID_15))
    assert trainee.identity.value == make("32011519900307123")
    assert [w.code for w in trainee.warnings] == ["identity.upgraded_from_15"]
    assert trainee.warnings[0].params["field"] == "id_number"


@pytest.mark.parametrize(
    ("id_type", "number"),
    [
        ("居民身份证", ID_MALE_1990),
        ("身份证", ID_MALE_1990),
        (" 居民身份证 ", ID_MALE_1990),
        ("resident", ID_MALE_1990),
        ("港澳台居民居住证", HK_PERMIT),
        ("外国人永久居留身份证", FOREIGN_2023),
        ("外国人永久居留证", FOREIGN_2023),  # the word cannot tell the card versions apart
        ("外国人永久居留身份证", FOREIGN_LEGACY),
        ("外国人永久居留身份证（旧版）", FOREIGN_LEGACY),
        ("外国人永久居留身份证(旧版)", FOREIGN_LEGACY),
    ],
)
def test_a_stated_document_type_that_agrees_with_the_number_is_accepted(id_type, number):
    trainee = validate(row(id_type=id_type, id_number=number))
    assert trainee.identity.value == number


@pytest.mark.parametrize(
    ("id_type", "number"),
    [
        ("港澳台居民居住证", ID_MALE_1990),
        ("外国人永久居留身份证", ID_MALE_1990),
        ("居民身份证", HK_PERMIT),
        ("居民身份证", FOREIGN_2023),
    ],
)
def test_a_stated_document_type_that_disagrees_with_the_number_is_a_problem(id_type, number):
    problem = only_problem(row(id_type=id_type, id_number=number, sex=None))
    assert problem.code == "trainee_input.id_type_mismatch" and problem.params["field"] == "id_type"
    zh, _ = assert_renders(problem)
    assert f"“{id_type}”" in zh


def test_an_unknown_document_type_lists_the_choices():
    problem = only_problem(row(id_type="护照"))
    assert problem.code == "trainee_input.id_type_unknown"
    zh, en = assert_renders(problem)
    assert "港澳台居民居住证" in zh and "港澳台居民居住证" in en


# ---------------------------------------------------------------- sex and birth date


@pytest.mark.parametrize("word", ["男", "男性", "M", "m", "Ｍ", " 男 ", "male"])
def test_a_stated_sex_that_agrees_with_the_number_is_accepted(word):
    assert validate(row(sex=word)).sex is Sex.MALE


@pytest.mark.parametrize("word", ["女", "女性", "F", "f"])
def test_a_stated_sex_that_disagrees_with_the_number_is_a_problem(word):
    problem = only_problem(row(sex=word))
    assert problem.code == "trainee_input.sex_mismatch" and problem.params["field"] == "sex"
    zh, en = assert_renders(problem)
    assert "男性" in zh and "male" in en


@pytest.mark.parametrize("word", ["未知", "X", "1", "男女"])
def test_an_unreadable_sex_is_a_problem(word):
    problem = only_problem(row(sex=word))
    assert problem.code == "trainee_input.sex_unknown"
    assert_renders(problem)


@pytest.mark.parametrize(
    "text",
    [
        "1990-03-07", "1990-3-7", "1990/03/07", "1990/3/7", "1990.3.7", "19900307", "1990年3月7日", "1990年03月07日",
        "1990年3月7", "1990 年 3 月 7 日", "1990-03-07 00:00:00", "1990-03-07T00:00:00", "1990-03-07 08:30",
        "１９９０－０３－０７", "1990-03", "1990.03", "1990.3", "1990年3月", "199003",
    ],
)
def test_a_stated_birth_date_in_any_usual_form_that_agrees_is_accepted(text):
    assert validate(row(birth_date=text)).birth_date == date(1990, 3, 7)


@pytest.mark.parametrize("text", ["1990-03-08", "1991-03-07", "1990-04", "1990年4月", "19900308", "1990-07-03"])
def test_a_stated_birth_date_that_disagrees_is_a_problem(text):
    problem = only_problem(row(birth_date=text))
    assert problem.code == "trainee_input.birth_date_mismatch"
    zh, en = assert_renders(problem)
    assert "1990-03-07" in zh and text in zh and "1990-03-07" in en


@pytest.mark.parametrize("text", ["1990-02-30", "1990-13-01", "19901301", "32939", "三月七日", "1990", "07/03/1990", "昨天"])
def test_an_unreadable_or_impossible_birth_date_is_a_problem(text):
    problem = only_problem(row(birth_date=text))
    assert problem.code == "trainee_input.birth_date_format"
    assert_renders(problem)


def test_excel_reading_1990_10_as_a_number_still_agrees_with_an_october_birth():
    number = make("32011519901015123")
    assert validate(row(id_number=number, birth_date="1990.1")).birth_date == date(1990, 10, 15)
    assert validate(row(id_number=number, birth_date="1990.10")).birth_date == date(1990, 10, 15)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("2000-02-29", (2000, 2, 29)), ("1900-02-29", None), ("1990-00", None), ("0000-01-01", None), ("1990-12", (1990, 12, None))],
)
def test_birth_date_text_parsing_checks_the_calendar(text, parsed):
    assert parse_birth_date_text(text) == parsed


def test_an_old_foreign_card_takes_sex_and_birth_date_from_the_columns():
    trainee = validate(row(id_number=FOREIGN_LEGACY, sex="女", birth_date="1988/6/1"))
    assert trainee.sex is Sex.FEMALE and trainee.birth_date == date(1988, 6, 1)
    assert trainee.warnings == ()


def test_an_old_foreign_card_without_sex_or_birth_date_is_warned_about():
    for values in (row(id_number=FOREIGN_LEGACY), row(id_number=FOREIGN_LEGACY, sex="女"),
                   row(id_number=FOREIGN_LEGACY, sex="女", birth_date="1988-06")):
        trainee = validate(values)
        assert [w.code for w in trainee.warnings] == ["identity.foreign_legacy_details"]
        assert trainee.warnings[0].params["field"] == "id_number"


def test_an_old_foreign_card_with_a_future_birth_date_is_a_problem():
    problem = only_problem(row(id_number=FOREIGN_LEGACY, birth_date="2030-01-01"))
    assert problem.code == "trainee_input.birth_date_future"
    assert_renders(problem)


def test_sex_and_birth_date_are_not_compared_with_a_number_that_failed():
    error = error_of(row(id_number="123", sex="女", birth_date="2000-01-01"))
    assert codes(error) == ["identity.wrong_length"]


# ---------------------------------------------------------------- phone


@pytest.mark.parametrize("raw", ["13812345678", "138 1234 5678", "+86 138-1234-5678", "１３８１２３４５６７８", "13812345678.0"])
def test_a_valid_mobile_is_stored_as_eleven_digits(raw):
    assert validate(row(phone=raw)).phone == "13812345678"


@pytest.mark.parametrize("raw", ["12345", "025-84561234", "1.38123E+10", "无"])
def test_an_invalid_mobile_is_a_problem_on_the_phone_cell(raw):
    problem = only_problem(row(phone=raw))
    assert problem.code == "phone.invalid"
    assert problem.params["field"] == "phone" and problem.params["header"] == "手机号码"
    assert problem.params["value"] == raw


# ---------------------------------------------------------------- key groups


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("退役军人", ("veteran",)),
        ("退役军人、残疾人", ("veteran", "disabled")),
        ("退役军人,残疾人", ("veteran", "disabled")),
        ("退役军人，残疾人", ("veteran", "disabled")),
        ("退役军人;残疾人", ("veteran", "disabled")),
        ("退役军人；残疾人", ("veteran", "disabled")),
        ("退役军人/残疾人", ("veteran", "disabled")),
        ("退役军人／残疾人", ("veteran", "disabled")),
        ("退役军人 残疾人", ("veteran", "disabled")),
        ("  退役军人 、 残疾人 、", ("veteran", "disabled")),
        ("退役军人、退役军人", ("veteran",)),
        ("veteran、disabled", ("veteran", "disabled")),
        ("贫困家庭子女/贫困村创业致富带头人", ("poor_family_child_or_village_leader",)),
        ("退役军人/贫困家庭子女/贫困村创业致富带头人/残疾人", ("veteran", "poor_family_child_or_village_leader", "disabled")),
        ("农村转移就业劳动者（含新生代农民工）", ("rural_migrant_worker",)),
        ("农村转移就业劳动者(含新生代农民工)", ("rural_migrant_worker",)),
        ("城乡未继续升学初高中毕业生（两后生）、高校毕业生", ("non_continuing_graduate", "college_graduate")),
    ],
)
def test_key_groups_are_split_and_resolved_to_codes(text, expected):
    assert validate(row(key_groups=text)).key_groups == expected


def test_unknown_key_groups_are_named_and_the_reason_points_to_the_instructions_not_the_whole_list():
    problem = only_problem(row(key_groups="退役军人、学生、外星人"))
    assert problem.code == "trainee_input.key_group_unknown"
    assert problem.params["value"] == "学生、外星人"
    zh, en = assert_renders(problem)
    assert "填写说明" in zh and "填写说明" in en
    # The 16 allowed names are listed once, in the instructions: not repeated in each row's reason.
    assert sum(group["name"] in zh for group in KEY_GROUPS) == 0
    assert "choices" not in problem.params


def test_key_group_parsing_reports_what_it_could_not_resolve():
    assert parse_key_groups("退役军人、外星人", LOOKUP) == (("veteran",), ("外星人",))
    assert parse_key_groups("", LOOKUP) == ((), ())


def test_a_lookup_of_codes_only_still_matches_the_codes():
    codes_only = {"a": "a", "b": "b"}
    assert validate_trainee_fields(row(key_groups="a、b"), key_group_lookup=codes_only, today=TODAY).key_groups == ("a", "b")
    with pytest.raises(TraineeInputError) as caught:
        validate_trainee_fields(row(key_groups="c"), key_group_lookup=codes_only, today=TODAY)
    assert caught.value.problems[0].params["value"] == "c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The plan's own wording (苏政办发〔2019〕71号 一、十三), without our parenthesised notes.
        ("农村转移就业劳动者", ("rural_migrant_worker",)),
        ("城乡未继续升学初高中毕业生", ("non_continuing_graduate",)),
        ("农村未继续升学初高中毕业生", ("non_continuing_graduate",)),
        ("建档立卡低收入农户和城乡低保对象中的劳动力", ("registered_poor_household", "urban_rural_dibao")),
        ("就业困难人员(含残疾人)", ("employment_difficulty",)),
        ("高危行业领域从业人员", ("high_risk_special_operation",)),
        # Brackets of every width, with or without the note.
        ("城乡未继续升学初高中毕业生(两后生)", ("non_continuing_graduate",)),
        ("城乡未继续升学初高中毕业生【两后生】", ("non_continuing_graduate",)),
        ("农村转移就业劳动者（新生代农民工）", ("rural_migrant_worker",)),
        # The short forms everybody uses.
        ("两后生", ("non_continuing_graduate",)),
        ("新生代农民工", ("rural_migrant_worker",)),
        ("低保", ("urban_rural_dibao",)),
        ("建档立卡", ("registered_poor_household",)),
        ("退役军人", ("veteran",)),
        ("两后生、低保、建档立卡", ("non_continuing_graduate", "urban_rural_dibao", "registered_poor_household")),
        # A unique part of a longer name.
        ("特种作业人员", ("high_risk_special_operation",)),
    ],
)
def test_key_groups_are_matched_the_ways_people_write_them(text, expected):
    assert validate(row(key_groups=text)).key_groups == expected


def test_a_word_that_fits_several_groups_is_refused_naming_the_candidates():
    problem = only_problem(row(key_groups="退役军人、毕业生"))
    assert problem.code == "trainee_input.key_group_ambiguous"
    assert problem.params["value"] == "毕业生"
    zh, _en = assert_renders(problem)
    assert "城乡未继续升学初高中毕业生（两后生）" in zh and "高校毕业生" in zh
    assert "企业职工" not in zh  # only the candidates, not the whole list


# ---------------------------------------------------------------- pension, choices, bank account


@pytest.mark.parametrize(
    ("word", "pension"),
    [("是", True), ("有", True), ("Y", True), ("yes", True), ("1", True), ("TRUE", True), ("√", True), ("已领取", True),
     ("否", False), ("无", False), ("N", False), ("no", False), ("0", False), ("false", False), ("×", False),
     ("未领取", False), ("", False), (None, False)],
)
def test_pension_accepts_yes_and_no_words(word, pension):
    assert validate(row(pension=word)).pension is pension


def test_an_unreadable_pension_answer_is_a_problem():
    problem = only_problem(row(pension="退休"))
    assert problem.code == "trainee_input.yes_no_unknown" and problem.params["header"] == "是否领取养老金"


@pytest.mark.parametrize(
    ("key", "choices"),
    [("household_type", HOUSEHOLD_TYPES), ("education", EDUCATION_LEVELS), ("employment_status", EMPLOYMENT_STATUSES)],
)
def test_list_columns_accept_exactly_their_values_and_list_them_otherwise(key, choices):
    for choice in choices:
        assert getattr(validate(row(**{key: choice})), key) == choice
        assert getattr(validate(row(**{key: f" {choice} "})), key) == choice
    problem = only_problem(row(**{key: "其他"}))
    assert problem.code == "trainee_input.choice_unknown" and problem.params["field"] == key
    zh, en = assert_renders(problem)
    assert COLUMNS_BY_KEY[key].header in zh
    for choice in choices:
        assert choice in zh and choice in en


@pytest.mark.parametrize(
    ("raw", "account"),
    [
        ("622202123456789012", "622202123456789012"),
        ("6222 0212 3456 7890 12", "622202123456789012"),
        ("１２３４５６７８９０１２", "123456789012"),  # 12 digits: the shortest allowed
        ("1" * 30, "1" * 30),  # the longest allowed
        ("'6222021234567890", "6222021234567890"),
    ],
)
def test_bank_accounts_are_stored_as_digits(raw, account):
    assert validate(row(bank_account=raw)).bank_account == account


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("6.22202E+18", "trainee_input.bank_account_excel"),
        ("6.22202e+18", "trainee_input.bank_account_excel"),
        ("6222021234567890000.0", "trainee_input.bank_account_excel"),
        ("62220212345678E+5", "trainee_input.bank_account_excel"),
        ("6222-0212-3456-7890", "trainee_input.bank_account_characters"),
        ("6222O21234567890", "trainee_input.bank_account_characters"),
        ("卡号6222021234567890", "trainee_input.bank_account_characters"),
        ("12345678901", "trainee_input.bank_account_length"),  # 11 digits
        ("1" * 31, "trainee_input.bank_account_length"),
    ],
)
def test_bad_bank_accounts_are_problems(raw, code):
    problem = only_problem(row(bank_account=raw))
    assert problem.code == code and problem.params["field"] == "bank_account"
    zh, en = assert_renders(problem)
    assert raw in zh and raw in en


# ---------------------------------------------------------------- every message


def test_every_trainee_message_renders_in_both_languages():
    seen = []
    bad_rows = [
        {"name": "", "id_number": ""},
        {"name": "张" * 60, "id_number": ID_MALE_1990, "id_type": "护照", "sex": "未知", "birth_date": "x",
         "key_groups": "x", "pension": "x", "education": "x", "bank_account": "6.2E+18"},
        {"name": "1(", "id_number": ID_MALE_1990, "id_type": "港澳台居民居住证", "sex": "女", "birth_date": "2000-01-01",
         "bank_account": "12a"},
        {"name": "张三", "id_number": FOREIGN_LEGACY, "birth_date": "2030-01-01", "bank_account": "123"},
        {"name": "张三", "id_number": ID_MALE_1990, "key_groups": "毕业生"},
    ]
    for values in bad_rows:
        for line in (None, 3):
            error = error_of(values, line=line)
            seen.extend(error.problems)
            seen.append(error.problem)
            assert error.message("zh") and error.message("en")
    for values in (row(name="买买提 艾力江"), row(name="张\ue000")):
        seen.extend(validate(values).warnings)
    registered = set(trainee_input.MESSAGES)
    assert {p.code for p in seen if p.code.startswith("trainee_input.")} == registered
    for problem in seen:
        assert_renders(problem)


# ---------------------------------------------------------------- fuzzing

COLUMN_KEYS = [column.key for column in ROSTER_COLUMNS]
cells = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["", " ", "是", "否", "男", "女", "1990-03-07", ID_MALE_1990]))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(COLUMN_KEYS + ["other"]), cells))
def test_arbitrary_cells_never_raise_anything_but_trainee_input_error(values):
    try:
        trainee = validate(values, line=2)
    except TraineeInputError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.params["field"] in COLUMNS_BY_KEY
            problem.message("zh"), problem.message("en")
        error.message("zh"), error.message("en")
    else:
        assert isinstance(trainee, TraineeInput)
        for warning in trainee.warnings:
            warning.message("zh"), warning.message("en")


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from(COLUMN_KEYS), st.text()), st.text(min_size=1, max_size=10))
def test_arbitrary_cells_with_a_valid_person_never_raise_anything_else(values, name):
    values = {**values, "id_number": ID_FEMALE_1985, "name": name}
    try:
        validate(values)
    except TraineeInputError as error:
        assert error.problems


@given(st.text())
def test_name_normalisation_is_idempotent(raw):
    once = normalise_name(raw)
    assert normalise_name(once) == once


# A generator of rows that must pass, and what each must become.
CJK_NAME_CHARS = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文𠮷䶮"
DOTS = "·•‧・･．"


@st.composite
def valid_rows(draw):
    born = draw(st.dates(date(1940, 1, 1), date(2008, 12, 31)))
    sequence = draw(st.integers(0, 999))
    number = make(f"{draw(st.sampled_from(['320115', '320102', '110105', '440524']))}{born:%Y%m%d}{sequence:03d}")
    sex = Sex.MALE if sequence % 2 else Sex.FEMALE
    parts = draw(st.lists(st.text(CJK_NAME_CHARS, min_size=1, max_size=4), min_size=1, max_size=3))
    name = "·".join(parts)
    typed_name = draw(st.sampled_from(DOTS)).join(parts)
    if len(parts) == 1 and len(parts[0]) <= 4:
        typed_name = draw(st.sampled_from(["", " ", "\u3000"])).join(parts[0])
    typed_name = draw(st.sampled_from(["", " ", "  "])) + typed_name + draw(st.sampled_from(["", " "]))
    phone = draw(st.one_of(st.none(), st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)))
    groups = draw(st.lists(st.sampled_from(KEY_GROUPS), unique_by=lambda g: g["code"], max_size=4))
    separator = draw(st.sampled_from(["、", ",", "，", ";", "；", " ", " 、 "]))
    pension = draw(st.booleans())
    account = draw(st.one_of(st.none(), st.from_regex(r"[0-9]{12,30}", fullmatch=True)))
    birth_formats = ["", "%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日", "%Y-%m-%d 00:00:00", "%Y-%m"]
    birth_text = born.strftime(draw(st.sampled_from(birth_formats)))
    values = {
        "name": typed_name,
        "id_number": draw(st.sampled_from([number, number.lower(), f" {number} ", number[:6] + " " + number[6:]])),
        "id_type": draw(st.sampled_from(["", "居民身份证", "身份证"])),
        "sex": draw(st.sampled_from(["", sex.label_zh, sex.value])),
        "birth_date": birth_text,
        "phone": "" if phone is None else draw(st.sampled_from([phone, "+86 " + phone, f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"])),
        "key_groups": separator.join(draw(st.sampled_from([g["name"], g["code"]])) for g in groups),
        "pension": draw(st.sampled_from(["是", "Y", "1"] if pension else ["否", "N", "0", ""])),
        "household_type": draw(st.sampled_from(("",) + HOUSEHOLD_TYPES)),
        "education": draw(st.sampled_from(("",) + EDUCATION_LEVELS)),
        "employment_status": draw(st.sampled_from(("",) + EMPLOYMENT_STATUSES)),
        "bank_account": "" if account is None else " ".join(account[i:i + 4] for i in range(0, len(account), 4)),
    }
    expected = {
        "name": name,
        "id_number": number,
        "sex": sex,
        "birth_date": born,
        "phone": phone,
        "key_groups": tuple(g["code"] for g in groups),
        "pension": pension,
        "household_type": values["household_type"] or None,
        "education": values["education"] or None,
        "employment_status": values["employment_status"] or None,
        "bank_account": account,
    }
    return values, expected


def as_cells(trainee: TraineeInput) -> dict[str, str | None]:
    """A checked trainee written back as roster cells, the way an export would."""
    return {
        "name": trainee.name,
        "id_number": trainee.identity.value,
        "sex": trainee.sex.label_zh if trainee.sex else None,
        "birth_date": trainee.birth_date.isoformat() if trainee.birth_date else None,
        "ethnicity": trainee.ethnicity,
        "phone": trainee.phone,
        "household_type": trainee.household_type,
        "education": trainee.education,
        "employment_status": trainee.employment_status,
        "key_groups": "、".join(trainee.key_groups),
        "pension": "是" if trainee.pension else "否",
        "bank_name": trainee.bank_name,
        "bank_account": trainee.bank_account,
    }


@settings(max_examples=300)
@given(valid_rows())
def test_valid_rows_in_any_usual_spelling_come_out_canonical_and_round_trip(case):
    values, expected = case
    trainee = validate(values, line=5)
    assert trainee.name == expected["name"]
    assert trainee.identity.value == expected["id_number"]
    assert trainee.sex is expected["sex"] and trainee.birth_date == expected["birth_date"]
    assert trainee.phone == expected["phone"]
    assert trainee.key_groups == expected["key_groups"]
    assert trainee.pension is expected["pension"]
    assert trainee.household_type == expected["household_type"]
    assert trainee.education == expected["education"]
    assert trainee.employment_status == expected["employment_status"]
    assert trainee.bank_account == expected["bank_account"]
    assert trainee.warnings == ()
    assert validate(as_cells(trainee)) == trainee


def test_cells_handed_over_as_numbers_and_dates_by_a_spreadsheet_reader_are_read_as_text():
    from datetime import datetime

    trainee = validate(row(birth_date=datetime(1990, 3, 7), phone=13812345678.0, pension=0,  # type: ignore[arg-type]
                           bank_account=622202123456789012))  # type: ignore[arg-type]
    assert trainee.birth_date == date(1990, 3, 7) and trainee.phone == "13812345678"
    assert trainee.pension is False and trainee.bank_account == "622202123456789012"
    problem = only_problem(row(id_number=320115199003071230.0))  # type: ignore[arg-type]
    assert problem.code == "identity.excel_number"
