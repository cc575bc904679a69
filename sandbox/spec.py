"""The Bot API 10.0 specification (``api.json``) as a validator.

``validate(method, params)`` raises :class:`ApiError` with the error code and description the
real Bot API would answer with; ``coerce(method, params)`` does the same checks and returns the
parameters converted to Python values (wire strings parsed into ints, bools, dicts, lists).

The pieces it uses: :mod:`sandbox.botapi` (``api.json`` and the error answers),
:mod:`sandbox.formatting` (HTML and MarkdownV2 text) and :mod:`sandbox.limits`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .botapi import ApiError, Upload, bad_request, discriminator, find_method, type_spec
from .formatting import parse_text
from .limits import LIMITS, check_limits

# Imported from here by the server and its methods (``spec.parse_text``, ``spec.LIMITS``...).
__all__ = ["LIMITS", "TOKEN_RE", "ApiError", "Upload", "bad_request", "coerce", "find_method",
           "parse_text", "validate"]

TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{10,}$")


# --------------------------------------------------------------------------- type coercion


class _Mismatch(Exception):
    """The value is not of the tried type at all (as opposed to a deeper error)."""


_INT_RE = re.compile(r"^-?\d+$")


def _coerce_scalar(value: Any, type_name: str, wire: bool) -> Any:
    if type_name == "Integer":
        if isinstance(value, bool):
            raise _Mismatch
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_RE.match(value.strip()):
            return int(value.strip())
        raise _Mismatch
    if type_name == "Float":
        if isinstance(value, bool):
            raise _Mismatch
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                raise _Mismatch from None
        raise _Mismatch
    if type_name in ("Boolean", "True"):
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
            return value.lower() in ("true", "1")
        raise _Mismatch
    if type_name == "String":
        if isinstance(value, str):
            return value
        if wire and isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise _Mismatch
    raise KeyError(type_name)


SCALARS = ("Integer", "Float", "Boolean", "True", "String")


def _parse_json_text(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise _Mismatch from None
    return value


def _coerce_one(value: Any, type_name: str, path: str, ctx: _Ctx, wire: bool) -> Any:
    if type_name in SCALARS:
        return _coerce_scalar(value, type_name, wire)
    if type_name == "InputFile":
        if isinstance(value, Upload):
            return value
        if isinstance(value, str):
            if value.startswith("attach://") and ctx.attachments is not None:
                if value[len("attach://"):] not in ctx.attachments:
                    raise bad_request(f"{path}: file attach://{value[9:]} not found in the request")
            return value
        raise _Mismatch
    if type_name.startswith("Array of "):
        inner = type_name[len("Array of "):]
        items = _parse_json_text(value) if wire else value
        if not isinstance(items, list):
            raise _Mismatch
        return [_coerce_value(v, [inner], f"{path}[{i}]", ctx, wire=False) for i, v in enumerate(items)]
    spec = type_spec(type_name)
    if spec is None:
        raise KeyError(type_name)
    obj = _parse_json_text(value) if wire else value
    if not isinstance(obj, dict):
        raise _Mismatch
    if spec.get("subtypes"):
        return _coerce_union(obj, spec["subtypes"], path, ctx)
    return _coerce_object(obj, type_name, path, ctx)


def _coerce_object(obj: dict, type_name: str, path: str, ctx: _Ctx) -> dict:
    fields = {f["name"]: f for f in type_spec(type_name).get("fields", [])}
    out = {}
    for key in obj:
        if key not in fields:
            raise bad_request(f"unknown parameter {path}.{key}")
    for name, f in fields.items():
        if name not in obj or obj[name] is None:
            if f["required"]:
                raise bad_request(f"{path}.{name} is required")
            continue
        out[name] = _coerce_value(obj[name], f["types"], f"{path}.{name}", ctx, wire=False)
    disc = discriminator(type_name)
    if disc and out.get(disc[0]) != disc[1]:
        raise bad_request(f"{path}.{disc[0]} must be \"{disc[1]}\"")
    return out


def _pick_variant(obj: dict, variants: list[str]) -> str:
    for v in variants:
        disc = discriminator(v)
        if disc and obj.get(disc[0]) == disc[1]:
            return v
    best, best_score = variants[0], -1
    for v in variants:
        fields = type_spec(v).get("fields", [])
        names = {f["name"] for f in fields}
        required = {f["name"] for f in fields if f["required"]}
        score = len(names & obj.keys()) * 2 - len(required - obj.keys()) * 3 - len(obj.keys() - names)
        if score > best_score:
            best, best_score = v, score
    return best


def _coerce_union(obj: dict, variants: list[str], path: str, ctx: _Ctx) -> dict:
    return _coerce_object(obj, _pick_variant(obj, variants), path, ctx)


def _coerce_value(value: Any, types: list[str], path: str, ctx: _Ctx, wire: bool) -> Any:
    # Several object types (e.g. reply_markup) or several arrays of objects (sendMediaGroup's
    # media): choose one variant per object instead of trying each type in turn.
    object_types = [t for t in types if type_spec(t) is not None and t != "InputFile"]
    if len(object_types) > 1 and len(object_types) == len(types):
        try:
            obj = _parse_json_text(value) if wire else value
        except _Mismatch:
            obj = None
        if isinstance(obj, dict):
            return _coerce_union(obj, object_types, path, ctx)
    array_types = [t[len("Array of "):] for t in types if t.startswith("Array of ")]
    if len(array_types) > 1 and len(array_types) == len(types):
        try:
            items = _parse_json_text(value) if wire else value
        except _Mismatch:
            items = None
        if isinstance(items, list):
            out = []
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    raise bad_request(f"{path}[{i}] must be of type {' or '.join(array_types)}")
                out.append(_coerce_union(item, array_types, f"{path}[{i}]", ctx))
            return out
    # Prefer the most specific interpretation of wire strings: Integer before String.
    order = sorted(types, key=lambda t: ("String" == t, "InputFile" == t))
    for t in order:
        try:
            return _coerce_one(value, t, path, ctx, wire)
        except _Mismatch:
            continue
    raise bad_request(f"{path} must be of type {' or '.join(types)}")


@dataclass
class _Ctx:
    attachments: dict | None = None


# --------------------------------------------------------------------------- entry points


def coerce(method_name: str, params: dict, attachments: dict | None = None) -> dict:
    """Validate ``params`` for ``method_name`` and return them as Python values.

    ``params`` come from the wire: strings (JSON-encoded objects and arrays), :class:`Upload`
    for uploaded files, or native JSON values. ``attachments`` are uploaded parts that may be
    referenced as ``attach://<name>``.
    """
    method = find_method(method_name)
    if method is None:
        raise ApiError(404, "Not Found")
    fields = {f["name"]: f for f in method.get("fields", [])}
    ctx = _Ctx(attachments=attachments)
    for name in params:
        if name not in fields:
            raise bad_request(f"unknown parameter {name}")
    out: dict[str, Any] = {}
    for name, f in fields.items():
        value = params.get(name)
        if value is None or (isinstance(value, str) and value == "" and "String" not in f["types"]):
            if f["required"]:
                raise bad_request(f"{name} is required")
            continue
        out[name] = _coerce_value(value, f["types"], name, ctx, wire=True)
    check_limits(method["name"], out)
    return out


def validate(method_name: str, params: dict, attachments: dict | None = None) -> None:
    coerce(method_name, params, attachments)
