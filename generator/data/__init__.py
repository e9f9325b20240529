"""Reading what users give: the strict JSON loader and validation against the packaged JSON
Schemas, with every problem reported as a file, a path and a Vietnamese message.

A new input format (a reader for lists, a workbook) goes here. It may import :mod:`generator.vn`,
:mod:`generator.errors` and :mod:`generator.resources`; never docx, Jinja or Click.
"""
