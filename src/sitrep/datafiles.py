"""Knowledge as data: YAML files with a schema, shipped in ``sitrep/data`` and extendable.

A data file is a YAML mapping with a ``version`` and an ``entries`` list. Each entry is
validated against a pydantic model. A user's directory (``Options.data_dirs``) may hold a
file of the same name: its entries are added, and an entry with the key of a shipped one
replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from sitrep.errors import DataFileError

EntryT = TypeVar("EntryT", bound=BaseModel)


def shipped_data_path(name: str) -> Path:
    return Path(str(resources.files("sitrep") / "data" / name))


def _read_entries(path: Path, schema: type[EntryT]) -> list[EntryT]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataFileError(str(path), f"cannot be read as YAML: {error}") from error
    if not isinstance(loaded, dict) or not isinstance(loaded.get("entries"), list):
        raise DataFileError(str(path), "expected a mapping with an 'entries' list")
    entries = []
    for index, raw in enumerate(loaded["entries"]):
        try:
            entries.append(schema.model_validate(raw))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise DataFileError(str(path), f"entry {index} ({where}): {first['msg']}") from error
    return entries


def load_entries(
    name: str,
    schema: type[EntryT],
    *,
    key: Callable[[EntryT], str],
    data_dirs: Sequence[Path] = (),
) -> list[EntryT]:
    """The shipped entries of data file ``name``, extended and overridden by user files."""
    merged: dict[str, EntryT] = {}
    for entry in _read_entries(shipped_data_path(name), schema):
        merged[key(entry)] = entry
    for directory in data_dirs:
        user_file = Path(directory) / name
        if user_file.exists():
            for entry in _read_entries(user_file, schema):
                merged[key(entry)] = entry
    return list(merged.values())
