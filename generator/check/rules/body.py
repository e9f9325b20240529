"""Rules about the body (Phụ lục I, Phần I, Mục II, khoản 6) and the footer blocks: the end
mark, "Nơi nhận" and its list (khoản 9), and the signer (khoản 7)."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator

from generator.check.blocks import AUTHORITY, Zones, is_noi_nhan, is_signer_prefix, norm, plain
from generator.check.doc import WordDoc, is_rule_text
from generator.check.lines import Line, per_paragraph
from generator.vn import formats as vn
from generator.vn.placeholders import is_placeholder

from .base import (
    MM,
    Finding,
    alignment,
    check_look,
    check_upper,
    finding,
    missing,
    places,
    pt,
    sizes_outside,
)
from .header import issuing_lines

AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


# ---------------------------------------------------------------------------------------------
# Body (Mục II, khoản 6 điểm e)


def body_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """Size, alignment, indent and spacing of the body; each problem once, with its places."""
    body = zones.body
    sizes: dict[str, list[Line]] = defaultdict(list)
    aligns: dict[str, list[Line]] = defaultdict(list)
    indents: dict[str, list[Line]] = defaultdict(list)
    for line in body:
        for size in sizes_outside(doc, line, 13, 14):
            sizes[pt(size)].append(line)
        if not _prose(doc, line):
            continue
        align = doc.para_look(line.p).align
        if align not in ("both", "distribute"):
            aligns[alignment(align)].append(line)
        indent = _first_line_start(doc, line)
        if not 0.95 * 10 * MM <= indent <= 1.32 * 10 * MM:
            indents[f"{indent / MM / 10:.2f} cm".replace(".", ",")].append(line)
    yield from _grouped("ND30-BODY-SIZE", sizes, "Cỡ chữ phần nội dung phải từ 13 đến 14",
                        "13–14 pt")
    yield from _grouped("ND30-BODY-ALIGN", aligns, "Nội dung phải canh đều hai lề",
                        "canh đều hai lề")
    yield from _grouped("ND30-BODY-INDENT", indents, "Đầu dòng phải lùi vào 1 cm hoặc 1,27 cm",
                        "1–1,27 cm")
    yield from _spacing(doc, body)
    yield from _line_spacing(doc, body)


def _prose(doc: WordDoc, line: Line) -> bool:
    """A paragraph of running text: long enough to wrap, not a bold heading, not a tab row."""
    return len(line.text) >= 60 and not doc.mostly_bold(line) and not line.has_tabs


def _grouped(rule: str, offenders: dict[str, list[Line]], message: str,
             expected: str) -> Iterator[Finding]:
    """One finding per wrong value found (e.g. "12 pt"), naming the paragraphs that show it."""
    for found, lines in offenders.items():
        yield finding(rule, places([x.where for x in lines]), f"{message} ({len(lines)} đoạn).",
                      expected, found, lines[0].text)


def _first_line_start(doc: WordDoc, line: Line) -> float:
    """Where the first line starts, in points from the margin; a leading tab (a common way to
    indent by hand) moves it to the next default tab stop."""
    look = doc.para_look(line.p)
    start = look.left + look.first_line
    if line.after_tab and start < doc.default_tab():
        return doc.default_tab()
    return start


def _spacing(doc: WordDoc, body: list[Line]) -> Iterator[Finding]:
    gaps: dict[str, list[Line]] = defaultdict(list)
    paragraphs = per_paragraph(body)
    for previous, line in itertools.pairwise(paragraphs):
        if doc.next_paragraph(previous.p) is not line.p:
            continue                       # an empty paragraph or a table lies between
        gap = _gap(doc, previous, line)
        if gap < 6 - 0.05:
            gaps[pt(round(gap, 1))].append(line)
    yield from _grouped("ND30-BODY-SPACING", gaps, "Khoảng cách giữa các đoạn văn tối thiểu "
                        "là 6 pt", "≥ 6 pt")


def _gap(doc: WordDoc, previous: Line, line: Line) -> float:
    """Word adds the space after one paragraph to the space before the next; "Don't add space
    between paragraphs of the same style" (contextual spacing) drops a paragraph's own share."""
    a, b = doc.para_look(previous.p), doc.para_look(line.p)
    same = a.style == b.style
    return (0 if a.contextual and same else a.after) + (0 if b.contextual and same else b.before)


def _line_spacing(doc: WordDoc, body: list[Line]) -> Iterator[Finding]:
    wrong: dict[str, list[Line]] = defaultdict(list)
    for line in per_paragraph(body):
        look = doc.para_look(line.p)
        size = max(doc.sizes(line) or {14.0})
        if look.line_rule == "auto":
            if not 0.99 <= look.line <= 1.51:
                wrong[f"{look.line:g} dòng".replace(".", ",")].append(line)
        # "Exactly"/"at least" in points: single spacing of Times New Roman is 1.15 × size.
        elif not size <= look.line <= size * 1.15 * 1.5 + 0.5:
            wrong[pt(look.line)].append(line)
    yield from _grouped("ND30-BODY-LINE-SPACING", wrong, "Khoảng cách dòng phải từ dòng đơn "
                        "đến 1,5 dòng", "1–1,5 dòng")


def basis_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """The căn cứ block at the top of the body (ô 6): italic, one căn cứ per line ending ";",
    the last line (a decision's "Theo đề nghị của …" included) ending "."."""
    block = basis_block(zones.body)
    if not block:
        return
    upright = [line for line in block if not doc.all_italic(line)]
    if upright:
        yield finding("ND30-CAN-CU", places([zones.where(x) for x in upright]),
                      f"Căn cứ ban hành phải in nghiêng ({len(upright)} dòng).", "in nghiêng",
                      "chữ đứng", upright[0].text)
    for line in block[:-1]:
        if not line.text.endswith(";"):
            yield finding("ND30-CAN-CU", zones.where(line), "Mỗi căn cứ kết thúc bằng dấu chấm "
                          "phẩy (;), trừ dòng cuối.", "…;", f"…{line.text[-1:]}", line.text)
    last = block[-1]
    if not last.text.endswith("."):
        yield finding("ND30-CAN-CU", zones.where(last), "Dòng cuối của phần căn cứ kết thúc "
                      "bằng dấu chấm (.).", "….", f"…{last.text[-1:]}", last.text)


def basis_block(body: list[Line]) -> list[Line]:
    """The lines "Căn cứ …" (then "Theo/Xét đề nghị của …") that open the body: the first one
    among its first three lines (after a decision's authority or a "Kính gửi"); a "căn cứ"
    further down is running text, not the căn cứ ban hành."""
    shown = [line for line in body if line.text]
    start = next((i for i, line in enumerate(shown[:3]) if _is_basis(line.text)), None)
    if start is None:
        return []
    end = start
    while end < len(shown) and (_is_basis(shown[end].text)
                                or plain(shown[end].text).startswith(PROPOSED)):
        end += 1
    return shown[start:end]


PROPOSED = ("theo de nghi", "xet de nghi")


def _is_basis(text: str) -> bool:
    return plain(text).startswith("can cu ")


def end_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """The body ends with "./."."""
    if not zones.body:
        return
    last = zones.body[-1]
    if not last.text.rstrip().endswith("./."):
        yield finding("ND30-END-MARK", last.where, "Đoạn cuối của nội dung văn bản phải kết "
                      "thúc bằng dấu “./.”.", "…./.", last.text[-20:], last.text)


# ---------------------------------------------------------------------------------------------
# Footer (Mục II, khoản 7 and 9)


def footer_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """The "Nơi nhận" label and list (left column) and the signer block (right column)."""
    lines = [x for x in zones.footer if x.text]
    label = next((x for x in lines if is_noi_nhan(x.text)), None)
    yield from _noi_nhan(doc, zones, label, lines)
    right = [x for x in lines if _column(doc, x) == "right" and x is not label
             and not is_rule_text(x.text)]
    signer = [x for x in right if not re.fullmatch(r"\(.*\)", x.text)]
    if right and is_placeholder(right[-1].text) and right[-1] not in signer:
        # A draft's "(Họ và tên)" holds the name's place (ND30-PLACEHOLDER reports it).
        signer.append(right[-1])
    yield from _signer(doc, zones, signer)
    yield from _signer_form(doc, zones, signer)


def _column(doc: WordDoc, line: Line) -> str:
    """'left' (Nơi nhận) or 'right' (signer) for a footer line, from its table column, where
    its tab stop puts it, or (stacked paragraphs) its alignment and indent."""
    if line.cell is not None and line.cell.cols >= 2:
        return "left" if line.cell.col == 0 else "right"
    if line.x is not None:
        return "left" if line.x < doc.half_width else "right"
    look = doc.para_look(line.p)
    indented = max(look.left, look.left + look.first_line) >= 50 * MM
    return "right" if look.align in ("center", "right", "end") or indented else "left"


def _noi_nhan(doc: WordDoc, zones: Zones, label: Line | None,
              lines: list[Line]) -> Iterator[Finding]:
    if label is None:
        yield missing("ND30-NOI-NHAN", "“Nơi nhận:”", "cuối văn bản")
        return
    where = zones.where(label)
    if norm(label.text) != "Nơi nhận:":
        yield finding("ND30-NOI-NHAN", where, "Viết “Nơi nhận”, sau có dấu hai chấm (:).",
                      "Nơi nhận:", label.text, label.text)
    yield from check_look(doc, zones, "ND30-NOI-NHAN", label, "“Nơi nhận”", 12, 12)
    if not doc.all_italic(label):
        yield finding("ND30-NOI-NHAN", where, "“Nơi nhận” phải in nghiêng, đậm.",
                      "nghiêng, đậm", "không nghiêng", label.text)
    items = [x for x in lines if x.index > label.index and _column(doc, x) == "left"]
    yield from _recipients(doc, zones, items, where)


def _recipients(doc: WordDoc, zones: Zones, items: list[Line],
                label_where: str) -> Iterator[Finding]:
    if not items:
        yield missing("ND30-NOI-NHAN-LIST", "danh sách nơi nhận", label_where)
        return
    sizes = [x for x in items if sizes_outside(doc, x, 11, 11)]
    if sizes:
        yield finding("ND30-NOI-NHAN-LIST", places([zones.where(x) for x in sizes]), "Danh sách "
                      "nơi nhận phải cỡ chữ 11.", "11 pt",
                      ", ".join(pt(s) for s in sorted(doc.sizes(sizes[0]))), sizes[0].text)
    for n, item in enumerate(items):
        problem = _recipient_problem(item.text, last=n == len(items) - 1)
        if problem:
            yield finding("ND30-NOI-NHAN-LIST", zones.where(item), problem[0], problem[1],
                          item.text, item.text)


def _recipient_problem(text: str, last: bool) -> tuple[str, str] | None:
    text = norm(text)
    if text[:1] not in ("-", "–", "−", "+") or not text[1:2].isspace():
        return "Mỗi nơi nhận bắt đầu bằng gạch đầu dòng (-).", "- …;"
    if not last:
        return None if text.endswith(";") else ("Mỗi nơi nhận kết thúc bằng dấu chấm phẩy (;).",
                                                "- …;")
    if not re.match(r"^[-–−] Lưu: VT\b", text):
        return "Dòng cuối cùng là “- Lưu: VT, …” (nơi lưu văn bản).", "- Lưu: VT, <đơn vị>."
    return None if text.endswith(".") else ("Dòng “Lưu” kết thúc bằng dấu chấm (.).",
                                            "- Lưu: VT, <đơn vị>.")


def _signer(doc: WordDoc, zones: Zones, lines: list[Line]) -> Iterator[Finding]:
    if not lines:
        yield missing("ND30-SIGNER", "quyền hạn, chức vụ và họ tên người ký", "cuối văn bản")
        return
    name, titles = lines[-1], lines[:-1]
    if not titles:
        yield finding("ND30-SIGNER", zones.where(name), "Thiếu chức vụ hoặc họ tên người ký.",
                      "chức vụ và họ tên", name.text, name.text)
        return
    first = titles[0].text
    if is_signer_prefix(first) and not AUTHORITY.match(first):
        yield finding("ND30-SIGNER", zones.where(titles[0]), "Quyền hạn ký viết tắt là “TM.”, "
                      "“KT.”, “Q.”, “TL.” hoặc “TUQ.” rồi đến chức vụ.", ", ".join(AUTHORITIES),
                      first.split()[0], first)
    for line in titles:
        yield from check_upper(doc, zones, "ND30-SIGNER", line, "Quyền hạn, chức vụ người ký")
        yield from check_look(doc, zones, "ND30-SIGNER", line, "quyền hạn, chức vụ người ký", 13,
                              14)
    yield from check_look(doc, zones, "ND30-SIGNER", name, "họ tên người ký", 13, 14)


def _signer_form(doc: WordDoc, zones: Zones, lines: list[Line]) -> Iterator[Finding]:
    """The signer block as the forms draw it: at most three lines of authority and title
    (TM. / KT. / title), and "TM." first when a collective body (Ủy ban nhân dân, Hội đồng …)
    issues the document in its own name (Art. 13; Phụ lục I, ô 7a)."""
    if len(lines) < 2:
        return
    titles = lines[:-1]
    if len(titles) > vn.MAX_SIGNER_TITLE_LINES:
        yield finding("ND30-SIGNER-LINES", zones.where(titles[0]),
                      f"Khối chữ ký có {len(titles)} dòng quyền hạn, chức vụ; các mẫu của Nghị "
                      f"định 30/2020/NĐ-CP có tối đa {vn.MAX_SIGNER_TITLE_LINES} dòng (ví dụ TM. "
                      "ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).",
                      f"≤ {vn.MAX_SIGNER_TITLE_LINES} dòng", f"{len(titles)} dòng",
                      " / ".join(x.text for x in titles))
    issuing = " ".join(norm(x.text) for x in issuing_lines(doc, zones))
    if not issuing or not vn.is_collective_body(issuing) or norm(titles[0].text).startswith("TM."):
        return
    if _head_decides(zones):
        return
    kind = vn.collective_kind(issuing) or issuing
    yield finding("ND30-SIGNER-TM", zones.where(titles[0]),
                  f"{issuing} làm việc theo chế độ tập thể: người ký thay mặt tập thể, dòng đầu "
                  f"khối chữ ký là “TM. {vn.upper_vi(kind)}”.", f"TM. {vn.upper_vi(kind)}",
                  titles[0].text, titles[0].text)


def _head_decides(zones: Zones) -> bool:
    """A Quyết định whose authority line names a person ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"):
    the head decides in his own name and signs without TM."""
    if zones.type_name is None or norm(zones.type_name.text) != "QUYẾT ĐỊNH":
        return False
    # the first line in capitals after the trích yếu, whose lines may be set with breaks
    authority = next((x for x in zones.body[:8] if x.text and x.text == vn.upper_vi(x.text)
                      and not x.text.startswith("QUYẾT ĐỊNH")), None)
    return authority is not None and not vn.is_collective_body(authority.text)
