"""The HTTP API and web UI: read-only JSON over one store, a thin layer over
:class:`sitrep.api.Sitrep`, and the static page (``sitrep/web``) that draws it.

Routing is a pure function of the path and query string (:meth:`HttpApi.respond` returns a
:class:`Response`), so it is tested without sockets; :func:`make_server` puts it behind the
standard library's threading HTTP server (``sitrep serve``).

Every list endpoint answers ``{"count": N, "rows": [...]}`` with the rows of the matching
``sitrep`` command, and takes that command's filters as query parameters. A parameter the
endpoint does not know, a malformed date or limit is a 400 naming the parameter; an unknown
path or article is a 404. Errors are ``{"error": "..."}``. ``/`` is the web UI (timeline, map,
actor network, claim ledger, quotes), whose script reads the same endpoints.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sitrep.api import Sitrep
from sitrep.errors import ExportError, SitrepError, StoreError
from sitrep.export import BINARY_FORMATS, EXPORT_FORMATS, EXPORT_TABLES

JSON = "application/json; charset=utf-8"
# The web UI's files: only these are served, so no request path reaches the file system.
WEB_FILES = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
EXPORT_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


class BadRequestError(SitrepError):
    """A request the API cannot answer as asked (a 400)."""


class NotFoundError(SitrepError):
    """A path or record that does not exist (a 404)."""


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Endpoint:
    """A list endpoint: the Sitrep method and the query parameters it takes, with parsers."""

    method: str
    parameters: Mapping[str, Callable[[str], Any]]
    description: str


def parse_limit(value: str) -> int:
    if not value.isdigit() or int(value) == 0:
        raise ValueError("a positive whole number")
    return int(value)


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("a date as YYYY-MM-DD") from None


DATED: dict[str, Callable[[str], Any]] = {
    "since": parse_day,
    "until": parse_day,
    "text": str,
    "limit": parse_limit,
}
ENDPOINTS: dict[str, Endpoint] = {
    "events": Endpoint(
        "events",
        {"actor": str, "country": str, "type": str, **DATED},
        "events; type: a verb class, PLOVER type or CAMEO prefix",
    ),
    "quotes": Endpoint("quotes", {"speaker": str, **DATED}, "quotes with speakers and dates"),
    "claims": Endpoint(
        "claims", {"text": str, "actor": str, "limit": parse_limit}, "claims with stances"
    ),
    "actors": Endpoint("actors", {"name": str, "limit": parse_limit}, "actors across the store"),
    "places": Endpoint(
        "places", {"country": str, "limit": parse_limit}, "place mentions with points"
    ),
    "articles": Endpoint("articles", {"limit": parse_limit}, "stored articles"),
}
# Query parameter names that differ from the API's keyword arguments.
KEYWORDS = {"type": "event_type"}


class HttpApi:
    """Answers GET requests over one :class:`Sitrep`; one query at a time on its connection."""

    def __init__(self, sitrep: Sitrep) -> None:
        self.sitrep = sitrep
        self._lock = threading.Lock()

    def respond(self, target: str) -> Response:
        """The response to ``GET target`` (a path with an optional query string)."""
        url = urlsplit(target)
        try:
            with self._lock:
                return self._route(url.path.rstrip("/") or "/", parse_qs(url.query))
        except BadRequestError as error:
            return error_response(HTTPStatus.BAD_REQUEST, str(error))
        except NotFoundError as error:
            return error_response(HTTPStatus.NOT_FOUND, str(error))
        except SitrepError as error:
            return error_response(HTTPStatus.INTERNAL_SERVER_ERROR, str(error))

    def _route(self, path: str, query: dict[str, list[str]]) -> Response:
        parts = path.strip("/").split("/")
        if path == "/":
            return web_file("index.html")
        if parts[0] == "static" and len(parts) == 2 and parts[1] in WEB_FILES:
            return web_file(parts[1])
        if parts[0] != "api":
            raise NotFoundError(f"no such path {path!r}; the API is under /api")
        rest = parts[1:]
        if not rest:
            return json_response(self.index())
        if rest == ["counts"]:
            accepted(query, {})
            return json_response(asdict(self.sitrep.counts()))
        if rest[0] == "articles" and len(rest) == 2:
            accepted(query, {})
            return self.article(rest[1])
        if rest[0] == "export" and len(rest) == 2:
            accepted(query, {})
            return self.export(rest[1])
        if len(rest) == 1 and rest[0] in ENDPOINTS:
            return json_response(self.rows(ENDPOINTS[rest[0]], query))
        raise NotFoundError(f"no such path {path!r}; GET /api lists the endpoints")

    def index(self) -> dict[str, Any]:
        endpoints = {
            f"/api/{name}": {"parameters": sorted(each.parameters), "rows": each.description}
            for name, each in ENDPOINTS.items()
        }
        endpoints["/api/articles/{id}"] = {"parameters": [], "rows": "one article's full JSON"}
        endpoints["/api/counts"] = {"parameters": [], "rows": "records of each kind"}
        endpoints["/api/export/{table}.{format}"] = {
            "parameters": [],
            "rows": f"tables {', '.join(EXPORT_TABLES)}; formats {', '.join(EXPORT_FORMATS)}",
        }
        return {"endpoints": endpoints}

    def rows(self, endpoint: Endpoint, query: dict[str, list[str]]) -> dict[str, Any]:
        keywords = {
            KEYWORDS.get(name, name): value
            for name, value in accepted(query, endpoint.parameters).items()
        }
        found: Sequence[Any] = getattr(self.sitrep, endpoint.method)(**keywords)
        return {"count": len(found), "rows": [asdict(row) for row in found]}

    def article(self, article_id: str) -> Response:
        try:
            article = self.sitrep.article(article_id)
        except StoreError as error:
            raise NotFoundError(str(error)) from None
        return Response(HTTPStatus.OK, JSON, article.to_json().encode("utf-8"))

    def export(self, name: str) -> Response:
        table, _, format = name.partition(".")
        if format not in EXPORT_TYPES:
            raise NotFoundError(
                f"no export format {format!r}; use one of {', '.join(EXPORT_TYPES)}"
            )
        binary = format in BINARY_FORMATS
        out: io.BytesIO | io.StringIO = io.BytesIO() if binary else io.StringIO()
        try:
            self.sitrep.export(format, out, table=table)
        except ExportError as error:
            raise BadRequestError(str(error)) from None
        value = out.getvalue()
        body = value if isinstance(value, bytes) else value.encode("utf-8")
        return Response(HTTPStatus.OK, EXPORT_TYPES[format], body)


def accepted(
    query: dict[str, list[str]], parameters: Mapping[str, Callable[[str], Any]]
) -> dict[str, Any]:
    """The query's parameters parsed; an unknown, repeated or malformed one is a bad request."""
    values: dict[str, Any] = {}
    for name, given in query.items():
        if name not in parameters:
            known = ", ".join(sorted(parameters)) or "none"
            raise BadRequestError(f"unknown parameter {name!r}; this endpoint takes: {known}")
        if len(given) > 1:
            raise BadRequestError(f"parameter {name!r} given {len(given)} times")
        try:
            values[name] = parameters[name](given[0])
        except ValueError as error:
            raise BadRequestError(f"parameter {name!r}: {given[0]!r} is not {error}") from None
    return values


def web_file(name: str) -> Response:
    body = resources.files("sitrep.web").joinpath(name).read_bytes()
    return Response(HTTPStatus.OK, WEB_FILES[name], body)


def json_response(value: Any, status: int = HTTPStatus.OK) -> Response:
    return Response(status, JSON, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def error_response(status: int, message: str) -> Response:
    return json_response({"error": message}, status)


def make_server(api: HttpApi, host: str = "127.0.0.1", port: int = 8080) -> ThreadingHTTPServer:
    """A threading HTTP server answering GET with ``api``; port 0 picks a free port."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            response = api.respond(self.path)
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the library never prints; the CLI reports what it serves."""

    return ThreadingHTTPServer((host, port), Handler)
