"""The Bot API 10.0 as ``api.json`` describes it (its methods and types), and its error answers."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("api.json")
_DISCRIMINATOR_RE = re.compile(r'(?:must be|always) "?([a-z_]+)"?')


class ApiError(Exception):
    """An error answer of the Bot API: ``{"ok": false, "error_code": code, ...}``."""

    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


@dataclass
class Upload:
    """A file that arrived as a part of a multipart/form-data request."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes = field(repr=False)


@functools.cache
def load_spec() -> dict:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@functools.cache
def method_names() -> dict[str, str]:
    """Lower-cased method name → spec method name."""
    return {name.lower(): name for name in load_spec()["methods"]}


def find_method(name: str) -> dict | None:
    canonical = method_names().get(name.lower())
    return load_spec()["methods"][canonical] if canonical else None


def type_spec(name: str) -> dict | None:
    return load_spec()["types"].get(name)


@functools.cache
def discriminator(type_name: str) -> tuple[str, str] | None:
    """(field, value) fixing a subtype, e.g. ("type", "photo") for InputMediaPhoto."""
    for f in (type_spec(type_name) or {}).get("fields", []):
        if f["name"] in ("type", "status", "source"):
            m = _DISCRIMINATOR_RE.search(f["description"])
            if m:
                return f["name"], m.group(1)
    return None

