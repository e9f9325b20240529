"""What thidua remembers between runs, and the transaction that keeps it true: the register of
outgoing documents (sổ đăng ký văn bản đi, SQLite), each output folder's manifest, and
:func:`~generator.store.transaction.publish`, which writes a run's files and records its numbers
as one transaction (later: the award history).

It may import :mod:`generator.errors`, :mod:`generator.render.output` (file modes) and the
standard library; never docx, Jinja or Click.
"""
