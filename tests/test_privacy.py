"""The personal-data lint: what it finds, what it leaves alone, how it reports."""
from __future__ import annotations

import pytest

from conftest import make_project
from macros.check.privacy import find, id_card_valid, mask
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
    f"X{VALID_ID}",  # letters glued on: not a number on its own
])
def test_leaves_non_personal_values_alone(text):
    assert kinds(text) == []


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


def test_shipped_content_has_no_false_positives():
    from conftest import ROOT
    assert [p.format() for p in load(ROOT).problems if p.rule == "personal-data"] == []
