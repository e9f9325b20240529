"""What thidua remembers between runs, and the transaction that keeps it true: the register of
outgoing documents (sổ đăng ký văn bản đi) and, beside it, the award history (sổ theo dõi khen
thưởng), in a SQLite file or a shared PostgreSQL database (:mod:`~generator.store.backend`,
schema in ``migrations/``); each output folder's manifest; and
:func:`~generator.store.transaction.publish`, which writes a run's files and records its numbers
and awards as one transaction.

It may import :mod:`generator.errors`, :mod:`generator.render.output` (file modes),
:mod:`generator.vn` (the rules the history is checked by), :mod:`generator.data` (the one
reader of workbooks, for the sổ vàng imported by :mod:`generator.store.awards`), openpyxl (the
register's export), psycopg (only when a register is a PostgreSQL URL) and the standard library;
never docx, Jinja or Click.
"""
