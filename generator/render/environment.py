"""The Jinja environments every template is rendered with: sandboxed, autoescaping, strict.

Kept apart from :mod:`generator.render.engine` (which needs python-docx and lxml to prepare
and size documents) so that a run whose templates are already prepared — a certificate batch
with its prepared template on disk — renders with Jinja alone.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError

from generator.vn import formats as vn

from . import user_templates
from .user_templates import Template, TemplateFile

FILTERS = {
    "upper_vi": vn.upper_vi,
    "quoted": vn.quoted,
    "point": vn.point_label,
    "end_body": vn.end_body,
    "roman": vn.roman,
}


def _literal(value: Any) -> Any:
    """Escape a value for XML and also encode its braces.

    docxtpl turns '{_{', '}_}', '{_%' and '%_}' in the rendered XML back into Jinja delimiters;
    a character reference keeps a clerk's literal '{_{' intact (the XML parser restores it).
    """
    if type(value) is str and "{" not in value and "}" not in value:
        return markupsafe.escape(value)   # nearly every value: nothing more to do
    if hasattr(value, "__html__"):       # docxtpl Listing/RichText or Markup: already safe XML
        return value
    text = str(markupsafe.escape(value))
    return markupsafe.Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


# Every attribute a dict has (dir of a type lists what its instances get from it and its bases).
_DICT_ATTRIBUTES = frozenset(dir(dict))
# What a loop tells of itself as a number or a truth value (loop.index, loop.first, …).
_LOOP_NUMBERS = frozenset({"index", "index0", "revindex", "revindex0", "first", "last",
                           "length", "depth", "depth0"})


class _Sandbox(SandboxedEnvironment):
    """The sandbox, reading ``row.name`` of a plain dict as it does, without its detour.

    Jinja reads ``x.name`` as the attribute, else the item. A dict has no attribute but its
    methods, so the sandbox's getattr() raises and catches an AttributeError for every value a
    template reads from the data (the item is then returned unchecked, as here)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass                            # undefined: the sandbox's own answer
        elif type(obj) is LoopContext and attribute in _LOOP_NUMBERS:
            return getattr(obj, attribute)      # an int or a bool: what the sandbox allows
        return super().getattr(obj, attribute)


@cache
def jinja_env() -> SandboxedEnvironment:
    """The one Jinja environment every template is rendered with."""
    env = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_literal)
    env.filters.update(FILTERS)
    return env


MAX_REPEAT = 1_000_000           # characters or items a '*' may make in a user's template
MAX_POWER = 4096                 # the largest exponent of '**'


class _BoundedTemplate(jinja2.Template):
    """A user's template whose output is bounded even where docxtpl renders it (headers,
    footers, properties): rendered piece by piece, stopped past MAX_OUTPUT."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return user_templates.joined(self.generate(*args, **kwargs))


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox for users' templates: no mutation of the context, and no '*' or '**'
    that would build a huge string, list or number (the sandbox already bounds range())."""

    intercepted_binops = frozenset({"*", "**"})
    template_class = _BoundedTemplate

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        # Every loop's sequence goes through the time limit's filter, so that loops which
        # write nothing are stopped as well (a signal cannot reach a server's threads). Done
        # when compiling, after the checks (templates check) have read the template as written.
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, user_templates.TICK_FILTER, [], [], None, None,
                                     lineno=loop.iter.lineno).set_environment(self)
        return super()._generate(source, name, filename, defer_init=defer_init)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError(f"số mũ {right} quá lớn")
        if operator == "*":
            sized, count = ((left, right) if isinstance(left, (str, list, tuple))
                            else (right, left))
            if isinstance(sized, (str, list, tuple)) and isinstance(count, int) and \
                    len(sized) * count > MAX_REPEAT:
                raise SecurityError(f"phép nhân tạo ra quá {MAX_REPEAT} ký tự")
        return super().call_binop(context, operator, left, right)


@cache
def user_env() -> SandboxedEnvironment:
    """The environment a user's template is rendered and checked with: the built-ins' filters
    and escaping, in a stricter sandbox."""
    env = _BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_literal)
    env.filters.update(FILTERS)
    env.filters[user_templates.TICK_FILTER] = user_templates.ticking
    return env


def env_for(template: Template) -> SandboxedEnvironment:
    return user_env() if isinstance(template, TemplateFile) else jinja_env()
