"""The factory behind every kind in `bot.callbacks` (see its docstring for what `pack`,
`parse` and `pattern` promise): callback data separated by ":", deep-link payloads by "_"."""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any, ClassVar, Literal, Self, TypeVar, dataclass_transform, get_args, get_origin

_T = TypeVar("_T")

MAX_CALLBACK_BYTES = 64
MAX_PAYLOAD_CHARS = 64

_ID = r"\d{1,12}"
_WORD = r"[A-Za-z0-9_\-]{1,40}"
_WORD_NO_UNDERSCORE = r"[A-Za-z0-9\-]{1,40}"
_NEG_ID = r"-?\d{1,15}"


class CodecError(ValueError):
    """A button or payload that cannot be packed (too long, a separator inside a field)."""


def _field_regex(kind: Any, sep: str = ":") -> str:
    if isinstance(getattr(kind, "REGEX", None), str):  # a field type with its own alphabet
        return kind.REGEX
    if kind is int:
        return _ID
    if kind is str:
        return _WORD_NO_UNDERSCORE if sep == "_" else _WORD
    if get_origin(kind) is Literal:
        return "(?:" + "|".join(re.escape(str(v)) for v in get_args(kind)) + ")"
    if kind is SignedInt:
        return _NEG_ID
    raise TypeError(f"unsupported field type {kind!r}")


class SignedInt(int):
    """A chat id, which may be negative (groups and channels)."""


class _Codec:
    prefix: ClassVar[str]
    sep: ClassVar[str]
    limit: ClassVar[int]
    _fields: ClassVar[tuple[tuple[str, Any], ...]]
    _regex: ClassVar[re.Pattern[str]]

    def __init_subclass__(cls, prefix: str = "", **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if not prefix:  # an intermediate base
            return
        cls.prefix = prefix
        registry = _REGISTRY.setdefault(cls.sep, {})
        if prefix in registry:
            raise TypeError(f"prefix {prefix!r} used by {registry[prefix].__name__} already")
        registry[prefix] = cls

    @classmethod
    def _setup(cls) -> None:
        if "_fields" in cls.__dict__:
            return
        hints = typing.get_type_hints(cls)
        cls._fields = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))  # type: ignore[arg-type]
        parts = [re.escape(cls.prefix)] + [f"({_field_regex(k, cls.sep)})" for _, k in cls._fields]
        cls._regex = re.compile("^" + re.escape(cls.sep).join(parts) + "$")

    def pack(self) -> str:
        cls = type(self)
        cls._setup()
        values = [cls.prefix]
        for name, kind in cls._fields:
            value = getattr(self, name)
            text = str(int(value)) if kind in (int, SignedInt) else str(value)
            if not re.fullmatch(_field_regex(kind, cls.sep), text):
                raise CodecError(f"{cls.__name__}.{name}={value!r} cannot be packed")
            values.append(text)
        data = cls.sep.join(values)
        if len(data.encode()) > cls.limit:
            raise CodecError(f"{cls.__name__} packs to {len(data.encode())} bytes: {data!r}")
        return data

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        cls._setup()
        m = cls._regex.match(data or "")
        if m is None:
            return None
        args: dict[str, Any] = {}
        for (name, kind), text in zip(cls._fields, m.groups(), strict=True):
            args[name] = int(text) if kind in (int, SignedInt) else text
        return cls(**args)

    @classmethod
    def pattern(cls, **fixed: Any) -> str:
        """The regex a handler is registered with; `fixed` narrows some fields to one value
        (or a tuple of values)."""
        cls._setup()
        parts = [re.escape(cls.prefix)]
        for name, kind in cls._fields:
            if name in fixed:
                wanted = fixed.pop(name)
                options = wanted if isinstance(wanted, tuple) else (wanted,)
                parts.append("(?:" + "|".join(re.escape(str(o)) for o in options) + ")")
            else:
                parts.append(_field_regex(kind, cls.sep))
        if fixed:
            raise TypeError(f"{cls.__name__} has no field {sorted(fixed)}")
        return "^" + re.escape(cls.sep).join(parts) + "$"


_REGISTRY: dict[str, dict[str, type[_Codec]]] = {}


class Button(_Codec):
    """Base of callback data kinds: `@dataclass(frozen=True) class X(Button, prefix="x")`."""

    sep = ":"
    limit = MAX_CALLBACK_BYTES


class Payload(_Codec):
    """Base of deep-link payload kinds (`t.me/<bot>?start=<payload>`)."""

    sep = "_"
    limit = MAX_PAYLOAD_CHARS

    @classmethod
    def parse_any(cls, payload: str | None) -> Payload | None:
        """Whichever payload kind this is, or None."""
        for kind in _REGISTRY.get("_", {}).values():
            value = kind.parse(payload)
            if value is not None:
                return value  # type: ignore[return-value]
        return None


@dataclass_transform(frozen_default=True)
def frozen(cls: type[_T]) -> type[_T]:
    """`@frozen` = `@dataclass(frozen=True)`, the shape of every kind below."""
    return dataclasses.dataclass(frozen=True)(cls)


def any_button(prefix: str) -> str:
    """The pattern of every button under `prefix` (valid or not), for a flow's catch-all that
    answers old and forged buttons of its own."""
    return "^" + re.escape(prefix) + "(?::|$)"


def loose_pattern(kind: type[_Codec], **fixed: Any) -> str:
    """Like `kind.pattern(**fixed)`, but matches any data that starts with the prefix and the
    fixed leading fields: a forged or truncated button still reaches its handler, whose
    `parse()` returns None and answers «invalid choice» (as these buttons always did)."""
    kind._setup()
    parts = [re.escape(kind.prefix)]
    for name, _ in kind._fields:
        if name not in fixed:
            break
        wanted = fixed.pop(name)
        options = wanted if isinstance(wanted, tuple) else (wanted,)
        parts.append("(?:" + "|".join(re.escape(str(o)) for o in options) + ")")
    if fixed:
        raise TypeError(f"{kind.__name__}: {sorted(fixed)} are not leading fields")
    return "^" + re.escape(kind.sep).join(parts) + re.escape(kind.sep)
