"""The Nghị định 30/2020 rules of `thidua check`: what each rule id stands for, and how a
finding is written.

:data:`RULES` is the table docs/check-rules.md is written from (a test keeps the two in step).
The rules themselves are grouped by the part of the document they read:
:mod:`~generator.checker_rules_page` (paper, margins, fonts, page numbers),
:mod:`~generator.checker_rules_header` (header and title blocks) and
:mod:`~generator.checker_rules_body` (body and footer blocks). Each group receives the
:class:`~generator.checker_doc.WordDoc` of a document and its
:class:`~generator.checker_blocks.Zones`, and uses only their methods. A missing block gives one
finding for that block; the rules that need it are then skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.check.blocks import Zones, norm
from generator.check.doc import WordDoc
from generator.check.lines import Line
from generator.vn.formats import upper_vi

MM = 72 / 25.4          # points per millimetre


@dataclass(frozen=True)
class Finding:
    """One departure from Nghị định 30/2020 found in a document."""

    rule: str            # "ND30-PAGE-SIZE" …
    severity: str        # "error" | "warning"
    where: str           # "bảng tiêu đề (hàng 1, cột 2)", "đoạn 12" …
    excerpt: str         # the text concerned, shortened
    expected: str
    found: str
    message: str         # Vietnamese, for the clerk


@dataclass(frozen=True)
class Rule:
    """What a rule id stands for (docs/check-rules.md is written from this table)."""

    severity: str
    checks: str
    clause: str


_I, _II = "Phụ lục I, Phần I, Mục I", "Phụ lục I, Phần I, Mục II"
_AWARD = "Nghị định 50/2006/NĐ-CP, Điều 28 (kept by Nghị định 85/2014/NĐ-CP)"

RULES: dict[str, Rule] = {
    "ND30-PAGE-SIZE": Rule("error", "A4 paper, 210 × 297 mm (±0.5 mm)", f"{_I}, khoản 1"),
    "ND30-ORIENTATION": Rule("error", "portrait; landscape only for a section whose body holds "
                                      "a wide table (7 columns or more, or 4 or more and wider "
                                      "than 170 mm)", f"{_I}, khoản 2"),
    "ND30-MARGINS": Rule("error", "margins top 20–25, bottom 20–25, left 30–35 (gutter "
                                  "included), right 15–20 mm (±0.1 mm)", f"{_I}, khoản 3"),
    "ND30-FONT": Rule("error", "Times New Roman is the effective font (ascii/hAnsi slots, and "
                               "eastAsia where w:hint says so) of every shown text run, in the "
                               "body, headers, footers and notes; theme fonts resolve to the "
                               "theme", f"{_I}, khoản 4"),
    "ND30-FONT-SLOTS": Rule("warning", "the eastAsia and cs font slots are Times New Roman too "
                                       "(Word falls back to them for some characters)",
                            f"{_I}, khoản 4 (practice)"),
    "ND30-UNICODE": Rule("warning", "text is precomposed Unicode (NFC), not combining marks, "
                                    "and not TCVN3/VNI text shown by a legacy font",
                         f"{_I}, khoản 4 (TCVN 6909:2001)"),
    "ND30-QUOC-HIEU": Rule("error", "Quốc hiệu present, exact wording (CỘNG HÒA or CỘNG HOÀ), "
                                    "upper case, bold, 12–13 pt", f"{_II}, khoản 1 điểm a"),
    "ND30-TIEU-NGU": Rule("error", "Tiêu ngữ present, \"Độc lập - Tự do - Hạnh phúc\" with "
                                   "spaced hyphens, bold, 13–14 pt, a rule under it (border, "
                                   "bordered paragraph, underscores, underline or drawn line)",
                          f"{_II}, khoản 1 điểm b"),
    "ND30-CO-QUAN": Rule("error", "issuing agency present, upper case, bold, 12–13 pt, a rule "
                                  "under it; parent agency upper case, 12–13 pt",
                         f"{_II}, khoản 2 điểm b"),
    "ND30-SO-KY-HIEU": Rule("error", "\"Số:\" line: number/TYPE-AGENCY, numbers below 10 "
                                     "zero-padded (or blank in a draft), no year, no spaces "
                                     "around hyphens, type abbreviation of Phụ lục III matching "
                                     "the type name, 13 pt",
                            f"{_II}, khoản 3; Phụ lục III, Mục I"),
    "ND30-DIA-DANH-NGAY": Rule("error", "\"<Place>, ngày DD tháng M năm YYYY\": comma, place "
                                        "capitalised, day < 10 and months 1–2 zero-padded and no "
                                        "other, a real date (or blanks in a draft), italic, "
                                        "13–14 pt", f"{_II}, khoản 4 điểm b, c"),
    "ND30-TEN-LOAI": Rule("error", "type name (or a công văn's \"V/v\") present; type name "
                                   "upper case, bold, 13–14 pt, centred",
                          f"{_II}, khoản 5 điểm b"),
    "ND30-TRICH-YEU": Rule("error", "trích yếu under the type name: bold, 13–14 pt, centred, a "
                                    "rule under it; a công văn's \"V/v\" line 12–13 pt",
                           f"{_II}, khoản 5 điểm b"),
    "ND30-CAN-CU": Rule("error", "the căn cứ that open the body (\"Căn cứ …\", then \"Theo đề "
                                 "nghị của …\") are italic, one per line, each ending \";\", "
                                 "the last ending \".\"", f"{_II}, khoản 6 điểm b (ô 6)"),
    "ND30-BODY-SIZE": Rule("error", "body text 13–14 pt", f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-ALIGN": Rule("error", "body paragraphs (not bold headings, not short lines) "
                                     "justified", f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-INDENT": Rule("error", "first line of body paragraphs indented 1–1.27 cm (a "
                                      "leading tab counts as the default tab stop)",
                             f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-SPACING": Rule("error", "at least 6 pt between body paragraphs (space after + "
                                       "space before; Word's contextual spacing honoured)",
                              f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-LINE-SPACING": Rule("error", "line spacing from single to 1.5 lines",
                                   f"{_II}, khoản 6 điểm e"),
    "ND30-END-MARK": Rule("error", "the body ends with \"./.\"",
                          "Phụ lục III, Mục II (every mẫu ends its body with ./.)"),
    "ND30-NOI-NHAN": Rule("error", "\"Nơi nhận:\" present, with its colon, 12 pt, bold italic",
                          f"{_II}, khoản 9 điểm d (ô 9b)"),
    "ND30-NOI-NHAN-LIST": Rule("error", "recipients 11 pt, one per line, \"- \" items ending "
                                        "\";\", the last \"- Lưu: VT, …\" ending \".\"",
                               f"{_II}, khoản 9 điểm d (ô 9b)"),
    "ND30-SIGNER": Rule("error", "signer block present; authority prefix one of TM., KT., Q., "
                                 "TL., TUQ.; titles upper case, bold; name bold; 13–14 pt",
                        f"{_II}, khoản 7 điểm b, đ"),
    "ND30-SIGNER-TM": Rule("error", "a collective body (Ủy ban nhân dân, Hội đồng …) signs "
                                    "\"TM. <body>\" first, unless a Quyết định's authority "
                                    "line names its head, who then decides in his own name",
                           f"Điều 13; {_II}, khoản 7 điểm a (ô 7a)"),
    "ND30-SIGNER-LINES": Rule("error", "at most three lines of authority and title above the "
                                       "signer's name (TM. / KT. / title)",
                              f"{_II}, khoản 7 điểm a, b (ô 7a, 7b)"),
    "ND30-HEADER-WRAP": Rule("error", "no line of the agency block wider than its table "
                                      "column (Word would break it anywhere); measured with "
                                      "Times New Roman's widths at the line's size",
                             f"{_II}, khoản 2 điểm b (ô 2)"),
    "ND30-PAGE-NUMBER": Rule("error", "page number is a PAGE field in the header (top margin), "
                                      "centred, 13–14 pt, upright, and not shown on page 1",
                             f"{_I}, khoản 7"),
    "ND30-PAGE-NUMBER-MISSING": Rule("warning", "no page number although the document seems "
                                                "longer than one page (estimated from its text)",
                                     f"{_I}, khoản 7"),
    "ND30-DU-THAO": Rule("error", "a document without its number or day (a draft) shows "
                                  "\"DỰ THẢO\" on page 1 and in the page header of every "
                                  "other page; a numbered and dated one does not",
                         "Điều 3 khoản 7 (bản thảo); the boxed mark under the Số, ký hiệu "
                         "of Thông tư 01/2011/TT-BNV, which Nghị định 30 replaced"),
    "ND30-PLACEHOLDER": Rule("error", "no line is a bracketed blank left to fill in (\"(Họ và "
                                      "tên)\"); a warning in a draft", "Điều 10 khoản 2 "
                                      "(soạn thảo đúng thể thức); Điều 12 (kiểm tra trước khi "
                                      "ký)"),
    "ND30-LINE-BREAK": Rule("warning", "the trích yếu and the \"(Kèm theo …)\" line of a list "
                                       "do not break inside a hyphenated term (\"COVID-\" / "
                                       "\"19\") or a word of two syllables (\"Chính\" / "
                                       "\"phủ\"), and do not end on a line of one word; "
                                       "estimated with Times New Roman's widths",
                            f"{_II}, khoản 5 điểm b; Phụ lục II (names written whole)"),
    "ND30-TABLE-WIDTH": Rule("error", "no table is wider than the text area (page width less "
                                      "the margins, ±0.5 mm): the header and footer tables "
                                      "fill it, not stand out over the margins",
                             f"{_I}, khoản 3; Phụ lục III (the mẫu's two-column tables)"),
    "ND30-CAN-CU-HIEU-LUC": Rule("warning", "each text a căn cứ cites from thidua's legal "
                                           "library was in force on the document's date "
                                           "(the replacement is named), and is cited with "
                                           "its date", f"{_II}, khoản 6 (ô 6: full citation "
                                           "when first cited); the library's own sources"),
    "ND30-VIET-HOA": Rule("warning", "capitals of Phụ lục II in the trích yếu and the body: "
                                     "\"Nhân dân\" (the people) capitalised, lower case in an "
                                     "agency's name (\"Ủy ban nhân dân\"); \"phong trào thi "
                                     "đua\" lower case inside a sentence",
                          "Phụ lục II, mục I, IV.1.a, V.1 and V.9"),
    "ND30-I-Y": Rule("warning", "the i/y spelling the decree itself uses: lý, kỹ, kỷ, mỹ, tỷ, "
                                "hy sinh (lower-case syllables only: names keep theirs)",
                     "the text of Nghị định 30/2020/NĐ-CP (\"quản lý\", \"kỹ thuật\")"),
    "ND30-KEEP-SIGNER": Rule("warning", "the signer cannot be left alone on a page: the last "
                                        "body paragraph keeps with the footer table (Nơi "
                                        "nhận and signer), whose rows do not split",
                             f"{_II}, khoản 7 and 9 (ô 7 and 9b close the text they sign); "
                             "Phụ lục III (the footer table of every mẫu)"),
    "ND30-SIGNER-ALONE": Rule("error", "with --pages, laid out by LibreOffice: no page after "
                                       "the first begins with \"Nơi nhận:\" (the signer "
                                       "alone, parted from the text it signs); skipped, and "
                                       "said so, without LibreOffice",
                              f"{_II}, khoản 7 and 9 (ô 7 and 9b close the text they sign)"),
    "ND30-TABLE-KEEP": Rule("warning", "a bordered table of 2 to 5 rows is kept on one page "
                                       "(its rows keep with the next and do not split)",
                            "practice (issue 13, point 9)"),
    "ND30-LEAD-KEEP": Rule("warning", "a body line ending in \":\" (\"Hồ sơ kèm theo gồm:\") "
                                      "keeps with what it introduces",
                           "practice (issue 13, point 9)"),
    "ND30-SO-MUC": Rule("warning", "a part numbered \"I.\" is followed by a \"II.\" in the "
                                   "same section (a list of one form is not numbered)",
                        f"{_II}, khoản 6 (the body's parts are numbered in order); practice "
                        "(issue 13, point 9)"),
    # Bằng khen and Giấy khen (checker_rules_certificate): the award's design, not Phụ lục I.
    "CERT-ORDER": Rule("error", "Quốc hiệu, Tiêu ngữ, the awarding authority, \"TẶNG\", "
                                "\"BẰNG KHEN\" or \"GIẤY KHEN\", the recipient, in this order; "
                                "then the decision's number and date, and the place and date "
                                "above the signer's title and name", _AWARD),
    "CERT-RED": Rule("error", "the awarding authority and the title print in red", _AWARD),
    "CERT-ORIENTATION": Rule("error", "landscape paper (the long side horizontal)",
                             f"{_AWARD} (dài × rộng)"),
    # Phiếu bầu (rules/forms.py): a secret, unnumbered, unsigned ballot of the council.
    "BALLOT-ORDER": Rule("error", "each ballot (\"PHIẾU BẦU\") has the Quốc hiệu and the "
                                  "Tiêu ngữ above it", f"{_I}; Phụ lục I, Mục II, ô 1"),
    "CERT-PAGE": Rule("error", "in a print file of several certificates, each starts on a new "
                               "page", "printing on pre-printed blanks (phôi), one per sheet"),
}


# ---------------------------------------------------------------------------------------------
# Writing a finding


def finding(rule: str, where: str, message: str, expected: str = "", found: str = "",
            excerpt: str = "") -> Finding:
    """A Finding of *rule* with the rule's severity; a long excerpt is shortened to 80 chars."""
    short = excerpt if len(excerpt) <= 80 else excerpt[:79] + "…"
    return Finding(rule, RULES[rule].severity, where, short, expected, found, message)


def missing(rule: str, name: str, where: str = "phần đầu văn bản") -> Finding:
    """The one finding of a block that is not there (its other checks are then skipped)."""
    return finding(rule, where, f"Không tìm thấy {name}.", name, "không có")


def pt(value: float) -> str:
    """'12 pt', '13,5 pt': sizes as a Vietnamese reader writes them."""
    return f"{value:g} pt".replace(".", ",")


ALIGNMENTS = {"both": "canh đều hai lề", "distribute": "canh đều hai lề", "center": "canh giữa",
              "left": "canh trái", "start": "canh trái", "right": "canh phải", "end": "canh phải"}


def alignment(value: str) -> str:
    """A w:jc value as the clerk knows it from Word's buttons."""
    return ALIGNMENTS.get(value, value)


def places(wheres: list[str]) -> str:
    """Where one problem occurs, for a single finding: the first five places, then a count."""
    unique = list(dict.fromkeys(wheres))
    shown = ", ".join(unique[:5])
    return shown + (f" và {len(unique) - 5} chỗ khác" if len(unique) > 5 else "")


# ---------------------------------------------------------------------------------------------
# Checks several groups share


def sizes_outside(doc: WordDoc, line: Line, low: float, high: float) -> list[float]:
    """The font sizes *line* shows outside [low, high] pt, smallest first."""
    return sorted(s for s in doc.sizes(line) if not low - 0.01 <= s <= high + 0.01)


def check_look(doc: WordDoc, zones: Zones, rule: str, line: Line, name: str, low: float,
               high: float, bold: bool | None = True) -> Iterator[Finding]:
    """Size range and boldness of one element."""
    where = zones.where(line)
    wrong = sizes_outside(doc, line, low, high)
    if wrong:
        wanted = pt(low) if low == high else f"{pt(low)[:-3]}–{pt(high)}"
        yield finding(rule, where, f"Cỡ chữ của {name} không đúng.", wanted,
                      ", ".join(pt(s) for s in wrong), line.text)
    if bold is True and not doc.all_bold(line):
        yield finding(rule, where, f"{name.capitalize()} phải in đậm.", "đậm", "không đậm",
                      line.text)


def check_upper(doc: WordDoc, zones: Zones, rule: str, line: Line, name: str) -> Iterator[Finding]:
    """*line* must print in capitals; text formatted "All caps" counts as capitals."""
    shown = norm(doc.shown_text(line))
    if shown != upper_vi(shown):
        yield finding(rule, zones.where(line), f"{name} phải viết in hoa.", upper_vi(shown), shown,
                      line.text)
