"""Contract check of requests (and optionally the fake's responses) against Discord's OpenAPI spec.

The spec is Discord's official OpenAPI 3.1 description (discord/discord-api-spec), read from
``$DISCORD_OPENAPI`` or ``<repo>/../shared/data/discord/openapi.json``; it is never copied into
the project. Schemas are JSON Schema 2020-12; ``$ref``s like ``#/components/schemas/X`` are
resolved with a :mod:`referencing` registry that holds the whole spec as one resource.

One deliberate, reported leniency: the spec types every snowflake as a decimal *string*, while
Discord also accepts JSON integers there (discord.py sends e.g. ``attachments[].id`` as an int).
Bodies are validated with ``SnowflakeType`` widened to "decimal string or non-negative integer";
when a body passes only thanks to that, a *note* (not a violation) is recorded.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:discord:openapi"
API_PREFIX = "/api/v10"
_SNOWFLAKE = "SnowflakeType"


def repo_root() -> Path:
    """The directory holding pyproject.toml, searched upwards from this file."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    return here.parents[2]


def spec_path() -> Path:
    env = os.environ.get("DISCORD_OPENAPI")
    if env:
        return Path(env)
    return repo_root().parent / "shared" / "data" / "discord" / "openapi.json"


def openapi_available() -> bool:
    return spec_path().is_file()


# --------------------------------------------------------------------------- formats
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in value


@FORMATS.checks("int32")
def _is_int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


@FORMATS.checks("int64")
def _is_int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


# --------------------------------------------------------------------------- spec
@dataclass(frozen=True)
class Operation:
    method: str
    template: str  # spec path, e.g. /channels/{channel_id}/messages
    operation_id: str
    pointer: str  # JSON pointer (URI-escaped) of the operation object inside the spec
    spec: dict[str, Any]

    @property
    def request_content(self) -> dict[str, Any]:
        return (self.spec.get("requestBody") or {}).get("content", {})

    @property
    def body_required(self) -> bool:
        return bool((self.spec.get("requestBody") or {}).get("required"))


def _escape(*parts: str) -> str:
    return "/".join(quote(p.replace("~", "~0").replace("/", "~1"), safe="") for p in parts)


class Contract:
    """A loaded spec: operation lookup plus cached validators."""

    def __init__(self, spec: dict[str, Any], source: Path | None = None) -> None:
        self.source = source
        self.spec = spec
        self._routes: list[tuple[re.Pattern[str], int, str]] = []
        for template in spec["paths"]:
            regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            self._routes.append((re.compile(regex), template.count("{"), template))
        self._routes.sort(key=lambda r: (r[1], -len(r[2])))  # most literal segments first
        strict = Resource.from_contents(spec, default_specification=DRAFT202012)
        schemas = dict(spec["components"]["schemas"])
        schemas[_SNOWFLAKE] = {"anyOf": [spec["components"]["schemas"][_SNOWFLAKE],
                                         {"type": "integer", "minimum": 0, "maximum": 2**64 - 1}]}
        lenient_spec = {**spec, "components": {**spec["components"], "schemas": schemas}}
        lenient = Resource.from_contents(lenient_spec, default_specification=DRAFT202012)
        self._strict = Registry().with_resource(SPEC_URI, strict)
        self._lenient = Registry().with_resource(SPEC_URI, lenient)
        self._validators: dict[tuple[str, bool], Draft202012Validator] = {}

    def find(self, method: str, path: str) -> Operation | None:
        """The operation for ``method`` and a concrete path (with or without ``/api/v10``)."""
        if path.startswith(API_PREFIX):
            path = path[len(API_PREFIX):]
        method = method.lower()
        for regex, _, template in self._routes:
            if regex.match(path):
                op = self.spec["paths"][template].get(method)
                if isinstance(op, dict):
                    return Operation(method, template, op.get("operationId", "?"),
                                     _escape("paths", template, method), op)
        return None

    def _validator(self, pointer: str, lenient: bool) -> Draft202012Validator:
        """A validator for the schema at ``pointer``; built once per spec and kept (cached)."""
        key = (pointer, lenient)
        if key not in self._validators:
            registry = self._lenient if lenient else self._strict
            self._validators[key] = Draft202012Validator(
                {"$ref": f"{SPEC_URI}#/{pointer}"}, registry=registry, format_checker=FORMATS)
        return self._validators[key]

    def check_request(self, method: str, path: str, content_type: str | None, body: Any,
                      query: dict[str, str] | None = None) -> CheckResult:
        """Validate one request: operation exists, documented query names, body schema."""
        op = self.find(method, path)
        where = f"{method.upper()} {path}"
        if op is None:
            return CheckResult([f"{where}: no such operation in the OpenAPI spec"])
        where += f" [{op.operation_id}]"
        result = CheckResult([], operation=op)
        known = {p.get("name") for p in op.spec.get("parameters", []) if p.get("in") == "query"}
        for name in sorted(set(query or {}) - known):
            result.violations.append(f"{where}: query parameter {name!r} is not documented")
        if body is None:
            if op.body_required:
                result.violations.append(f"{where}: request body is required but none was sent")
            return result
        if not op.request_content:
            result.violations.append(f"{where}: a body was sent but the operation takes none")
            return result
        media = (content_type or "application/json").split(";")[0].strip().lower()
        if media not in op.request_content:
            result.violations.append(f"{where}: content type {media!r} not accepted "
                                     f"(spec: {', '.join(op.request_content)})")
            return result
        pointer = f"{op.pointer}/{_escape('requestBody', 'content', media, 'schema')}"
        result.body_errors = list(self._validator(pointer, True).iter_errors(body))
        result.violations += [f"{where}: {describe(e)}" for e in result.body_errors]
        if not result.body_errors:
            result.notes = [f"{where}: integer snowflake where the spec says string (Discord accepts it): "
                            f"{describe(e)}" for e in self._validator(pointer, False).iter_errors(body)]
        return result

    def check_response(self, method: str, path: str, status: int, body: Any) -> list[str]:
        """Validate a JSON response body of the fake against the documented response schema."""
        op = self.find(method, path)
        if op is None or body is None:
            return []
        where = f"response {status} to {method.upper()} {path} [{op.operation_id}]"
        responses = op.spec.get("responses", {})
        key = str(status) if str(status) in responses else f"{str(status)[0]}XX"
        if key not in responses:
            return [f"{where}: status not documented"]
        response, pointer = responses[key], f"{op.pointer}/{_escape('responses', key)}"
        if "$ref" in response:  # e.g. #/components/responses/ClientErrorResponse
            pointer = response["$ref"].removeprefix("#/")
            response = self._resolve(pointer)
        if "application/json" not in response.get("content", {}):
            return []
        pointer += "/" + _escape("content", "application/json", "schema")
        return [f"{where}: {describe(e)}" for e in self._validator(pointer, False).iter_errors(body)]

    def _resolve(self, pointer: str) -> Any:
        node: Any = self.spec
        for part in pointer.split("/"):
            node = node[unquote(part).replace("~1", "/").replace("~0", "~")]
        return node


@dataclass
class CheckResult:
    violations: list[str]
    notes: list[str] = field(default_factory=list)
    body_errors: list[ValidationError] = field(default_factory=list)
    operation: Operation | None = None

    def discord_error(self) -> dict[str, Any]:
        """The body errors in Discord's 400 "Invalid Form Body" (code 50035) format."""
        errors: dict[str, Any] = {}
        for error in (leaf for top in self.body_errors for leaf in _leaves(top)):
            node = errors
            for part in error.absolute_path:
                node = node.setdefault(str(part), {})
            code = _ERROR_CODES.get(str(error.validator), "BASE_TYPE_INVALID")
            node.setdefault("_errors", []).append({"code": code, "message": _short(error.message, 200)})
        return {"message": "Invalid Form Body", "code": 50035, "errors": errors}


_ERROR_CODES = {"required": "BASE_TYPE_REQUIRED", "maxLength": "BASE_TYPE_MAX_LENGTH",
                "minLength": "BASE_TYPE_MIN_LENGTH", "maxItems": "BASE_TYPE_MAX_LENGTH",
                "maximum": "NUMBER_TYPE_MAX", "minimum": "NUMBER_TYPE_MIN", "enum": "BASE_TYPE_CHOICES",
                "type": "BASE_TYPE_BAD_TYPE", "format": "BASE_TYPE_BAD_FORMAT"}


def describe(error: ValidationError) -> str:
    """Readable one-liner: JSON path and message; for anyOf/oneOf the errors of the closest branch."""
    if not error.context:
        return f"{error.json_path}: {_short(error.message)}"
    branch = closest_branch(error)
    inner = "; ".join(describe(e) for e in branch[:3]) + ("; ..." if len(branch) > 3 else "")
    return f"{error.json_path}: matches none of the {error.validator} branches (closest: {inner})"


def closest_branch(error: ValidationError) -> list[ValidationError]:
    """The errors of the anyOf/oneOf branch that is most likely meant.

    Branches rejected on an ``enum``/``const`` (a discriminator such as ``type``) rank last;
    then the branch whose errors lie deepest in the instance wins, then the one with fewest.
    """
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def rank(errs: list[ValidationError]) -> tuple[bool, int, int]:
        discriminated = any(e.validator in ("enum", "const") and len(e.relative_path) <= 1 for e in errs)
        return (not discriminated, min(_depth(e) for e in errs), -len(errs))

    return sorted(max(branches.values(), key=rank), key=lambda e: -_depth(e))


def _leaves(error: ValidationError) -> list[ValidationError]:
    if error.context:
        return [leaf for e in closest_branch(error) for leaf in _leaves(e)]
    return [error]


def _depth(error: ValidationError) -> int:
    if error.context:
        return max(_depth(e) for e in closest_branch(error))
    return len(error.absolute_path)


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[:limit] + "..."


def load_contract(path: str | Path | None = None) -> Contract | None:
    """The contract for ``path`` (default: :func:`spec_path`), or None if the file does not exist.

    Parsing the spec and building validators is done once per process and file.
    """
    source = Path(path) if path else spec_path()
    return _load(str(source.resolve())) if source.is_file() else None


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Contract:
    with open(path, encoding="utf-8") as fh:
        return Contract(json.load(fh), Path(path))
