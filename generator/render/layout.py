"""Pure geometry for the short rules (gạch ngang) under the agency name, Tiêu ngữ and trích yếu.

Nghị định 30/2020, Phụ lục I: the rule under the Tiêu ngữ is as long as its text; the rules under
the issuing agency and the trích yếu are 1/3 to 1/2 of the text. Word cannot size a border to
text, so the renderer measures the text with Times New Roman's advance widths and indents the
rule paragraph to the computed length.
"""

from __future__ import annotations

from .metrics import BOLD, REGULAR

# The header's left column (ô 2 and 3) in templates/*.docx, and Word's default cell margins
# (0.19 cm each side): tools/make_templates.py draws the column with this width.
HEADER_LEFT_MM = 62
CELL_MARGIN_PT = 5.4
AGENCY_SIZE_PT = 12      # "TD Cơ quan ban hành" and "TD Cơ quan chủ quản"

SHORT_RULE_RATIO = 0.4   # inside the decree's 1/3–1/2 range, as most printed documents do
FULL_RULE_RATIO = 1.0
_FALLBACK_EM = 0.56      # an average letter, for characters missing from the table


def text_width(text: str, size_pt: float, bold: bool) -> float:
    """Width of *text* on one line, in points."""
    table = BOLD if bold else REGULAR
    return sum(table.get(c, _FALLBACK_EM * 1000) for c in text) * size_pt / 1000


def wrapped_lines(text: str, size_pt: float, bold: bool, max_width: float) -> list[str]:
    """Greedy word wrap of *text* into lines no wider than *max_width* points (as Word does)."""
    lines: list[str] = []
    for source in text.split("\n"):
        line = ""
        for word in source.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size_pt, bold) > max_width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def rule_length(text: str, size_pt: float, bold: bool, max_width: float, ratio: float) -> float:
    """Length in points of the rule under *text* set in a column *max_width* points wide."""
    longest = max(text_width(line, size_pt, bold)
                  for line in wrapped_lines(text, size_pt, bold, max_width))
    return min(longest * ratio, max_width)


def centred_indents(length: float, max_width: float) -> tuple[float, float]:
    """Left and right indents (points) that centre a rule of *length* in *max_width*."""
    side = max((max_width - length) / 2, 0.0)
    return side, side


def column_width(mm: float) -> float:
    """Width in points that text can use in a table column *mm* wide."""
    return mm * 72 / 25.4 - 2 * CELL_MARGIN_PT


def fits_header_column(text: str, bold: bool, size_pt: float = AGENCY_SIZE_PT) -> bool:
    """True when *text* stays on one line in the header's left column."""
    return text_width(text, size_pt, bold) <= column_width(HEADER_LEFT_MM) + 0.01
