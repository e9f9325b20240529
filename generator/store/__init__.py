"""What thidua remembers between runs, and the transaction that keeps it true: the register of
outgoing documents (sổ đăng ký văn bản đi, SQLite) and, in the same file, the award history
(sổ theo dõi khen thưởng); each output folder's manifest; and
:func:`~generator.store.transaction.publish`, which writes a run's files and records its numbers
and awards as one transaction.

It may import :mod:`generator.errors`, :mod:`generator.render.output` (file modes),
:mod:`generator.vn` (the rules the history is checked by), :mod:`generator.data` (the one
reader of workbooks, for the sổ vàng imported by :mod:`generator.store.awards`), openpyxl and
the standard library; never docx, Jinja or Click.
"""
