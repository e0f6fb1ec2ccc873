"""The HTTP API: routing on a real SQLite file, then a real server over sockets."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from sitrep.api import Sitrep
from sitrep.records import Article
from sitrep.server import HttpApi, Response, make_server
from test_store import make_article


@pytest.fixture
def api(db: Path) -> Iterator[HttpApi]:
    with Sitrep(db=db, create=False) as sitrep:
        yield HttpApi(sitrep)


def body(response: Response) -> Any:
    assert response.content_type.startswith("application/json")
    return json.loads(response.body)


def test_index_lists_every_endpoint(api: HttpApi) -> None:
    endpoints = body(api.respond("/api"))["endpoints"]
    for path in ("/api/events", "/api/quotes", "/api/claims", "/api/places", "/api/counts"):
        assert path in endpoints
    assert "speaker" in endpoints["/api/quotes"]["parameters"]


def test_events_with_filters(api: HttpApi) -> None:
    everything = body(api.respond("/api/events"))
    assert everything["count"] == len(everything["rows"]) == 4
    kremlin = body(api.respond("/api/events?actor=Kremlin"))
    assert {row["event_id"] for row in kremlin["rows"]} == {"E2"}
    accusations = body(api.respond("/api/events?type=ACCUSE&limit=1"))
    assert [row["verb_class"] for row in accusations["rows"]] == ["accuse"]
    autumn = body(api.respond("/api/events?since=2024-11-01"))
    assert {row["date"] for row in autumn["rows"]} == {"2024-11-02"}


def test_quotes_claims_actors_places_articles(api: HttpApi) -> None:
    quotes = body(api.respond("/api/quotes?speaker=zelensky"))["rows"]
    assert {row["speaker"] for row in quotes} == {"Volodymyr Zelensky"}
    claims = body(api.respond("/api/claims"))["rows"]
    assert claims[0]["stances"][0]["polarity"]
    assert body(api.respond("/api/actors?limit=1"))["rows"][0]["name"] == "Volodymyr Zelensky"
    places = body(api.respond("/api/places?country=UKR"))["rows"]
    assert [(row["name"], row["lat"]) for row in places] == [("Kharkiv", 49.9935)] * 2
    assert body(api.respond("/api/counts"))["articles"] == 2


def test_one_article_is_its_full_json(api: HttpApi) -> None:
    first = body(api.respond("/api/articles?limit=1"))["rows"][0]
    response = api.respond(f"/api/articles/{first['id'][:10]}")
    assert Article.from_json(response.body.decode("utf-8")) == make_article()


def test_exports(api: HttpApi) -> None:
    geojson = api.respond("/api/export/places.geojson")
    assert geojson.content_type.startswith("application/geo+json")
    assert len(json.loads(geojson.body)["features"]) == 2
    csv = api.respond("/api/export/events.csv")
    assert csv.body.decode("utf-8").startswith("article_id,event_id,date,")


@pytest.mark.parametrize(
    ("target", "status", "message"),
    [
        ("/api/events?colour=red", 400, "unknown parameter 'colour'"),
        ("/api/events?since=yesterday", 400, "parameter 'since'"),
        ("/api/events?limit=-3", 400, "parameter 'limit'"),
        ("/api/events?actor=a&actor=b", 400, "given 2 times"),
        ("/api/export/quotes.geojson", 400, "GeoJSON needs points"),
        ("/api/export/events.xml", 404, "no export format"),
        ("/api/articles/ffffffffffff", 404, "no article"),
        ("/api/nothing", 404, "no such path"),
        ("/index.html", 404, "under /api"),
    ],
)
def test_errors_are_json_with_a_reason(
    api: HttpApi, target: str, status: int, message: str
) -> None:
    response = api.respond(target)
    assert response.status == status
    assert message in body(response)["error"]


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=10) as reply:
            return reply.status, reply.headers["Content-Type"], reply.read()
    except HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_real_server_answers_over_http(api: HttpApi) -> None:
    server = make_server(api, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        status, kind, data = fetch(f"{base}/api/quotes?speaker=Zelensky")
        assert (status, kind) == (200, "application/json; charset=utf-8")
        assert json.loads(data)["count"] == 2
        status, _, data = fetch(f"{base}/api/events?since=never")
        assert status == 400 and "since" in json.loads(data)["error"]
    finally:
        server.shutdown()
        server.server_close()


def test_sitrep_serve_command(db: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"http://[\d.]+:(\d+)/api", line)
        assert found, line
        status, _, data = fetch(found.group(0) + "/counts")
        assert status == 200 and json.loads(data)["articles"] == 2
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_sitrep_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    result = subprocess.run(
        [sys.executable, "-m", "sitrep", "serve", "--db", str(missing), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "no database" in result.stderr
    assert not missing.exists()
