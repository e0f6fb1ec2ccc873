"""Every registered stage, in one place, imported on first use."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import import_module
from types import MappingProxyType

from sitrep.errors import PipelineError
from sitrep.registry import Stage

# name -> "module:attribute" of its Stage. Versioned names stay resolvable (see tests).
STAGE_LOCATIONS: Mapping[str, str] = MappingProxyType(
    {
        "clean": "sitrep.stages.clean:STAGE",
        "language": "sitrep.stages.language:STAGE",
        "time": "sitrep.stages.time:STAGE",
        "actors": "sitrep.stages.actors:STAGE",
        "places": "sitrep.stages.places:STAGE",
        "quotes": "sitrep.stages.quotes:STAGE",
        "events": "sitrep.stages.events:STAGE",
        "claims": "sitrep.stages.claims:STAGE",
    }
)


@cache
def stage(name: str) -> Stage:
    """The registered stage called ``name``."""
    if name not in STAGE_LOCATIONS:
        known = ", ".join(sorted(STAGE_LOCATIONS))
        raise PipelineError(f"unknown stage {name!r}; known stages: {known}")
    module_name, attribute = STAGE_LOCATIONS[name].split(":")
    found = getattr(import_module(module_name), attribute)
    if not isinstance(found, Stage):
        raise PipelineError(f"{STAGE_LOCATIONS[name]} is not a Stage")
    return found
