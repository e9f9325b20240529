"""The web app of `thidua serve`: units fill in their plans in a browser, the agency reviews them.

It may import Flask and Werkzeug (Jinja and MarkupSafe come through Flask), and thidua's own
library: generator.build, generator.unit_drafts, generator.report, generator.resources,
generator.errors, generator.data, generator.documents, generator.render, generator.store and
generator.vn; never Click, and the views never print: the CLI starts the server
(generator/cli/serve.py).
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
