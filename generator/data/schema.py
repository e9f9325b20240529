"""JSON Schema validation (Draft 2020-12) with every error reported in Vietnamese.

All packaged schemas share one registry, so a document schema can ``$ref`` the shared
definitions in ``common.schema.json``. Validation never stops at the first error: the clerk gets
the whole list, each as ``FILE: $.json.path: message``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from generator.errors import Issue, ValidationFailed
from generator.resources import load_schema, schema_names

from .loader import json_path

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


_Validator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
)


@cache
def _registry() -> Registry:
    resources = []
    for name in schema_names():
        schema = load_schema(name)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cache
def validator_for(name: str) -> Any:
    """A ready validator for packaged schema *name* (the schema itself is checked first)."""
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return _Validator(schema, registry=_registry(), format_checker=FormatChecker())


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
    errors: Iterable[ValidationError] = validator_for(name).iter_errors(data)
    issues = [issue for err in errors for issue in issues_from_error(err, file)]
    return sorted(set(issues), key=lambda i: (i.path, i.message))


def validate(data: Any, name: str, file: str) -> None:
    """Raise ValidationFailed with every issue if *data* breaks schema *name*."""
    issues = schema_issues(data, name, file)
    if issues:
        raise ValidationFailed(issues)
