"""sitrep's own English pipeline ("backbone"), trained from open treebanks.

- :mod:`sitrep.backbone.convert`: UD English-EWT and GUM (CoNLL-U) plus Universal NER (IOB2)
  into spaCy DocBins, with SHA-256 checksums of every input.
- :mod:`sitrep.backbone.train`: trains the pipeline of ``config.cfg`` with fixed seeds and
  writes a model folder with a model card and the licence of its training data.
- :mod:`sitrep.backbone.evaluate`: tagging, parsing, sentence and entity scores of any spaCy
  pipeline sitrep can load (the rules backend included), and its speed.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_PATH = Path(__file__).with_name("config.cfg")
MODEL_NAME = "sitrep_backbone"

__all__ = ["CONFIG_PATH", "MODEL_NAME"]
