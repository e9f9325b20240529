"""Rules for Bằng khen and Giấy khen. A certificate is not an administrative document of Nghị
định 30/2020: it has no "Số:", no body and no "Nơi nhận". Its layout is the award's design
(Nghị định 50/2006, Điều 28, whose order Nghị định 85/2014 kept), so `thidua check` recognises a
certificate and checks that design instead of Phụ lục I: the blocks in their order, the red
lines, landscape paper, and one certificate per page in a print file."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from generator.check.blocks import is_quoc_hieu, is_tieu_ngu, plain
from generator.check.doc import WordDoc
from generator.check.lines import Line

from .base import Finding, finding
from .page import page_size, unicode_rules

TITLES = {"bang khen": "Bằng khen", "giay khen": "Giấy khen"}
_NUMBER = re.compile(r"^so\s*:")                          # "Số: 15/KH-VPCP" of a document
_DECISION = re.compile(r"\b(so quyet dinh|quyet dinh so|so qd|qd so)\b")
_PLACE_DATE = re.compile(r",\s*ngay\b.*\bthang\b.*\bnam\b")


def certificate_title(doc: WordDoc) -> str | None:
    """'Bằng khen' or 'Giấy khen' if *doc* is a certificate, else None: a line that is only
    that title, and no "Số:" line (a decision that lists Bằng khen has one)."""
    keys = [plain(line.text) for line in doc.lines]
    if any(_NUMBER.match(key) for key in keys):
        return None
    return next((TITLES[key] for key in keys if key in TITLES), None)


def certificate_rules(doc: WordDoc, title: str) -> Iterator[Finding]:
    """The design of every certificate in *doc* (a print file holds many), then its paper."""
    yield from _landscape(doc)
    certificates = _split(doc.lines)
    for number, lines in enumerate(certificates, start=1):
        label = f"{title} thứ {number}: " if len(certificates) > 1 else ""
        yield from _order(doc, lines, label)
        if number > 1 and not _new_page(doc, lines[0]):
            yield finding("CERT-PAGE", label + lines[0].where, "Mỗi tờ phải bắt đầu ở trang "
                          "mới (ngắt trang trước Quốc hiệu).", "ngắt trang", "không có",
                          lines[0].text)
    yield from unicode_rules(doc)


def _landscape(doc: WordDoc) -> Iterator[Finding]:
    many = len(doc.sections) > 1
    for section in doc.sections:
        width, height = page_size(section.element)
        if width is not None and height is not None and width < height:
            where = f"phần {section.index + 1} (section)" if many else "trang giấy"
            yield finding("CERT-ORIENTATION", where, "Bằng khen, Giấy khen in theo chiều ngang "
                          "(chiều dài nằm ngang).", "chiều ngang", "chiều dọc")


def _split(lines: list[Line]) -> list[list[Line]]:
    """The lines of each certificate: a new one starts at every Quốc hiệu."""
    shown = [line for line in lines if line.text]
    starts = [i for i, line in enumerate(shown) if is_quoc_hieu(line.text)] or [0]
    starts[0] = 0
    return [shown[a:b] for a, b in zip(starts, [*starts[1:], len(shown)], strict=True)]


def _find(lines: list[Line], start: int, test: Callable[[str], bool]) -> int | None:
    return next((i for i in range(start, len(lines)) if test(plain(lines[i].text))), None)


def _order(doc: WordDoc, lines: list[Line], label: str) -> Iterator[Finding]:
    """Quốc hiệu, Tiêu ngữ, the awarding authority (red), "TẶNG", the title (red), the
    recipient; then the decision's number and date, and the place and date over the signer."""
    where = label + (lines[0].where if lines else "")

    def missing(name: str, after: str) -> Finding:
        return finding("CERT-ORDER", where, f"Không tìm thấy {name} (sau {after}).", name,
                       "không có")

    quoc_hieu = _find(lines, 0, is_quoc_hieu)
    tieu_ngu = _find(lines, quoc_hieu or 0, is_tieu_ngu)
    if quoc_hieu is None:
        yield finding("CERT-ORDER", where, "Không tìm thấy Quốc hiệu ở đầu tờ.", "Quốc hiệu",
                      "không có")
    if tieu_ngu is None:
        yield missing("Tiêu ngữ", "Quốc hiệu")
    tang = _find(lines, (tieu_ngu or 0) + 1, lambda key: key == "tang")
    title = _find(lines, (tang if tang is not None else (tieu_ngu or 0)) + 1,
                  lambda key: key in TITLES)
    if tang is None:
        yield missing("dòng “TẶNG”", "tên cơ quan, người tặng")
    if title is None:
        yield missing("dòng “BẰNG KHEN” hoặc “GIẤY KHEN”", "“TẶNG”")
        return
    authority = lines[(tieu_ngu or 0) + 1:tang if tang is not None else title]
    if not authority:
        yield missing("cơ quan hoặc người tặng (in màu đỏ)", "Tiêu ngữ")
    yield from _red(doc, [*authority, lines[title]], label)
    decision = _find(lines, title + 1, lambda key: bool(_DECISION.search(key)))
    place = _find(lines, title + 1, lambda key: bool(_PLACE_DATE.search(key)))
    ends = [i for i in (decision, place) if i is not None]
    if title + 1 >= min(ends, default=len(lines)):
        yield missing("tên người hoặc tập thể được tặng", "dòng “" + lines[title].text + "”")
    if decision is None:
        yield missing("số và ngày Quyết định khen thưởng (“Số quyết định: …”)",
                      "thành tích")
    if place is None:
        yield missing("địa danh và ngày tháng năm (“…, ngày … tháng … năm …”)", "thành tích")
    elif len([x for x in lines[place + 1:] if not _decision_part(plain(x.text))]) < 2:
        yield missing("chức vụ và họ tên người ký", "địa danh và ngày tháng năm")


def _decision_part(key: str) -> bool:
    """A line of the decision block at the bottom left: its number, its date, the số sổ vàng
    (in reading order it may come between the signer's title and name)."""
    return bool(_DECISION.search(key)) or key.startswith("ngay ") or "so vang" in key


def _red(doc: WordDoc, lines: list[Line], label: str) -> Iterator[Finding]:
    """The awarding authority and the title print in red (Nghị định 50/2006, Điều 28)."""
    for line in lines:
        colours = {doc.run_color(r) for r in doc.visible_runs(line)}
        if colours and not all(_is_red(c) for c in colours):
            shown = ", ".join(sorted(c or "tự động (đen)" for c in colours))
            yield finding("CERT-RED", label + line.where, "Dòng này phải in màu đỏ.", "màu đỏ",
                          shown, line.text)


def _is_red(colour: str | None) -> bool:
    """Red as Word users pick it: a strong red channel, weak green and blue (FF0000, C00000)."""
    if colour is None or not re.fullmatch(r"[0-9A-F]{6}", colour):
        return False
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return red >= 0xA0 and green <= 0x50 and blue <= 0x50


def _new_page(doc: WordDoc, line: Line) -> bool:
    return line.new_page or doc.para_look(line.p).page_break_before
