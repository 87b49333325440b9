"""The personal-data lint: what it finds, what it leaves alone, how it reports."""
from __future__ import annotations

import pytest

from conftest import make_project
from macros.core.personal import find, id_card_valid, mask
from macros.outputs.compose import load

# 11010519491231002X is the worked example of GB 11643.
VALID_ID = "11010519491231002X"


@pytest.mark.parametrize("number, ok", [
    (VALID_ID, True),
    ("110105194912310021", False),  # wrong check digit
    ("11010519491331002X", False),  # month 13: not a birth date
    ("12345678901234567", False),  # 17 digits
])
def test_id_card_check_digit(number, ok):
    assert id_card_valid(number) is ok


def kinds(text, mailboxes=frozenset()):
    return [(kind.split(" ")[0], value) for _, kind, value in find(text, mailboxes)]


def test_finds_each_kind():
    text = (f"身份证 {VALID_ID}；学籍号 G{VALID_ID}；电话 13812345678 或 +86 139-1234-5678；"
            "邮件 zhang.san@school.cn")
    assert kinds(text) == [
        ("全国学籍号", f"G{VALID_ID}"),
        ("身份证号", VALID_ID),
        ("手机号", "13812345678"), ("手机号", "+86 139-1234-5678"),
        ("个人邮箱", "zhang.san@school.cn"),
    ]


@pytest.mark.parametrize("text", [
    "编号 2023-新生入学-001",  # the document naming rule
    "日期 2026-01-19，第 12345678901234 号",  # long digit runs that are no phone
    "110105194912310021",  # ID shape, bad check digit
    "电话 12812345678",  # 12x is no mobile prefix
    "示例 someone@example.com 和 a@b.example",  # reserved example domains
    "ISBN 978-7-111-12345-6，订单号 20261119138123456789",  # digits inside longer numbers
])
def test_leaves_non_personal_values_alone(text):
    assert kinds(text) == []


# Red-team review 2026-12, F4: every spelling below once passed the check.
@pytest.mark.parametrize("text, kind, value", [
    ("138.1234.5678", "手机号", "138.1234.5678"),
    ("(138)1234-5678", "手机号", "(138)1234-5678"),
    ("138  1234  5678", "手机号", "138  1234  5678"),
    ("138\u30001234\u30005678", "手机号", "138 1234 5678"),  # U+3000, normalised
    ("138\u00a01234\u00a05678", "手机号", "138 1234 5678"),  # NBSP
    ("１３８１２３４５６７８", "手机号", "13812345678"),  # full-width digits
    ("0086 13812345678", "手机号", "0086 13812345678"),
    (f"IDNo{VALID_ID}", "身份证号", VALID_ID),
    (f"{VALID_ID[:-1]}0abc".replace("0abc", "X") + "abc", "身份证号", VALID_ID),
    (f"学籍号 g{VALID_ID}", "全国学籍号", f"g{VALID_ID}"),
    ("zhang.san＠school.edu.cn", "个人邮箱", "zhang.san@school.edu.cn"),
    ("张三@学校.中国", "个人邮箱", "张三@学校.中国"),
])
def test_finds_other_spellings(text, kind, value):
    from macros.core.personal import normalise
    assert kinds(normalise(text)) == [(kind, value)]


def test_a_long_run_of_percent_signs_costs_one_pass():
    """F11: the e-mail pattern once took 31 s on 200,000 `%` and an `@`."""
    import time
    start = time.perf_counter()
    assert kinds("%" * 200_000 + "@") == []
    assert kinds("a" * 200_000 + "@b.cn x") == []
    assert time.perf_counter() - start < 1.0


def test_redact_masks_every_hit_in_a_message():
    from macros.core.personal import redact
    assert redact(f"更新 值班 138 1234 5678 身份证 {VALID_ID}") == "更新 值班 138****5678 身份证 110***********002X"


def test_functional_mailboxes_are_allowed():
    assert kinds("写信给 xueji@school.cn", frozenset({"xueji@school.cn"})) == []


def test_values_are_masked_in_messages():
    assert mask("13812345678") == "138****5678"
    assert mask("zhang.san@school.cn") == "z***@school.cn"
    assert VALID_ID not in mask(VALID_ID)


def _project(tmp_path, files):
    root = make_project(tmp_path)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_reports_in_data_comments_checklists_and_docs(tmp_path):
    root = _project(tmp_path, {
        "docs/page.md": "# 页面\n\n联系 13812345678\n",
        "data/glossary.yml": (make_project(tmp_path / "b") / "data/glossary.yml").read_text(encoding="utf-8")
        + f"# 备注 {VALID_ID}\n",
    })
    got = [(p.file, p.line, p.col, p.rule) for p in load(root).errors]
    assert ("docs/page.md", 3, 4, "personal-data") in got
    assert any(f == "data/glossary.yml" and r == "personal-data" for f, _, _, r in got)
    assert all(VALID_ID not in p.message for p in load(root).errors)


def test_allowlist_marks_fictitious_examples(tmp_path):
    root = _project(tmp_path, {
        "docs/page.md": "示例：13812345678\n",
        "data/privacy.yml": "functional_mailboxes: []\nallowlist:\n"
                            "  - {value: '13812345678', reason: 培训用的虚构号码。}\n",
    })
    assert load(root).errors == []


ESCAPED = (
    "  - id: zz-duty-phone\n    name: 值班电话\n    source: [三.一]\n"
    '    definition: "值班手机 \\x31\\x33\\x38\\x31\\x32\\x33\\x34\\x35\\x36\\x37\\x38，学籍号 G1101051949\\\n'
    '      1231002X，备用 139\n      1234 5678"\n')


def test_loaded_values_are_scanned_at_their_node(tmp_path):
    """F3: YAML escapes, `\\` continuation and folding spell numbers the raw
    text does not show; the loaded value is what gets published."""
    base = (make_project(tmp_path / "b") / "data/glossary.yml").read_text(encoding="utf-8")
    root = _project(tmp_path, {"data/glossary.yml": base + ESCAPED})
    line = base.count("\n") + 4
    got = [p.format() for p in load(root).errors]
    tail = ". Remove it; if it is a fictitious example, add it to data/privacy.yml allowlist with a reason"
    assert got == [
        f"data/glossary.yml:{line}:5: error: loaded value looks like personal data, a 全国学籍号 (national student "
        f"number): G11************002X{tail}",
        f"data/glossary.yml:{line}:5: error: loaded value looks like personal data, a 手机号 (mobile number): "
        f"138****5678{tail}",
        f"data/glossary.yml:{line}:5: error: loaded value looks like personal data, a 手机号 (mobile number): "
        f"139****5678{tail}",
    ]


def test_every_published_file_and_name_is_scanned(tmp_path):
    """F5: any suffix, UTF-16, schemas, templates' CSS and file names."""
    root = _project(tmp_path, {
        "docs/javascripts/contacts.js": "const duty = '13812345678';\n",
        "docs/assets/card.svg": "<svg><text>13912345678</text></svg>\n",
        "checklists/templates/extra.css": "p::after { content: '13712345678'; }\n",
        "docs/13612345678.md": "# 页面\n",
    })
    (root / "docs/contacts.txt").write_bytes("值班 13512345678\n".encode("utf-16"))
    schema = root / "data/schemas/glossary.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title": "术语表"', '"title": "术语表 13412345678"'),
                      encoding="utf-8")
    got = sorted((p.file, p.line, p.message.split(":")[1].split(".")[0].strip())
                 for p in load(root).errors if p.rule == "personal-data")
    assert got == [
        ("checklists/templates/extra.css", 1, "137****5678"),
        ("data/schemas/glossary.schema.json", 4, "134****5678"),
        ("docs/13612345678.md", 1, "136****5678"),
        ("docs/assets/card.svg", 1, "139****5678"),
        ("docs/contacts.txt", 1, "135****5678"),
        ("docs/javascripts/contacts.js", 1, "138****5678"),
    ]


def test_shipped_content_has_no_false_positives():
    from conftest import ROOT
    assert [p.format() for p in load(ROOT).problems if p.rule == "personal-data"] == []



@pytest.mark.parametrize("spelt, shown", [("138\\t1234\\t5678", "138****5678"),
                                          ("\\uFF11\\uFF13\\uFF19 1234 5678", "139****5678")])
def test_a_number_only_the_loaded_value_spells_is_found_whatever_its_separators(tmp_path, spelt, shown):
    """Documents are walked only when their loaded values might hold a hit
    (privacy._may_hold, one JSON text per document): a tab, which JSON
    writes as an escape, still counts as a separator, and full-width digits
    as digits."""
    base = (make_project(tmp_path / "b") / "data/glossary.yml").read_text(encoding="utf-8")
    entry = f'  - id: zz-duty-phone\n    name: 值班电话\n    source: [三.一]\n    definition: "值班手机 {spelt}"\n'
    root = _project(tmp_path, {"data/glossary.yml": base + entry})
    line = base.count("\n") + 4
    assert [(p.file, p.line, p.message.split(": ")[-1].split(".")[0]) for p in load(root).errors] == [
        ("data/glossary.yml", line, shown)]
