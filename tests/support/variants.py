"""Template variants for the renderer's tests: a packaged template with some members changed,
served under a name of its own (or under its own name, as an edited file would be)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from generator.render import engine
from generator.resources import template_bytes


def variant(monkeypatch: pytest.MonkeyPatch, name: str, base: str,
            edit: Callable[[dict[str, bytes]], None]) -> str:
    """Register template *name*: packaged *base* with its members changed by *edit*."""
    with zipfile.ZipFile(io.BytesIO(template_bytes(base))) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    edit(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    real = engine.template_bytes
    monkeypatch.setattr(engine, "template_bytes",
                        lambda t: out.getvalue() if t == name else real(t))
    engine.prepared.cache_clear()
    return name
