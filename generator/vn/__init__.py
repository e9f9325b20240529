"""Pure Vietnamese-language and legal rules: formats, collation, legacy encodings, the legal
regimes by date and the table of who decides which award.

Everything here is a plain function or table over strings, numbers and dates, each row citing
its article or source. It may import the standard library and :mod:`generator.errors` only:
never docx, Jinja, Click or any other part of thidua, so that every rule is table-tested alone.
"""
