"""Certificates (培训合格证书) read back with poppler and zbar, as a viewer, a printer and a phone would."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from reportlab.lib.units import mm

from desktop_app import resources
from desktop_app.documents import pdf_fonts
from desktop_app.documents.certificate_pdf import (
    CertificateContent,
    CertificateError,
    TemplateError,
    baseline_render,
    default_template,
    load_template,
    parse_template,
    render_certificates,
    render_one,
)
from desktop_app.documents.pdf_fonts import FontMissingError, missing_glyphs

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "SKD1.GL2024-000123.MEUCIQDk3x7Qm3Kp9Lw2Zr8Tn4Vb6Yc1Hd5Jf0SgaAbBcCdDeEfFgGhH"
LONG_PAYLOAD = "SKD1.GL2024-000123." + "x7Qm3Kp9Lw2Zr8Tn4Vb6Yc1Hd5Jf0Sg-_" * 8 + "END"  # about 300 characters


def content(number: str = "GL2024-000123", **changes) -> CertificateContent:
    base = CertificateContent(
        number=number, name="张小凤", id_masked="3201**********123X", occupation="中式烹调师",
        level_label="五级/初级工", hours_label="64 课时", start_date=date(2024, 5, 6), end_date=date(2024, 6, 30),
        institution="南京市鼓楼区职业技能培训学校", issue_date=date(2024, 7, 1), qr_payload=PAYLOAD)
    return replace(base, **changes)


def template_data() -> dict:
    return json.loads(resources.template_path("certificate_default.json").read_text(encoding="utf-8"))


def field_entry(data: dict, key: str) -> dict:
    return next(item for item in data["fields"] if item["key"] == key)


def write(tmp_path: Path, pdf: bytes, name: str = "certificate.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pages_text(path: Path) -> list[str]:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def words(path: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(text, xMin, yMin, xMax, yMax) of every word on `page` (y from the top), from pdftotext -bbox."""
    result = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                            capture_output=True, text=True, check=True)
    found = []
    for element in ElementTree.fromstring(result.stdout).iter():
        if element.tag.endswith("word"):
            found.append((element.text or "", *(float(element.get(key)) for key in ("xMin", "yMin", "xMax", "yMax"))))
    return found


def word(path: Path, text: str, page: int = 1) -> tuple[str, float, float, float, float]:
    matches = [item for item in words(path, page) if text in item[0]]
    assert len(matches) == 1, (text, words(path, page))
    return matches[0]


def decode_qr(tmp_path: Path, pdf: bytes, page: int = 1) -> list[str]:
    path = write(tmp_path, pdf, "qr.pdf")
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(tmp_path / "page")], check=True)
    result = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "page.png")], capture_output=True)
    return result.stdout.decode("utf-8").splitlines()


@pytest.fixture(scope="module")
def template():
    return default_template()


@pytest.fixture
def fresh_font_cache():
    """Forget where the font was found, before and after: resources.root() is cached too."""
    resources.root.cache_clear()
    pdf_fonts.reset_font_cache()
    yield
    resources.root.cache_clear()
    pdf_fonts.reset_font_cache()


# ----------------------------------------------------------------------------- the template


def test_the_default_template_is_an_a4_landscape_sheet(template):
    assert (template.page_width_mm, template.page_height_mm) == (297, 210)
    keys = {item.key for item in template.fields}
    assert {"title", "name", "id_masked", "occupation", "level", "hours", "period", "institution", "number",
            "issue_date", "qr", "seal_note", "text"} <= keys
    assert template.background is None and template.frame is not None


def test_a_portrait_or_custom_page(tmp_path):
    data = template_data()
    data["page"] = {"size": "custom", "width_mm": 300, "height_mm": 320, "orientation": "portrait"}
    parsed = parse_template(data, source="custom.json")
    assert (parsed.page_width_mm, parsed.page_height_mm) == (300, 320)
    data["page"] = {"size": "custom", "width_mm": 320, "height_mm": 300}  # taken as written
    assert (parse_template(data).page_width_mm, parse_template(data).page_height_mm) == (320, 300)
    data["page"] = {"size": "A4", "orientation": "portrait"}
    with pytest.raises(TemplateError) as outside:  # the landscape layout does not fit a portrait sheet
        parse_template(data, source="portrait.json")
    assert outside.value.code == "certificate.template_box_outside"


def broken(change) -> dict:
    data = template_data()
    change(data)
    return data


def _set(path: list, value):
    def change(data):
        target = data
        for step in path[:-1]:
            target = target[step] if not isinstance(step, str) or not step.startswith("=") else \
                next(item for item in target if item["key"] == step[1:])
        target[path[-1]] = value
    return change


def _name_field(index_of: str = "name") -> int:
    return next(i for i, item in enumerate(template_data()["fields"]) if item["key"] == index_of) + 1


@pytest.mark.parametrize("change, code, where", [
    (_set(["fields", "=name", "x_mm"], 250), "certificate.template_box_outside", "(name)"),
    (_set(["fields", "=qr", "y_mm"], -5), "certificate.template_box_outside", "(qr)"),
    (_set(["fields", "=name", "widht_mm"], 10), "certificate.template_unknown", "widht_mm"),
    (_set(["fields", "=name", "font_size"], "large"), "certificate.template_not_number", "font_size"),
    (_set(["fields", "=name", "align"], "middle"), "certificate.template_bad_choice", "align"),
    (_set(["fields", "=name", "height_mm"], 3), "certificate.template_box_too_low", "(name)"),
    (_set(["fields", "=name", "max_lines"], 1.5), "certificate.template_bad_choice", "max_lines"),
    (_set(["fields", "=seal_note", "label"], " "), "certificate.template_label_required", "(seal_note)"),
    (_set(["fields", "=name", "key"], "nickname"), "certificate.template_bad_choice", "key"),
    (_set(["fields", "=qr", "label"], "扫码"), "certificate.template_unknown", "label"),
    (_set(["page", "size"], "Letter"), "certificate.template_bad_choice", "page / size"),
    (_set(["frame", "color"], "red"), "certificate.template_bad_choice", "frame / color"),
    (_set(["schema_version"], 2), "certificate.template_version", None),
    (_set(["fields"], []), "certificate.template_not_list", "fields"),
])
def test_a_broken_template_is_refused_naming_the_setting(change, code, where):
    with pytest.raises(TemplateError) as error:
        parse_template(broken(change), source="mine.json")
    assert error.value.code == code
    zh, en = error.value.message("zh"), error.value.message("en")
    assert "mine.json" in zh and "mine.json" in en
    if where is not None:
        assert where in zh and where in en


def test_the_box_outside_message_says_where_the_box_is():
    with pytest.raises(TemplateError) as error:
        parse_template(broken(_set(["fields", "=name", "x_mm"], 250)), source="mine.json")
    message = error.value.message("en")
    assert f"fields #{_name_field()} (name)" in message
    assert "lower left 250, 133 mm" in message and "297 × 210 mm" in message


def test_template_files_that_cannot_be_read(tmp_path):
    with pytest.raises(TemplateError) as missing:
        load_template(tmp_path / "nowhere.json")
    assert missing.value.code == "certificate.template_unreadable"
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "schema_version": 1,\n  "page": {"size": "A4",}\n}', encoding="utf-8")
    with pytest.raises(TemplateError) as not_json:
        load_template(bad)
    assert not_json.value.code == "certificate.template_not_json"
    assert not_json.value.params["line"] == 3


# ----------------------------------------------------------------------------- reading back


def test_a_certificate_reads_back_in_chinese(tmp_path, template):
    render = render_certificates([content()], template)
    assert render.pdf.startswith(b"%PDF") and render.pages == 1
    assert render.warnings == []
    (text,) = pages_text(write(tmp_path, render.pdf))
    for expected in ("培训合格证书", "张小凤", "3201**********123X", "中式烹调师", "五级/初级工", "64 课时",
                     "2024年5月6日", "2024年6月30日", "2024年7月1日", "南京市鼓楼区职业技能培训学校", "GL2024-000123",
                     "证书编号", "身份证号", "培训职业", "经考核合格，特发此证", "（培训机构盖章）"):
        assert expected in text, expected


def test_one_page_per_certificate_each_complete(tmp_path, template):
    people = [content(f"GL2024-{i:06d}", name=name, qr_payload=f"{PAYLOAD}{i}")
              for i, name in enumerate(["张三", "李四", "王五"], 1)]
    render = render_certificates(people, template)
    assert render.pages == 3
    texts = pages_text(write(tmp_path, render.pdf))
    assert len(texts) == 3
    for person, text in zip(people, texts):
        assert person.name in text and person.number in text
        assert "身份证号" in text and "特发此证" in text  # the shared parts on every page
    assert decode_qr(tmp_path, render.pdf, page=2) == [f"{PAYLOAD}2"]


def test_the_font_is_embedded_and_no_other_font_is_used(tmp_path, template):
    path = write(tmp_path, render_certificates([content(), content("GL2024-000124")], template).pdf)
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line for line in result.stdout.splitlines()[2:] if line.strip()]
    assert rows, result.stdout
    for row in rows:
        fields = row.split()
        assert fields[-5] == "yes", row  # emb
        assert "WenQuanYiMicroHei" in fields[0], row
    assert "Helvetica" not in result.stdout and "STSong" not in result.stdout


def test_poppler_renders_it_without_complaints(tmp_path, template):
    path = write(tmp_path, render_certificates([content()], template).pdf)
    result = subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr


# ----------------------------------------------------------------------------- the QR code


def test_the_qr_code_scans_to_the_payload(tmp_path, template):
    assert decode_qr(tmp_path, render_certificates([content()], template).pdf) == [PAYLOAD]


def test_a_signed_payload_with_the_name_in_it_scans_exactly(tmp_path, template):
    signed = ("1|GL2024-000123|阿依古丽·买买提|6501**********123X|4-03-02-01|5|2024-07-01|k7f3a9c2e|"
              "MEUCIQDk3x7Qm3Kp9Lw2Zr8Tn4Vb6Yc1Hd5Jf0SgaAbBcCdDeEfFgGhH-_iIjJkKlLmMnNoOpPqQrRsStTuUvVwWx")
    render = render_certificates([content(name="阿依古丽·买买提", qr_payload=signed)], template)
    assert decode_qr(tmp_path, render.pdf) == [signed]


def test_a_long_qr_payload_scans_too(tmp_path, template):
    assert 280 <= len(LONG_PAYLOAD) <= 320
    render = render_certificates([content(qr_payload=LONG_PAYLOAD)], template)
    assert render.warnings == []
    assert decode_qr(tmp_path, render.pdf) == [LONG_PAYLOAD]


def test_no_payload_no_code(tmp_path, template):
    render = render_certificates([content(qr_payload=None)], template)
    assert decode_qr(tmp_path, render.pdf) == []
    assert "张小凤" in pages_text(write(tmp_path, render.pdf))[0]


def test_a_payload_too_long_for_any_qr_code_is_an_error(template):
    with pytest.raises(CertificateError) as error:
        render_certificates([content(qr_payload="证" * 3000)], template)
    assert error.value.code == "certificate.qr_too_long"
    assert error.value.params["number"] == "GL2024-000123"


def test_a_qr_box_too_small_to_scan_is_warned_about():
    data = template_data()
    field_entry(data, "qr").update(width_mm=14, height_mm=14)
    small = parse_template(data, source="small.json")
    render = render_certificates([content(qr_payload=LONG_PAYLOAD)], small)
    assert [(p.code, p.params["number"]) for p in render.warnings] == [("certificate.qr_too_dense", "GL2024-000123")]


# ----------------------------------------------------------------------------- the same bytes


def test_the_same_certificates_give_the_same_bytes(template):
    people = [content(), content("GL2024-000124", name="李四")]
    first = render_certificates(people, template).pdf
    assert render_certificates(people, template).pdf == first
    assert render_certificates([content(), content("GL2024-000124", name="李五")], template).pdf != first


def test_the_same_bytes_in_another_process(template):
    script = ("import sys; from tests.documents.test_certificate_pdf import content; "
              "from desktop_app.documents.certificate_pdf import default_template, render_certificates; "
              "people = [content(), content('GL2024-000124', name='阿依古丽·买买提')]; "
              "sys.stdout.buffer.write(render_certificates(people, default_template()).pdf)")
    other = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, check=True).stdout
    people = [content(), content("GL2024-000124", name="阿依古丽·买买提")]
    assert other == render_certificates(people, template).pdf


def test_a_reprint_is_the_certificate_printed_alone(template):
    single = render_certificates([content()], template).pdf
    # Other certificates rendered before it in this process change nothing.
    render_certificates([content("GL2024-000999", name="赵六"), content()], template)
    assert render_one(content(), template) == single
    assert render_one(content("GL2024-000124"), template) != single


# ----------------------------------------------------------------------------- fitting the text


def test_the_printer_offset_moves_every_mark(tmp_path, template):
    plain = write(tmp_path, render_certificates([content()], template).pdf, "plain.pdf")
    shifted = write(tmp_path, render_certificates([content()], template, offset_mm=(5, -3)).pdf, "shifted.pdf")
    for text in ("张小凤", "培训合格证书", "身份证号：", "特发此证", "GL2024-000123"):
        before, after = word(plain, text), word(shifted, text)
        assert after[1] - before[1] == pytest.approx(5 * mm, abs=0.01), text  # right by 5 mm
        assert after[2] - before[2] == pytest.approx(3 * mm, abs=0.01), text  # down by 3 mm (y from the top)
    with pytest.raises(CertificateError) as error:
        render_certificates([content()], template, offset_mm=(0, 45))
    assert error.value.code == "certificate.offset_out_of_range"


def test_values_line_up_after_their_labels(tmp_path, template):
    path = write(tmp_path, render_certificates([content()], template).pdf)
    name, masked = word(path, "张小凤"), word(path, "3201**********123X")
    assert name[1] == pytest.approx(masked[1], abs=0.5)


def test_a_long_name_is_set_smaller_not_cut(tmp_path, template):
    long_name = "阿卜杜热合曼·阿卜杜克热木·买买提明·艾尔肯·吐尔逊"  # wider than the box at 17 pt
    render = render_certificates([content(), content("GL2024-000124", name=long_name)], template)
    assert render.warnings == []
    path = write(tmp_path, render.pdf)
    short, long = word(path, "张小凤", page=1), word(path, long_name, page=2)
    assert long[4] - long[2] < (short[4] - short[2]) * 0.95  # a smaller size, whole
    name_box = field_entry(template_data(), "name")
    assert long[3] <= (name_box["x_mm"] + name_box["width_mm"]) * mm + 0.5  # inside its box


def test_a_long_occupation_wraps_within_its_lines(tmp_path, template):
    occupation = "电子商务师（农村电商直播销售方向）暨网络营销与跨境电子商务运营综合技能提升专项"
    render = render_certificates([content(occupation=occupation)], template)
    assert render.warnings == []
    path = write(tmp_path, render.pdf)
    box = field_entry(template_data(), "occupation")
    page_height = 210 * mm
    inside = [item for item in words(path) if page_height - (box["y_mm"] + box["height_mm"]) * mm - 1 <= item[2]
              and item[4] <= page_height - box["y_mm"] * mm + 1 and item[0] != "培训职业："]
    assert len({round(item[4]) for item in inside}) == 2  # two lines …
    assert "".join(item[0] for item in sorted(inside, key=lambda item: (item[4], item[1]))) == occupation
    assert all(item[4] - item[2] > 10 for item in inside)  # … at a readable size (11 pt or more)


def test_text_that_cannot_fit_is_printed_whole_with_a_warning(tmp_path, template):
    impossible = "特别长的姓名" * 12
    render = render_certificates([content(name=impossible)], template)
    assert [(p.code, p.params["number"]) for p in render.warnings] == [("certificate.text_too_small", "GL2024-000123")]
    assert float(render.warnings[0].params["size"]) < 10
    assert "GL2024-000123" in render.warnings[0].message("zh") and render.warnings[0].message("en")
    text = pages_text(write(tmp_path, render.pdf))[0]
    assert impossible in text.replace("\n", "").replace(" ", "")


def test_a_name_with_a_middle_dot_prints_as_is(tmp_path, template):
    name = "阿依古丽·买买提"
    assert missing_glyphs(name) == []
    render = render_certificates([content(name=name)], template)
    assert render.warnings == []
    assert name in pages_text(write(tmp_path, render.pdf))[0]


def test_characters_missing_from_the_font_are_reported_with_the_number(tmp_path, template):
    assert missing_glyphs("王𰀀祥") == ["𰀀"]
    render = render_certificates([content(name="王𰀀祥"), content("GL2024-000124", name="李四")], template)
    assert [(p.code, p.params["number"], p.params["chars"]) for p in render.warnings] == [
        ("certificate.glyphs_missing", "GL2024-000123", "𰀀")]
    assert "GL2024-000123" in render.warnings[0].message("zh") and "𰀀" in render.warnings[0].message("en")
    text = pages_text(write(tmp_path, render.pdf))[0]
    assert "王" in text and "祥" in text and "𰀀" not in text  # an empty frame stands in for it


def test_a_rare_character_in_the_template_is_reported_once():
    data = template_data()
    field_entry(data, "seal_note")["label"] = "（𰀀野培训中心盖章）"
    render = render_certificates([content(), content("GL2024-000124")], parse_template(data, source="t.json"))
    assert [p.code for p in render.warnings] == ["certificate.template_glyphs_missing"]


# ----------------------------------------------------------------------------- preview background


def test_the_background_is_shown_in_the_preview_and_never_printed(tmp_path, template):
    from PIL import Image

    Image.new("RGB", (297, 210), (236, 222, 200)).save(tmp_path / "stock.png")
    data = template_data()
    data["preview_background"] = "stock.png"
    (tmp_path / "stock.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with_stock = load_template(tmp_path / "stock.json")
    assert with_stock.background == tmp_path / "stock.png"
    printed = render_certificates([content()], with_stock).pdf
    assert printed == render_certificates([content()], template).pdf  # as if there were no background
    preview = render_certificates([content()], with_stock, preview_background=True)
    assert b"/Subtype /Image" in preview.pdf and b"/Subtype /Image" not in printed
    assert preview.warnings == []
    (tmp_path / "stock.png").unlink()
    gone = render_certificates([content()], with_stock, preview_background=True)
    assert [p.code for p in gone.warnings] == ["certificate.background_missing"]


# ----------------------------------------------------------------------------- refusals


def test_nothing_to_print_is_refused(template):
    with pytest.raises(CertificateError) as error:
        render_certificates([], template)
    assert error.value.code == "certificate.nothing_to_print"


def test_a_missing_font_file_is_a_clear_error(tmp_path, monkeypatch, fresh_font_cache, template):
    empty_home = tmp_path / "empty"
    empty_home.mkdir()
    monkeypatch.setenv("SKILLDESK_HOME", str(empty_home))
    resources.root.cache_clear()
    with pytest.raises(FontMissingError) as missing:
        render_certificates([content()], template)
    expected = str(empty_home / "resources" / "fonts" / resources.FONT_FILE)
    assert missing.value.code == "pdf.font_missing"
    assert missing.value.params["path"] == expected


# ----------------------------------------------------------------------------- speed


def test_faster_than_plain_reportlab_with_its_qr_widget(template):
    """The benchmark in miniature: ours at most 0.7 x ReportLab's QrCodeWidget way, same run."""
    people = [content(f"GL2024-{i:06d}", name=f"学员{i:03d}", qr_payload=f"{PAYLOAD}{i:06d}") for i in range(20)]
    render_certificates(people[:2], template)
    baseline_render(people[:2], template)
    ours = baselines = 0.0
    for _ in range(2):
        started = time.perf_counter()
        render_certificates(people, template)
        ours += time.perf_counter() - started
        started = time.perf_counter()
        baseline_render(people, template)
        baselines += time.perf_counter() - started
    assert ours <= 0.7 * baselines, (ours, baselines)


def test_rare_name_characters_print_on_the_certificate(tmp_path, template):
    render = render_certificates([content(name="陈䶮"), content("GL2024-000124", name="王𠮷祥")], template)
    assert render.warnings == []
    path = write(tmp_path, render.pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "SkillDeskHanazonoA" in fonts and "SkillDeskHanazonoB" in fonts
    first, second = pages_text(path)[:2]
    assert "陈䶮" in first and "王𠮷祥" in second
