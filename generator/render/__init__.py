"""Turning a context into files: the sandboxed docxtpl renderer, the raw zip writer, font
metrics and the layout measures built on them, atomic output writing, the PDF step, and the
charts of a báo cáo (``charts``: matplotlib, Agg backend).

Shared by every document kind: a kind brings a context and a template, never its own writer.
It may import :mod:`generator.vn`, :mod:`generator.errors`, :mod:`generator.resources` and
matplotlib (``charts`` only);
never Click, and never a document kind.
"""
