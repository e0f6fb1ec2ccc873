"""The language stage: news sentence boundaries, knowledge-base entities, other backends."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from conftest import TODAY
from sitrep.errors import BackendError
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, span_errors
from sitrep.stages.language import BUNDLED_MODELS, MODELS_DIR, resolve_model

TEXT = "\n".join(
    [
        "Kyiv, Ukraine",
        "Officials in Kyiv said the talks with Russia had stalled. The Kremlin disagreed.",
        "A new round",
        '"We will keep talking," the minister said.',
    ]
)


def read(text: str, backend: str = "rules") -> Article:
    pipeline = Pipeline(Options(stages=("clean", "language"), backend=backend, today=TODAY))
    return pipeline(Article(text=text))


def test_every_line_starts_a_sentence_and_sentences_know_their_section() -> None:
    article = read(TEXT)
    assert [s.text for s in article.sentences] == [
        "Kyiv, Ukraine",
        "Officials in Kyiv said the talks with Russia had stalled.",
        "The Kremlin disagreed.",
        "A new round",
        '"We will keep talking," the minister said.',
    ]
    assert [s.section for s in article.sentences] == [0, 1, 1, 2, 3]
    assert span_errors(article) == []


@pytest.mark.parametrize("mark", ['"', "“"])
def test_an_opening_quote_mark_starts_the_next_sentence(mark: str) -> None:
    close = '"' if mark == '"' else "”"
    text = (
        f"The minister spoke to reporters. {mark}We will keep talking,{close} she said. "
        f"{mark}The door is open.{close} Her deputy agreed."
    )
    assert [s.text for s in read(text).sentences] == [
        "The minister spoke to reporters.",
        f"{mark}We will keep talking,{close} she said.",
        f"{mark}The door is open.{close}",
        "Her deputy agreed.",
    ]


def test_an_opening_bracket_starts_the_next_sentence() -> None:
    text = "The talks ended. (Both sides will meet again.) Nothing was signed."
    assert [s.text for s in read(text).sentences] == [
        "The talks ended.",
        "(Both sides will meet again.)",
        "Nothing was signed.",
    ]


def test_knowledge_base_names_become_entities_with_ids() -> None:
    ents = {(e.text, e.label_, e.ent_id_) for e in read(TEXT).doc.ents}
    assert ("Kyiv", "GPE", "capital:UKR") in ents
    assert ("Russia", "GPE", "country:RUS") in ents
    assert ("Kremlin", "ORG", "seat:RUS") in ents


def test_an_installed_spacy_pipeline_can_be_the_backend(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.meta["name"] = "tiny"
    nlp.meta["version"] = "9.9.9"
    nlp.to_disk(tmp_path / "tiny")
    article = read(TEXT, backend=str(tmp_path / "tiny"))
    assert article.backend is not None
    assert article.backend.name == "spacy:en_tiny"
    assert article.backend.version == "9.9.9"
    assert len(article.sentences) == 5
    assert any(e.ent_id_ == "seat:RUS" for e in article.doc.ents)


def test_bundled_backends_are_model_folders_inside_the_package() -> None:
    for name, folder in BUNDLED_MODELS.items():
        assert resolve_model(name) == MODELS_DIR / folder
        assert (MODELS_DIR / folder / "meta.json").is_file()
    # Any other name is spaCy's to resolve: a package or a path.
    assert resolve_model("en_core_web_sm") == "en_core_web_sm"
    assert resolve_model("build/model") == "build/model"


def test_a_missing_backend_is_a_clear_error() -> None:
    with pytest.raises(BackendError, match="en_core_web_nonexistent"):
        read(TEXT, backend="en_core_web_nonexistent")


def test_a_dateline_prefix_is_its_own_sentence() -> None:
    article = read("LONDON — Britain on Monday imposed new sanctions on three banks.\nMore later.")
    assert [s.text for s in article.sentences][:2] == [
        "LONDON",
        "Britain on Monday imposed new sanctions on three banks.",
    ]
    assert [article.sections[s.section].kind for s in article.sentences][:2] == [
        "dateline",
        "paragraph",
    ]
