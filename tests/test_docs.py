"""Documentation tests: every field of the JSON contract is documented in docs/schema.md."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from conftest import REPO
from sitrep import records

SCHEMA_DOC = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"`([a-z_0-9]+)`", SCHEMA_DOC))
SPAN_FIELDS = {"start", "end", "text"}


def record_models() -> list[type[BaseModel]]:
    return [
        model
        for model in vars(records).values()
        if isinstance(model, type)
        and issubclass(model, BaseModel)
        and model.__module__ == records.__name__
    ]


@pytest.mark.parametrize("model", record_models(), ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    missing = set(model.model_fields) - DOCUMENTED - SPAN_FIELDS - {"doc"}
    assert not missing, f"{model.__name__} fields missing from docs/schema.md: {sorted(missing)}"


def test_documented_schema_version_is_current() -> None:
    assert f"schema version {records.SCHEMA_VERSION}" in SCHEMA_DOC


def cli_commands() -> list[str]:
    from sitrep.cli import app, eval_app

    top = [f"sitrep {c.name or c.callback.__name__}" for c in app.registered_commands if c.callback]
    evals = [f"sitrep eval {c.name}" for c in eval_app.registered_commands]
    return top + evals


@pytest.mark.parametrize("command", cli_commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{command}" in readme, f"{command} is not documented in README.md"
