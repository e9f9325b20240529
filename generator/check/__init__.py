"""``thidua check``: the Nghị định 30/2020 format checker for any .docx, thidua's or not.

Reading is layered: ``open_docx`` (a safe unzip) → ``read`` (raw WordprocessingML) → ``lines``
and ``doc`` (paragraphs as laid out, with effective formatting) → ``blocks`` (the zones of a
document: header, title, body, signature). The rules live in :mod:`generator.check.rules`, and
``run`` strings them together and formats the findings.

It reads with python-docx and lxml, and may import :mod:`generator.vn`,
:mod:`generator.render.layout` (font metrics) and :mod:`generator.errors`; for the one rule that
needs rendered pages (``pages``, ``thidua check --pages``) also :mod:`generator.render.pdf`
(LibreOffice) and pypdf; never docxtpl, Jinja, Click or the document kinds: it checks any .docx,
not only thidua's.
"""
