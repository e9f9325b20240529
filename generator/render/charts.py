"""The charts of a báo cáo: drawn with matplotlib (Agg, no screen), written as PNG (for the
.docx) and SVG (beside it), and placed in the rendered .docx at a set width.

A chart is plain data built by the document kind from its table (:mod:`generator.documents.
review`): ``categories``, ``series`` of values (stacked), an axis label and an optional
reference line. Every bar carries its number as a label, so the chart reads on paper without
the table, and the SVG (text kept as text) can be read back. Print-friendly: greys and a
hatch, no colour; Times New Roman, else its metric-compatible Liberation Serif (Debian's
fonts-liberation2), as the document's text.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Mm
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

WIDTH_MM = 160          # in the .docx: the text width (165 mm) less a margin
GREYS = ("#404040", "#c8c8c8", "#808080", "#e8e8e8")     # dark, light: apart on any printer
INK = ("#ffffff", "#000000", "#ffffff", "#000000")       # a label readable on each grey
FONTS = ("Times New Roman", "Liberation Serif")
DPI = 200


@cache
def font_family() -> list[str]:
    """Times New Roman when the machine has it, else Liberation Serif (same advance widths),
    else matplotlib's own serif: never a warning about a missing font or glyph."""
    manager = font_manager.fontManager
    if not {f.name for f in manager.ttflist} & set(FONTS):
        # matplotlib keeps the font list it found at its first run: fonts installed since
        # (fonts-liberation2 after the first chart) are only seen by looking again
        for path in font_manager.findSystemFonts():
            if any(word in Path(path).name.lower() for word in ("liberationserif", "times")):
                manager.addfont(path)
    # Debian ships two "Liberation Serif": fonts-liberation (1.x, no Vietnamese letters with
    # two marks such as «ỷ») and fonts-liberation2. Same name, so matplotlib may take either:
    # the files that cannot set Vietnamese are left out.
    manager.ttflist = [f for f in manager.ttflist
                       if f.name not in FONTS or _sets_vietnamese(f.fname)]
    clear = getattr(manager, "_findfont_cached", None)
    if clear is not None:
        clear.cache_clear()
    names = {f.name for f in manager.ttflist}
    return [name for name in FONTS if name in names] + ["DejaVu Serif"]


def _sets_vietnamese(path: str) -> bool:
    from matplotlib.ft2font import FT2Font
    try:
        font = FT2Font(path)
    except (OSError, RuntimeError):
        return False
    return all(font.get_char_index(ord(c)) for c in "ỷệữẫ")


def _style() -> Any:     # matplotlib types its rc keys as literals; these are all valid
    return {"font.family": "serif", "font.serif": font_family(), "font.size": 10,
            "svg.fonttype": "none", "svg.hashsalt": "thidua",
            "axes.edgecolor": "#333333", "axes.labelcolor": "#000000",
            "xtick.color": "#000000", "ytick.color": "#000000"}


def _label(value: float) -> str:
    """A bar's number as the tables print it (1.490, 97,5)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def figure(spec: Mapping[str, Any]) -> Figure:
    """The chart of *spec* as a matplotlib Figure: horizontal bars, one row per category in
    the table's order (top down), the series stacked, each bar labelled with its value."""
    categories: Sequence[str] = spec["categories"]
    series: Sequence[Mapping[str, Any]] = spec["series"]
    labels = [textwrap.fill(str(c), 38) for c in categories]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = max(2.2, 0.9 + 0.24 * lines + 0.12 * len(categories))
    with rc_context(_style()):
        fig = Figure(figsize=(WIDTH_MM / 25.4, height), dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        positions = list(range(len(categories)))
        left = [0.0] * len(categories)
        for index, item in enumerate(series):
            values = [float(v) for v in item["values"]]
            bars = ax.barh(positions, values, left=left, height=0.6, label=item["label"],
                           color=GREYS[index % len(GREYS)], edgecolor="#333333",
                           linewidth=0.5)
            for number, bar in enumerate(bars):
                bar.set_gid(f"cot-{index}-{number}")
            shown = [_label(v) if v else "" for v in values]
            ax.bar_label(bars, labels=shown, label_type="center" if len(series) > 1 else "edge",
                         padding=0 if len(series) > 1 else 3, fontsize=8,
                         color=INK[index % len(INK)] if len(series) > 1 else "#000000")
            left = [a + b for a, b in zip(left, values, strict=True)]
        if spec.get("reference") is not None:
            ax.axvline(spec["reference"], color="#000000", linestyle="--", linewidth=0.8,
                       gid="moc-tham-chieu", zorder=0.8)     # behind bars and labels
        ax.set_yticks(positions, labels=labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel(spec["axis"])
        if spec.get("reference") is None:       # counts: whole numbers on the axis
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max([*left, spec.get("reference") or 0, 1]) * 1.15)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        if len(series) > 1:
            ax.legend(loc="lower right", fontsize=8, frameon=False)
        fig.tight_layout()
    return fig


def draw(spec: Mapping[str, Any]) -> tuple[bytes, bytes]:
    """The chart of *spec* as (PNG, SVG) bytes, the same for the same data (no date, no
    software tag, fixed ids)."""
    fig = figure(spec)
    with rc_context(_style()):
        png, svg = io.BytesIO(), io.BytesIO()
        FigureCanvasAgg(fig).print_png(png, metadata={"Software": None})
        FigureCanvasSVG(fig).print_svg(svg, metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def embed(content: bytes, pictures: Mapping[str, bytes], width_mm: float = WIDTH_MM) -> bytes:
    """The .docx *content* with every paragraph whose whole text is a marker of *pictures*
    replaced by that picture, *width_mm* wide, in the same (centred) paragraph."""
    document = Document(io.BytesIO(content))
    for paragraph in _paragraphs(document):
        picture = pictures.get(paragraph.text.strip())
        if picture is None:
            continue
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        paragraph.add_run().add_picture(io.BytesIO(picture), width=Mm(width_mm))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraphs(document: Any) -> list[Any]:
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
    return found
