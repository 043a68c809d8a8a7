"""Sign-in sheets (培训签到表) read back with poppler, as a person's PDF viewer and printer would see them."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from reportlab.lib.units import mm

from desktop_app import resources
from desktop_app.documents import pdf_fonts
from desktop_app.documents.pdf_fonts import FontMissingError, missing_glyphs, register_cjk_font
from desktop_app.documents.signin_sheet import (
    ROW_HEIGHT,
    SigninSession,
    SigninSheetData,
    SigninSheetError,
    SigninTrainee,
    render_signin_sheets,
    rows_per_page,
)

MORNING = SigninSession(date(2024, 5, 6), "上午", "08:30", "11:50", "理论", 4, "王建国")
AFTERNOON = SigninSession(date(2024, 5, 6), "下午", "13:30", "16:50", "实操", 4, "李红")
EVENING = SigninSession(date(2024, 5, 6), "晚上", "18:30", "20:10", "理论", 2, None)
NEXT_DAY = SigninSession(date(2024, 5, 7), "上午", "08:30", "11:50", "实操", 4, None)
LONG_NAME = "欧阳诺娃·阿不都热依木"  # wider than the name cell at the normal size


def trainees(count: int, **names: str) -> list[SigninTrainee]:
    return [SigninTrainee(i, names.get(f"n{i}", f"学员{i:03d}"), f"3201**********{i:04d}") for i in range(1, count + 1)]


def sheet_data(count: int = 5, sessions=(MORNING,), **changes) -> SigninSheetData:
    data = SigninSheetData(
        institution="南京市鼓楼区职业技能培训学校", class_code="GL2024-015", class_name="中式烹调师（五级）第三期",
        occupation="中式烹调师", level_label="五级/初级工", location="中山北路 100 号实训楼 3 楼",
        teachers="王建国、李红", sessions=list(sessions), trainees=trainees(count))
    return replace(data, **changes)


def write(tmp_path: Path, pdf: bytes, name: str = "sheet.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pdf_pages_text(path: Path) -> list[str]:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_label(number: int, total: int) -> re.Pattern:
    """第 N 页 / 共 M 页, however pdftotext spaces it."""
    return re.compile(rf"第\s*{number}\s*页\s*/\s*共\s*{total}\s*页")


def words(path: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(text, xMin, yMin, xMax, yMax) of every word on `page`, from pdftotext -bbox."""
    result = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                            capture_output=True, text=True, check=True)
    root = ElementTree.fromstring(result.stdout)
    found = []
    for element in root.iter():
        if element.tag.endswith("word"):
            found.append((element.text or "", *(float(element.get(key)) for key in ("xMin", "yMin", "xMax", "yMax"))))
    return found


@pytest.fixture
def fresh_font_cache():
    """Forget where the font was found, before and after: resources.root() is cached too."""
    resources.root.cache_clear()
    pdf_fonts.reset_font_cache()
    yield
    resources.root.cache_clear()
    pdf_fonts.reset_font_cache()


def test_page_reads_back_in_chinese(tmp_path):
    render = render_signin_sheets(sheet_data(5))
    assert render.pdf.startswith(b"%PDF")
    assert render.pages == 1
    assert render.warnings == []
    (text,) = pdf_pages_text(write(tmp_path, render.pdf))
    for expected in ("培训签到表", "南京市鼓楼区职业技能培训学校", "GL2024-015", "中式烹调师（五级）第三期", "五级/初级工",
                     "2024年5月6日（周一）", "08:30-11:50", "理论", "4 课时", "中山北路", "王建国",
                     "序号", "姓名", "身份证号（脱敏）", "签到", "签退", "备注", "学员001", "学员005",
                     "3201**********0003", "授课教师签字", "应到 5 人"):
        assert expected in text, expected
    assert page_label(1, 1).search(text)


def test_the_font_is_embedded_and_no_other_font_is_used(tmp_path):
    path = write(tmp_path, render_signin_sheets(sheet_data(3, sessions=(MORNING, AFTERNOON))).pdf)
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line for line in result.stdout.splitlines()[2:] if line.strip()]
    assert rows, result.stdout
    for row in rows:
        # name type encoding emb sub uni object ID: "emb" is the fourth field from the right end of flags
        fields = row.split()
        emb = fields[-5]
        assert emb == "yes", row
        assert "WenQuanYiMicroHei" in fields[0], row
    assert "Helvetica" not in result.stdout and "STSong" not in result.stdout


def test_poppler_renders_it_without_complaints(tmp_path):
    path = write(tmp_path, render_signin_sheets(sheet_data(3)).pdf)
    result = subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert (tmp_path / "page-1.png").stat().st_size > 5000


def test_more_trainees_than_a_page_holds_continue_with_the_header_repeated(tmp_path):
    per_page = rows_per_page()
    assert 15 <= per_page <= 22
    render = render_signin_sheets(sheet_data(70, sessions=(MORNING, AFTERNOON)))
    pages_per_session = math.ceil(70 / per_page)
    assert pages_per_session > 1
    assert render.pages == 2 * pages_per_session
    texts = pdf_pages_text(write(tmp_path, render.pdf))
    assert len(texts) == render.pages
    for number, text in enumerate(texts, 1):
        assert "培训签到表" in text and "身份证号（脱敏）" in text and "GL2024-015" in text
        assert page_label(number, render.pages).search(text)
        assert ("08:30-11:50" in text) == (number <= pages_per_session)
        # Continuation pages say so; only a session's last page carries the head count.
        part = (number - 1) % pages_per_session + 1
        assert ("续表" in text) == (part > 1)
        assert ("应到 70 人" in text) == (part == pages_per_session)
    for session in range(2):
        session_text = "".join(texts[session * pages_per_session:(session + 1) * pages_per_session])
        for roll in range(1, 71):
            assert len(re.findall(rf"学员{roll:03d}\b", session_text)) == 1, roll
    # The first page is full; the last of a session holds the rest.
    first = texts[0]
    assert f"学员{per_page:03d}" in first and f"学员{per_page + 1:03d}" not in first


def test_signature_rows_are_tall_enough_to_sign(tmp_path):
    assert ROW_HEIGHT >= 9 * mm
    path = write(tmp_path, render_signin_sheets(sheet_data(6)).pdf)
    tops = [word[2] for word in words(path) if re.fullmatch(r"学员\d{3}", word[0])]
    assert len(tops) == 6
    gaps = {round(b - a, 2) for a, b in zip(tops, tops[1:])}
    assert all(gap >= 9 * mm for gap in gaps), gaps


def test_per_day_layout_has_a_pair_of_columns_per_sitting(tmp_path):
    data = sheet_data(40, sessions=(MORNING, AFTERNOON, EVENING, NEXT_DAY), per_day=True)
    render = render_signin_sheets(data)
    per_page = rows_per_page(per_day=True)
    assert render.pages == 2 * math.ceil(40 / per_page)
    texts = pdf_pages_text(write(tmp_path, render.pdf))
    first_day = texts[0]
    for expected in ("上午 理论 4 课时", "下午 实操 4 课时", "晚上 理论 2 课时", "08:30-11:50", "13:30-16:50",
                     "18:30-20:10", "共 10 课时（3 次课）", "王建国、李红", "2024年5月6日（周一）"):
        assert expected in first_day, expected
    assert "王建国、李红、王建国" not in first_day  # each teacher named once
    assert first_day.count("签到") - first_day.count("签到表") == 3
    assert first_day.count("签退") == 3
    last = texts[-1]
    assert "2024年5月7日（周二）" in last and "共 4 课时（1 次课）" in last
    assert last.count("签退") == 1
    # The class's teachers stand in for a sitting without its own.
    assert "王建国、李红" in last


def test_the_same_input_gives_the_same_bytes():
    data = sheet_data(30, sessions=(MORNING, AFTERNOON))
    first = render_signin_sheets(data).pdf
    assert render_signin_sheets(data).pdf == first
    assert render_signin_sheets(replace(data, class_name="中式面点师第一期")).pdf != first


def test_the_same_bytes_in_another_process(tmp_path):
    script = ("import sys; from tests.documents.test_signin_sheet import sheet_data; "
              "from desktop_app.documents.signin_sheet import render_signin_sheets; "
              "sys.stdout.buffer.write(render_signin_sheets(sheet_data(12)).pdf)")
    root = Path(__file__).resolve().parents[2]
    other = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                           check=True).stdout
    assert other == render_signin_sheets(sheet_data(12)).pdf


def test_a_long_name_is_set_smaller_not_cut(tmp_path):
    data = sheet_data(3)
    data = replace(data, trainees=[SigninTrainee(1, "张三", "3201**********0001"),
                                   SigninTrainee(2, LONG_NAME, "3201**********0002")])
    render = render_signin_sheets(data)
    path = write(tmp_path, render.pdf)
    assert LONG_NAME in pdf_pages_text(path)[0]
    boxes = {word[0]: word for word in words(path)}
    short_height = boxes["张三"][4] - boxes["张三"][2]
    long_box = boxes[LONG_NAME]
    assert long_box[4] - long_box[2] < short_height * 0.9  # a smaller size …
    name_cell = (15 * mm + 12 * mm, 15 * mm + 44 * mm)  # … inside the name column
    assert name_cell[0] < long_box[1] and long_box[3] < name_cell[1]


def test_a_very_long_name_goes_over_two_lines_and_keeps_every_character(tmp_path):
    name = "阿卜杜热合曼·阿卜杜克热木·买买提明"
    data = replace(sheet_data(), trainees=[SigninTrainee(1, name, "3201**********0001")])
    path = write(tmp_path, render_signin_sheets(data).pdf)
    all_words = words(path)
    roll = next(word for word in all_words if word[0] == "1")
    name_column = (15 * mm + 12 * mm, 15 * mm + 44 * mm)
    found = [word for word in all_words if name_column[0] < word[1] and word[3] < name_column[1]
             and abs((word[2] + word[4]) / 2 - (roll[2] + roll[4]) / 2) < ROW_HEIGHT / 2]
    found.sort(key=lambda word: (round(word[2]), word[1]))
    assert "".join(word[0] for word in found) == name
    assert len({round(word[2]) for word in found}) == 2  # on two lines …
    assert found[0][0].endswith("·")  # … broken after a name part


def test_characters_missing_from_the_font_are_reported_once_per_trainee(tmp_path):
    assert missing_glyphs("王𰀀祥") == ["𰀀"]
    assert missing_glyphs("阿依古丽·买买提") == []
    data = replace(sheet_data(sessions=(MORNING, AFTERNOON)),
                   trainees=[SigninTrainee(1, "王𰀀祥", "3201**********0001"),
                             SigninTrainee(2, "李四", "3201**********0002")])
    render = render_signin_sheets(data)
    assert [(p.code, p.params["roll_no"], p.params["chars"]) for p in render.warnings] == [
        ("signin.name_glyphs_missing", 1, "𰀀")]
    assert "𰀀" in render.warnings[0].message("zh") and render.warnings[0].message("en")
    text = pdf_pages_text(write(tmp_path, render.pdf))[0]
    assert "王" in text and "祥" in text and "𰀀" not in text  # an empty frame stands in for it


def test_rare_characters_in_the_class_header_are_reported_too():
    render = render_signin_sheets(sheet_data(2, location="𰀀野家培训中心"))
    assert [p.code for p in render.warnings] == ["signin.text_glyphs_missing"]
    assert render.warnings[0].params["chars"] == "𰀀"


def test_nothing_to_print_is_refused():
    with pytest.raises(SigninSheetError) as no_sessions:
        render_signin_sheets(sheet_data(sessions=()))
    assert no_sessions.value.code == "signin.no_sessions"
    with pytest.raises(SigninSheetError) as no_trainees:
        render_signin_sheets(replace(sheet_data(), trainees=[]))
    assert no_trainees.value.code == "signin.no_trainees"
    assert no_trainees.value.message("en").startswith("The class")


def test_a_missing_font_file_is_a_clear_error(tmp_path, monkeypatch, fresh_font_cache):
    empty_home = tmp_path / "empty"
    empty_home.mkdir()
    monkeypatch.setenv("SKILLDESK_HOME", str(empty_home))
    resources.root.cache_clear()
    with pytest.raises(FontMissingError) as missing:
        render_signin_sheets(sheet_data())
    expected = str(empty_home / "resources" / "fonts" / resources.FONT_FILE)
    assert missing.value.code == "pdf.font_missing"
    assert missing.value.params["path"] == expected
    assert expected in missing.value.message("zh") and expected in missing.value.message("en")


def test_a_damaged_font_file_is_a_clear_error(tmp_path, monkeypatch, fresh_font_cache):
    fonts = tmp_path / "home" / "resources" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / resources.FONT_FILE).write_bytes(b"not a font at all" * 10)
    monkeypatch.setenv("SKILLDESK_HOME", str(tmp_path / "home"))
    resources.root.cache_clear()
    with pytest.raises(FontMissingError) as damaged:
        register_cjk_font()
    assert damaged.value.code == "pdf.font_unreadable"
    assert str(fonts / resources.FONT_FILE) in damaged.value.message()


def test_the_font_is_registered_once(fresh_font_cache):
    name = register_cjk_font()
    assert register_cjk_font() == name
    assert pdf_fonts.cjk_font() is pdf_fonts.cjk_font()


def pdf_font_names(path: Path) -> list[str]:
    """The fonts pdffonts lists as embedded, without their subset prefixes."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [line.split()[0].split("+", 1)[-1] for line in lines if line.split()[-5] == "yes"]


def test_rare_name_characters_print_in_the_embedded_fallback_faces(tmp_path):
    """陈䶮 (Extension A) and 王𠮷祥 (Extension B) print, embedded, and read back from the PDF."""
    assert missing_glyphs("陈䶮") == [] and missing_glyphs("王𠮷祥") == []
    data = replace(sheet_data(), trainees=[SigninTrainee(1, "陈䶮", "3201**********0001"),
                                           SigninTrainee(2, "王𠮷祥", "3201**********0002")])
    render = render_signin_sheets(data)
    assert render.warnings == []
    path = write(tmp_path, render.pdf)
    assert pdf_font_names(path) == ["WenQuanYiMicroHei-0", "SkillDeskHanazonoA-Regular", "SkillDeskHanazonoB-Regular"]
    text = pdf_pages_text(path)[0]
    assert "陈䶮" in text and "王𠮷祥" in text


def test_a_sheet_of_common_names_reads_no_fallback_face(tmp_path, fresh_font_cache):
    render = render_signin_sheets(sheet_data())
    assert pdf_font_names(write(tmp_path, render.pdf)) == ["WenQuanYiMicroHei-0"]
    assert pdf_fonts._fallbacks == {}  # the 30 MB face B is read only when a name needs it


def test_a_missing_fallback_face_leaves_its_characters_reported(tmp_path, monkeypatch, fresh_font_cache):
    home = tmp_path / "home"
    (home / "resources" / "fonts").mkdir(parents=True)
    (home / "resources" / "fonts" / resources.FONT_FILE).write_bytes(resources.font_path().read_bytes())
    monkeypatch.setenv("SKILLDESK_HOME", str(home))
    resources.root.cache_clear()
    render = render_signin_sheets(replace(sheet_data(), trainees=[SigninTrainee(1, "陈䶮", "3201**********0001")]))
    assert [(p.code, p.params["chars"]) for p in render.warnings] == [("signin.name_glyphs_missing", "䶮")]
