"""Reading what users give: the strict JSON loader and validation against the packaged JSON
Schemas, with every problem reported as a file, a path and a Vietnamese message.

Spreadsheets are read here too (``tables``: the one reader of .xlsx and .csv lists, for the
certificates and for every list of a data file). It may import :mod:`generator.vn`,
:mod:`generator.errors`, :mod:`generator.resources`, jsonschema and openpyxl (workbooks);
never docx, Jinja or Click.
"""
