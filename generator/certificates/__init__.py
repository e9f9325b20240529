"""Bằng khen and Giấy khen in batches of thousands: the records read from a decision or a
clerk's list (``records``), the compile-once template engine and its page-fit limits
(``engine``), and the parallel, resumable batch writer (``batch``).

It may import :mod:`generator.vn`, :mod:`generator.data`, :mod:`generator.render`,
:mod:`generator.documents` (for the issuer of a decision), :mod:`generator.store` (a batch is
published as one transaction) and :mod:`generator.errors`; never Click.
"""
