"""Turning a context into files: the sandboxed docxtpl renderer, the raw zip writer, font
metrics and the layout measures built on them, atomic output writing and the PDF step.

Shared by every document kind: a kind brings a context and a template, never its own writer.
It may import :mod:`generator.vn`, :mod:`generator.errors` and :mod:`generator.resources`;
never Click, and never a document kind.
"""
