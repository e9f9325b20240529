"""What counts as a placeholder left to fill in (the brackets `thidua init-unit` writes)."""

from __future__ import annotations

import pytest

from generator.unit_drafts import NAME_PLACEHOLDER, TARGET_PLACEHOLDER
from generator.vn.placeholders import is_placeholder, placeholders


@pytest.mark.parametrize(("text", "expected"), [
    (NAME_PLACEHOLDER, True),
    (TARGET_PLACEHOLDER, True),
    ("(Nội dung hoạt động)", True),
    (" (Bộ phận chủ trì) ", True),
    ("Nguyễn Văn An", False),
    ("Tặng Bằng khen (có danh sách kèm theo).", False),      # a bracket inside a sentence
    ("(có danh sách kèm theo)", False),                       # lower case: text, not an order
    ("(2021-2022)", False),
    ("(a) (b)", False),
    ("", False),
], ids=repr)
def test_is_placeholder(text, expected):
    assert is_placeholder(text) is expected


def test_placeholders_gives_the_path_of_each():
    data = {"$schema": "(X)", "signer": {"name": "(Họ và tên)"}, "targets": ["ok", "(Ghi)"]}
    assert list(placeholders(data)) == [(("signer", "name"), "(Họ và tên)"),
                                        (("targets", 1), "(Ghi)")]
