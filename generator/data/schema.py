"""JSON Schema validation (Draft 2020-12) with every error reported in Vietnamese.

All packaged schemas share one registry, so a document schema can ``$ref`` the shared
definitions in ``common.schema.json``. Validation never stops at the first error: the clerk gets
the whole list, each as ``FILE: $.json.path: message``.

Valid data takes a fast path: each schema is compiled once into plain Python checks (its $refs
resolved once, not at every value), which only answer "valid or not". Only data they reject
goes through jsonschema, whose report is the one the clerk reads. The compiled checks follow
jsonschema's meaning keyword by keyword (strict integers; the "date" format as jsonschema checks
it; other formats, equality of values that are not strings and uniqueness through jsonschema
itself, imported when first needed); a schema using a keyword they do not know, a value of a
keyword of an unexpected type, or a $ref other than a JSON pointer into a packaged schema is
always validated by jsonschema, which checks the schema itself first. Valid data is thus judged
without importing jsonschema at all.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin

from generator.errors import Issue, ValidationFailed
from generator.resources import load_schema, schema_names

from .loader import json_path

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

_TYPE_NAMES = {
    "string": "chuỗi văn bản (trong dấu nháy kép)",
    "integer": "số nguyên (không có phần thập phân)",
    "number": "số",
    "boolean": "true hoặc false",
    "array": "danh sách [ … ]",
    "object": "đối tượng { … }",
    "null": "null",
}

# Messages for the patterns the shared definitions use; a pattern without an entry falls back
# to its schema's description.
PATTERN_MESSAGES = {
    r"^[^\n\t]+$": "phải viết trên một dòng (không xuống dòng, không có ký tự tab)",
    r"^[A-ZĐ][A-ZĐ0-9.]*$": "chỉ gồm chữ in hoa, chữ số và dấu chấm, không có khoảng trắng "
                          "(ví dụ VPCP, TCCB, V.I)",
    r"^[A-Z][A-Z0-9_]*$": "chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới (ví dụ TCCB)",
}


def _strict_integer(checker: Any, instance: Any) -> bool:
    # JSON Schema counts 1.0 as an integer; a document number typed as 1.0 is a mistake.
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def _validator_class() -> Any:
    """Draft 2020-12 with strict integers (jsonschema is imported here, when first needed)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer))


@cache
def _format_checker() -> Any:
    from jsonschema import FormatChecker

    return FormatChecker()


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources = []
    for name in schema_names():
        schema = load_schema(name)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cache
def validator_for(name: str) -> Any:
    """A ready validator for packaged schema *name* (the schema itself is checked first)."""
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return _validator_class()(schema, registry=_registry(), format_checker=_format_checker())


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _required(err: ValidationError) -> list[tuple[str, str]]:
    missing: list[str] = [p for p in err.validator_value
               if isinstance(err.instance, dict) and p not in err.instance
               and err.message == f"{p!r} is a required property"]
    return [(p, "thiếu trường bắt buộc") for p in missing]


def _additional(err: ValidationError) -> list[tuple[str, str]]:
    allowed = list(err.schema.get("properties", {}))
    extras = [k for k in err.instance if k not in allowed and k != "$schema"]
    out = []
    for key in extras:
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f" — có phải ý bạn là «{close[0]}»?" if close else ""
        out.append((key, "trường này không có trong mẫu dữ liệu (có thể gõ nhầm tên)" + hint))
    return out


def _message(err: ValidationError) -> str:
    keyword, expected, value = err.validator, err.validator_value, err.instance
    if keyword == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        names = " hoặc ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds)
        return f"phải là {names}, không phải {_show(value)}"
    if keyword == "minLength" and expected == 1:
        return "không được để trống"
    if keyword == "minLength":
        return f"phải có ít nhất {expected} ký tự"
    if keyword == "maxLength":
        return f"dài quá {expected} ký tự (hiện có {len(value)})"
    if keyword == "pattern":
        fallback = err.schema.get("description", f"không đúng dạng yêu cầu ({expected})")
        return f"{_show(value)}: {PATTERN_MESSAGES.get(expected, fallback)}"
    if keyword == "format" and expected == "date":
        return (f"{_show(value)} không phải là ngày có thật; hãy viết theo dạng NĂM-THÁNG-NGÀY, "
                "ví dụ \"2021-09-27\"")
    if keyword == "enum":
        return f"{_show(value)} không hợp lệ; chỉ được là: " + ", ".join(_show(v) for v in expected)
    if keyword == "const":
        return f"phải là {_show(expected)}"
    if keyword == "minItems":
        return "danh sách không được để trống" if expected == 1 else \
            f"danh sách phải có ít nhất {expected} mục"
    if keyword == "maxItems":
        return f"danh sách có quá {expected} mục"
    if keyword == "uniqueItems":
        return "danh sách có mục bị trùng"
    if keyword == "minimum":
        return f"phải lớn hơn hoặc bằng {expected}, không phải {_show(value)}"
    if keyword == "maximum":
        return f"phải nhỏ hơn hoặc bằng {expected}, không phải {_show(value)}"
    return err.message


def issues_from_error(err: ValidationError, file: str) -> list[Issue]:
    """One or more Vietnamese issues for one jsonschema error."""
    if err.validator in ("oneOf", "anyOf") and err.context:
        from jsonschema.exceptions import best_match

        return issues_from_error(best_match(err.context), file)
    path = tuple(err.absolute_path)
    if err.validator == "required":
        pairs = _required(err)
    elif err.validator in ("additionalProperties", "unevaluatedProperties"):
        pairs = _additional(err)
    else:
        return [Issue(file, json_path(path), _message(err))]
    return [Issue(file, json_path((*path, key)), message) for key, message in pairs]


def schema_issues(data: Any, name: str, file: str) -> list[Issue]:
    """Every schema violation of *data* against schema *name*, in document order."""
    valid = fast_check(name)
    if valid is not None and valid(data):
        return []
    errors: Iterable[ValidationError] = validator_for(name).iter_errors(data)
    issues = [issue for err in errors for issue in issues_from_error(err, file)]
    return sorted(set(issues), key=lambda i: (i.path, i.message))


def validate(data: Any, name: str, file: str) -> None:
    """Raise ValidationFailed with every issue if *data* breaks schema *name*."""
    issues = schema_issues(data, name, file)
    if issues:
        raise ValidationFailed(issues)


# ---------------------------------------------------------------------------- the fast path

Check = Callable[[Any], bool]
# then/else: read with their "if". x-form-hint: the web form's hint where the description
# speaks of JSON (null, true, $.units), an annotation of thidua's own, which no validator reads.
_ANNOTATIONS = {"title", "description", "$comment", "$id", "$schema", "$defs", "default",
                "examples", "then", "else", "x-form-hint"}


class _Unsupported(Exception):
    """A keyword the compiled checks do not know: the schema is left to jsonschema."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),    # _strict_integer
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


_STRING_LEAF = {"type", "minLength", "maxLength", "pattern"}
# The type a keyword's value must have for the compiled checks to take it (int: a count, 0 or
# more); anything else is left to jsonschema, which checks the schema against its metaschema.
_VALUE_TYPES: dict[str, Any] = {
    "$ref": str, "type": (str, list), "properties": dict, "required": list,
    "additionalProperties": (dict, bool), "items": (dict, bool), "minItems": int,
    "maxItems": int, "minLength": int, "maxLength": int, "pattern": str,
    "minimum": (int, float), "maximum": (int, float), "format": str, "enum": list,
    "uniqueItems": bool, "if": (dict, bool), "not": (dict, bool),
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: Any) -> bool:
    """The "date" format as jsonschema's FormatChecker checks it (anything but a string
    passes)."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _every(checks: list[Check]) -> Check:
    """A check that passes when every one of *checks* does (in turn, stopping at the first
    that fails)."""
    if not checks:
        return lambda _value: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def every(v: Any) -> bool:
        for check in checks:
            if not check(v):
                return False
        return True
    return every


class _Compiler:
    """Schemas to checks; each subschema compiled once (recursive $refs included)."""

    def __init__(self, documents: dict[str, Any]) -> None:
        self.done: dict[int, Check] = {}
        self.documents = documents          # every packaged schema, by its $id

    def compile(self, schema: Any, resolver: str) -> Check:
        if schema is True or schema is False:
            answer: bool = schema
            return lambda _value: answer
        if not isinstance(schema, dict):
            raise _Unsupported(repr(schema))
        key = id(schema)
        if key not in self.done:
            later: list[Check] = []
            self.done[key] = lambda value: later[0](value)      # until it is built
            built = self._build(schema, resolver)
            later.append(built)
            self.done[key] = built
        return self.done[key]

    def _by_jsonschema(self, keyword: str, value: Any) -> Check:
        """One keyword checked by jsonschema itself (its equality, its uniqueness, a format),
        which is imported at the first value it is asked about."""
        built: list[Check] = []

        def check(v: Any) -> bool:
            if not built:
                built.append(_validator_class()({keyword: value},
                                                format_checker=_format_checker()).is_valid)
            return built[0](v)
        return check

    def _lookup(self, reference: str, base: str) -> tuple[Any, str]:
        """The subschema *reference* names from the schema whose $id is *base*, and its base
        (a JSON pointer into a packaged schema, as referencing resolves it)."""
        uri, _, fragment = urljoin(base, reference).partition("#")
        if uri not in self.documents or (fragment and not fragment.startswith("/")):
            raise _Unsupported(reference)
        target = self.documents[uri]
        for token in fragment.split("/")[1:] if fragment else ():
            token = unquote(token).replace("~1", "/").replace("~0", "~")
            if isinstance(target, list) and token.isdigit() and int(token) < len(target):
                target = target[int(token)]
            elif isinstance(target, dict) and token in target:
                target = target[token]
            else:
                raise _Unsupported(reference)
        if isinstance(target, dict) and target is not self.documents[uri] and \
                ("$id" in target or "$anchor" in target or "$dynamicAnchor" in target):
            raise _Unsupported(reference)   # a resource of its own: left to referencing
        return target, uri

    def _build(self, schema: dict[str, Any], resolver: str) -> Check:
        if "patternProperties" in schema or "prefixItems" in schema:
            raise _Unsupported("patternProperties/prefixItems")
        leaf = self._string(schema)
        if leaf is not None:
            return leaf
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            checks.append(self._keyword(keyword, value, schema, resolver))
        return _every(checks)

    def _string(self, schema: dict[str, Any]) -> Check | None:
        """The common leaf {"type": "string", minLength, maxLength, pattern} as one check."""
        keywords = set(schema) - _ANNOTATIONS
        if schema.get("type") != "string" or not keywords <= _STRING_LEAF:
            return None
        shortest = schema.get("minLength", 0)
        longest = schema.get("maxLength")
        search = re.compile(schema["pattern"]).search if "pattern" in schema else None
        if not isinstance(shortest, int) or not isinstance(longest, (int, type(None))):
            return None

        def check(v: Any) -> bool:
            if not isinstance(v, str):
                return False
            size = len(v)
            if size < shortest or (longest is not None and size > longest):
                return False
            return search is None or search(v) is not None
        return check

    def _keyword(self, keyword: str, value: Any, schema: dict[str, Any],
                 resolver: str) -> Check:
        expected = _VALUE_TYPES.get(keyword)
        if expected is not None:
            types = expected if isinstance(expected, tuple) else (expected,)
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types) \
                    or (expected is int and value < 0):
                raise _Unsupported(f"{keyword}: {value!r}")     # jsonschema checks the schema
        if keyword == "$ref":
            target, base = self._lookup(value, resolver)
            return self.compile(target, base)
        if keyword == "type":
            kinds = [_TYPES[t] for t in (value if isinstance(value, list) else [value])]
            if len(kinds) == 1:
                return kinds[0]
            return lambda v: any(kind(v) for kind in kinds)
        if keyword == "properties":
            props = [(k, self.compile(s, resolver)) for k, s in value.items()]

            def properties(v: Any) -> bool:
                if isinstance(v, dict):
                    for k, check in props:
                        if k in v and not check(v[k]):
                            return False
                return True
            return properties
        if keyword == "required":
            names = list(value)

            def required(v: Any) -> bool:
                if isinstance(v, dict):
                    for k in names:
                        if k not in v:
                            return False
                return True
            return required
        if keyword == "additionalProperties":
            allowed = set(schema.get("properties", {}))
            if value is False:              # the usual case: no key but the listed ones
                return lambda v: not isinstance(v, dict) or allowed.issuperset(v)
            extra = self.compile(value, resolver)
            return lambda v: not isinstance(v, dict) or all(
                extra(item) for k, item in v.items() if k not in allowed)
        if keyword == "items":
            each = self.compile(value, resolver)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for item in v:
                        if not each(item):
                            return False
                return True
            return items
        if keyword == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if keyword == "maxItems":
            return lambda v: not isinstance(v, list) or len(v) <= value
        if keyword == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if keyword == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= value
        if keyword == "pattern":
            search = re.compile(value).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if keyword == "minimum":
            return lambda v: not _is_number(v) or not v < value
        if keyword == "maximum":
            return lambda v: not _is_number(v) or not v > value
        if keyword == "format":
            if value == "date":
                return _is_date
            return self._by_jsonschema("format", value)
        if keyword == "enum":
            texts = {e for e in value if isinstance(e, str)}
            exact = self._by_jsonschema("enum", value)
            return lambda v: v in texts if isinstance(v, str) else exact(v)
        if keyword == "uniqueItems":
            by_jsonschema = self._by_jsonschema(keyword, value)

            def unique(v: Any) -> bool:
                if value and isinstance(v, list) and all(isinstance(i, str) for i in v):
                    return len(set(v)) == len(v)        # strings: equal when ==, as jsonschema
                return by_jsonschema(v)
            return unique
        if keyword == "const":
            return self._by_jsonschema(keyword, value)
        if keyword == "if":
            condition = self.compile(value, resolver)
            then = self.compile(schema.get("then", True), resolver)
            otherwise = self.compile(schema.get("else", True), resolver)
            return lambda v: then(v) if condition(v) else otherwise(v)
        if keyword == "not":
            negated = self.compile(value, resolver)
            return lambda v: not negated(v)
        raise _Unsupported(keyword)


@cache
def fast_check(name: str) -> Check | None:
    """True exactly when *data* is valid against packaged schema *name*; None when the schema
    uses a keyword the compiled checks do not know (then only jsonschema validates)."""
    documents, ids = _documents()
    root = documents.get(ids.get(name, ""))
    if root is None:
        return None
    try:
        return _Compiler(documents).compile(root, root["$id"])
    except (_Unsupported, KeyError, TypeError, re.error):
        return None


@cache
def _documents() -> tuple[dict[str, Any], dict[str, str]]:
    """Every packaged schema by its $id (one copy, shared by the compiled checks), and the
    $id of each by name."""
    documents: dict[str, Any] = {}
    ids: dict[str, str] = {}
    for name in schema_names():
        document = load_schema(name)
        if isinstance(document, dict) and isinstance(document.get("$id"), str):
            documents[document["$id"]] = document
            ids[name] = document["$id"]
    return documents, ids
