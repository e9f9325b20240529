"""What thidua remembers between runs: the register of outgoing documents (sổ đăng ký văn bản
đi, SQLite), and later the award history.

It may import :mod:`generator.errors` and the standard library; never docx, Jinja or Click.
"""
