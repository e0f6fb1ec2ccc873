"""Treebanks into spaCy DocBins: UD English-EWT + Universal NER, and GUM with its entity layer.

Inputs are read in place from ``../shared/data`` and never copied; the DocBins go to a build
folder outside git, with ``corpus.json`` naming every input file and its SHA-256.

Entity labels follow sitrep's language stage: UNER ``PER``/``ORG``/``LOC`` and GUM's named
``person``/``organization``/``place`` mentions become ``PERSON``/``ORG``/``GPE``. Neither corpus
separates geo-political entities from other locations; ``GPE`` is chosen for both because
most named places in news are countries, regions and cities (what the knowledge base labels
``GPE``), the places stage reads ``GPE`` and ``LOC`` alike, and one label for one kind of gold
keeps the two corpora consistent.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from sitrep.errors import DataFileError

UNER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE"}
# GUM genres whose texts may be redistributed (LICENSE.txt); essay, fiction, letter, podcast
# and whow are CC BY-NC-SA and reddit is non-commercial: left out.
GUM_GENRES = (
    "academic",
    "bio",
    "conversation",
    "court",
    "interview",
    "news",
    "speech",
    "textbook",
    "vlog",
    "voyage",
)
SPLITS = ("train", "dev", "test")
# Inside a name, between two proper nouns: "Bank of America", "Procter & Gamble".
NAME_BRIDGES = frozenset({"of", "&", "and", "de", "-", "the", "for", "'s"})
# A person mention that is only a title ("the Senator", "NASA Administrator") is not a name.
TITLE_WORDS = frozenset(
    [
        "president",
        "senator",
        "mp",
        "administrator",
        "governor",
        "minister",
        "secretary",
        "chairman",
        "chairwoman",
        "director",
        "king",
        "queen",
        "prince",
        "princess",
        "mayor",
        "judge",
        "justice",
        "general",
        "professor",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sir",
        "lord",
        "pope",
        "bishop",
        "chief",
        "ambassador",
        "commissioner",
        "chancellor",
        "premier",
        "representative",
        "congressman",
        "congresswoman",
        "speaker",
        "leader",
        "captain",
        "colonel",
        "sergeant",
        "officer",
    ]
)
MANIFEST = "corpus.json"
# user_data key of a doc: token indices that start a paragraph (not the doc's first).
PARAGRAPH_STARTS = "paragraph_starts"
# Bumped whenever the conversion changes, so that an older build is not reused.
FORMAT = "sitrep-backbone-corpus.v6"  # v6: paragraph starts kept for news copy


@dataclass(frozen=True)
class Word:
    """One UD syntactic word."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based within the sentence; 0 is the root
    deprel: str
    misc: str
    space_after: bool = True


@dataclass(frozen=True)
class EntitySpan:
    """A named entity over words ``start`` to ``end`` (exclusive) of a sentence."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    doc_id: str
    genre: str
    words: tuple[Word, ...]
    # None: the sentence has no entity annotation (missing, not "no entities").
    entities: tuple[EntitySpan, ...] | None = None
    # The treebank marks a paragraph (or heading) break before this sentence.
    paragraph_start: bool = False


@dataclass(frozen=True)
class NerSentence:
    """One sentence of a Universal NER ``.iob2`` file."""

    sent_id: str
    forms: tuple[str, ...]
    tags: tuple[str, ...]


# --- CoNLL-U ---------------------------------------------------------------------------------


@dataclass
class _Reader:
    doc_id: str = ""
    genre: str = ""
    sent_id: str = ""
    words: list[Word] = field(default_factory=list)
    fused_end: int = 0
    fused_space: bool = True
    paragraph_start: bool = False

    def comment(self, line: str) -> None:
        key, _, value = line[1:].partition("=")
        key, value = key.strip(), value.strip()
        if key == "newdoc id":
            self.doc_id, self.genre = value, ""
            self.paragraph_start = True
        elif key in ("newpar", "newpar id", "newpar_block"):
            self.paragraph_start = True
        elif key == "meta::genre":
            self.genre = value
        elif key == "sent_id":
            self.sent_id = value

    def word(self, line: str) -> None:
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"CoNLL-U line without 10 columns: {line!r}")
        ident = cols[0]
        if "." in ident:  # empty node of enhanced dependencies
            return
        if "-" in ident:  # multiword token: its SpaceAfter belongs to its last word
            self.fused_end = int(ident.split("-")[1])
            self.fused_space = "SpaceAfter=No" not in cols[9]
            return
        index = int(ident)
        if index < self.fused_end:
            space = False
        elif index == self.fused_end:
            space = self.fused_space
        else:
            space = "SpaceAfter=No" not in cols[9]
        form, lemma, upos, xpos, feats, head, deprel, _, misc = cols[1:]
        head_index = 0 if head in ("0", "_") else int(head)
        word = Word(form, lemma, upos, xpos, feats, head_index, deprel, misc, space)
        self.words.append(word)

    def sentence(self) -> Sentence | None:
        if not self.words:
            return None
        sentence = Sentence(
            self.sent_id,
            self.doc_id,
            self.genre,
            tuple(self.words),
            paragraph_start=self.paragraph_start,
        )
        self.words, self.sent_id, self.fused_end = [], "", 0
        self.paragraph_start = False
        return sentence


def read_conllu(text: str) -> Iterator[Sentence]:
    """Sentences of a CoNLL-U text with their document id and (GUM) genre."""
    reader = _Reader()
    for line in text.splitlines():
        if not line.strip():
            sentence = reader.sentence()
            if sentence is not None:
                yield sentence
        elif line.startswith("#"):
            reader.comment(line)
        else:
            reader.word(line)
    last = reader.sentence()
    if last is not None:
        yield last


# --- Universal NER ---------------------------------------------------------------------------


def read_iob2(text: str) -> dict[str, NerSentence]:
    """Universal NER sentences by ``sent_id`` (the ids of UD English-EWT)."""
    sentences: dict[str, NerSentence] = {}
    sent_id, forms, tags = "", [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("# sent_id"):
            sent_id = line.partition("=")[2].strip()
        elif line.startswith("#"):
            continue
        elif line.strip():
            cols = line.split("\t")
            forms.append(cols[1])
            tags.append(cols[2] if len(cols) > 2 else "O")
        elif forms:
            sentences[sent_id] = NerSentence(sent_id, tuple(forms), tuple(tags))
            sent_id, forms, tags = "", [], []
    return sentences


def iob_spans(tags: Sequence[str], labels: dict[str, str] = UNER_LABELS) -> list[EntitySpan]:
    """Spans of IOB2 tags; unknown labels (UNER's pre-release ``OTH``, ``B-O``) are outside.

    A stray ``I-`` tag starts a span, as in the CoNLL evaluation script.
    """
    spans: list[EntitySpan] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, raw = tag.partition("-")
        new = labels.get(raw, "") if prefix in ("B", "I") else ""
        if label and (prefix != "I" or new != label):
            spans.append(EntitySpan(start, i, label))
            label = ""
        if new and not label:
            start, label = i, new
    return spans


def align_entities(words: Sequence[str], ner: NerSentence) -> tuple[EntitySpan, ...] | None:
    """UNER spans on the words of the UD sentence; None when a span cannot be placed."""
    spans = iob_spans(ner.tags)
    if tuple(words) == ner.forms:
        return tuple(spans)
    matcher = difflib.SequenceMatcher(a=ner.forms, b=list(words), autojunk=False)
    mapping = {
        block.a + k: block.b + k
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    }
    aligned = []
    for span in spans:
        start, last = mapping.get(span.start), mapping.get(span.end - 1)
        if start is None or last is None or last - start != span.end - 1 - span.start:
            return None
        aligned.append(EntitySpan(start, last + 1, span.label))
    return tuple(aligned)


def with_uner(sentences: Iterable[Sentence], ner: dict[str, NerSentence]) -> Iterator[Sentence]:
    for sentence in sentences:
        match = ner.get(sentence.sent_id)
        entities = None
        if match is not None:
            entities = align_entities([w.form for w in sentence.words], match)
        yield replace(sentence, entities=entities)


# --- GUM entities ----------------------------------------------------------------------------

_ENTITY = re.compile(r"\((\d+)-([^()|]*)(\))?|(\d+)\)")
# A person mention naming a group ("Black_people", "Americans"): demonyms and groups are not
# PERSON, and UNER leaves them out too; such spans are marked unknown rather than guessed.
_GROUP_IDENTITY = re.compile(r"(?i)(^|_)peoples?($|_)|ans$|ese$")
UNKNOWN = ""


@dataclass(frozen=True)
class Mention:
    """A GUM entity mention over words ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    etype: str
    identity: str = ""  # Wikipedia title of named entities, when linked


def gum_mentions(words: Sequence[Word]) -> list[Mention]:
    """Mentions of GUM's ``Entity=`` MISC annotation (CorefUD bracket notation)."""
    mentions: list[Mention] = []
    opened: dict[str, list[tuple[int, list[str]]]] = {}
    for i, word in enumerate(words):
        value = next((p[7:] for p in word.misc.split("|") if p.startswith("Entity=")), "")
        for match in _ENTITY.finditer(value):
            ident, attrs, closed, closing = match.groups()
            if ident is not None and closed:
                mentions.append(_mention(i, i + 1, attrs.split("-")))
            elif ident is not None:
                opened.setdefault(ident, []).append((i, attrs.split("-")))
            elif opened.get(closing):
                start, fields = opened[closing].pop()
                mentions.append(_mention(start, i + 1, fields))
    return mentions


def _mention(start: int, end: int, fields: list[str]) -> Mention:
    # etype-infstat-salience-centering-minspan-link-identity; a title may contain "-".
    return Mention(start, end, fields[0], "-".join(fields[6:]))


def gum_entities(words: Sequence[Word]) -> tuple[EntitySpan, ...]:
    """Named person, place and organisation mentions as sitrep labels.

    A mention is named when its syntactic head is tagged as a proper noun (PTB ``NNP``/``NNPS``:
    "United" in "United States" is a VERB with tag NNP); the entity is the run of proper nouns
    around that head inside the mention ("the University of Texas" -> "University of Texas");
    a person's name is its head and the ``flat`` words of the name ("NASA Administrator
    Charles Bolden" -> "Charles Bolden"). Person mentions naming groups get the label
    ``UNKNOWN`` (no annotation). Overlaps keep the longer span.
    """
    spans = []
    for mention in gum_mentions(words):
        label = GUM_LABELS.get(mention.etype)
        head = _span_head(words, mention.start, mention.end)
        if not label or head is None or not _is_name(words[head]):
            continue
        if label == "PERSON":
            first, last = head, _flat_end(words, head)
            label = label if _is_personal_name(words, head, last, mention) else UNKNOWN
        else:
            first, last = _name_run(words, head, mention.start, mention.end)
        spans.append(EntitySpan(first, last, label))
    return _without_overlaps(spans)


def _is_name(word: Word) -> bool:
    return word.xpos in ("NNP", "NNPS")


def _is_personal_name(words: Sequence[Word], head: int, end: int, mention: Mention) -> bool:
    """Not a group ("Black_people", "Americans"), a party adjective or a bare title."""
    word = words[head]
    group = word.xpos == "NNPS" or bool(_GROUP_IDENTITY.search(mention.identity))
    title = words[end - 1].form.lower().rstrip(".") in TITLE_WORDS
    return word.upos == "PROPN" and not group and not title


def _flat_end(words: Sequence[Word], head: int) -> int:
    """End of a personal name: its head and the ``flat`` words after it, without titles.

    "U.S. Senator John Cornyn": "John" heads "Cornyn" (flat); "U.S. Senator" are compounds.
    """
    end = head + 1
    while end < len(words) and words[end].deprel.startswith("flat") and words[end].head > head:
        end += 1
    return end


def _span_head(words: Sequence[Word], start: int, end: int) -> int | None:
    heads = [i for i in range(start, end) if not start < words[i].head <= end]
    return heads[0] if heads else None


def _name_run(words: Sequence[Word], head: int, start: int, end: int) -> tuple[int, int]:
    first = last = head
    while first > start and _extends(words, first - 1, first - 2, start, end):
        first -= 1
    while last + 1 < end and _extends(words, last + 1, last + 2, start, end):
        last += 1
    return first, last + 1


def _extends(words: Sequence[Word], index: int, beyond: int, start: int, end: int) -> bool:
    """A proper noun, or a bridge word with a proper noun beyond it inside the mention."""
    if _is_name(words[index]):
        return True
    return (
        words[index].form.lower() in NAME_BRIDGES
        and start <= beyond < end
        and _is_name(words[beyond])
    )


def _without_overlaps(spans: list[EntitySpan]) -> tuple[EntitySpan, ...]:
    kept: list[EntitySpan] = []
    for span in sorted(set(spans), key=lambda s: (s.start - s.end, s.start)):
        if all(span.end <= other.start or other.end <= span.start for other in kept):
            kept.append(span)
    return tuple(sorted(kept, key=lambda s: s.start))


def with_gum_entities(sentences: Iterable[Sentence]) -> Iterator[Sentence]:
    for s in sentences:
        yield replace(s, entities=gum_entities(s.words))


# --- Docs ------------------------------------------------------------------------------------


def to_doc(vocab: Vocab, sentences: Sequence[Sentence], *, source: str) -> Doc:
    """One spaCy Doc of consecutive sentences of one document, with every UD layer.

    Sentences are separated by a space; the root's head is itself (spaCy's convention) and
    ``root`` is spelt ``ROOT``, as spaCy's own CoNLL-U converter does.
    """
    words: list[Word] = []
    spaces: list[bool] = []
    heads: list[int] = []
    iob: list[str | None] = []
    paragraph_starts: list[int] = []
    for sentence in sentences:
        offset = len(words)
        if offset and sentence.paragraph_start:
            paragraph_starts.append(offset)
        for i, word in enumerate(sentence.words):
            words.append(word)
            spaces.append(word.space_after or i == len(sentence.words) - 1)
            heads.append(offset + (word.head - 1 if word.head else i))
        iob.extend(_iob(sentence))
    spaces[-1] = False
    doc = Doc(
        vocab,
        words=[w.form for w in words],
        spaces=spaces,
        tags=[w.xpos if w.xpos != "_" else w.upos for w in words],
        pos=[w.upos if w.upos != "_" else "" for w in words],
        morphs=[w.feats if w.feats != "_" else "" for w in words],
        lemmas=[w.lemma for w in words],
        heads=heads,
        deps=["ROOT" if w.deprel == "root" else w.deprel for w in words],
        ents=iob,  # type: ignore[arg-type]  # None marks a token without annotation
    )
    first = sentences[0]
    doc.user_data.update(
        {
            "source": source,
            "doc_id": first.doc_id,
            "genre": first.genre,
            PARAGRAPH_STARTS: paragraph_starts,
        }
    )
    return doc


def news_copy_text(doc: Doc) -> str:
    """The doc's text as news copy arrives: a line break (not a space) before each paragraph.

    A paragraph start recorded by :func:`to_doc` replaces the one space before it, so every
    character offset of the doc stays valid in the returned text.
    """
    chars = list(doc.text)
    for index in doc.user_data.get(PARAGRAPH_STARTS, ()):
        if 0 < index < len(doc) and doc[index - 1].whitespace_ == " ":
            chars[doc[index].idx - 1] = "\n"
    return "".join(chars)


def _iob(sentence: Sentence) -> list[str | None]:
    if sentence.entities is None:
        return [None] * len(sentence.words)
    tags: list[str | None] = ["O"] * len(sentence.words)
    for span in sentence.entities:
        for i in range(span.start, span.end):
            tags[i] = f"{'B' if i == span.start else 'I'}-{span.label}" if span.label else None
    return tags


def group_sentences(
    sentences: Iterable[Sentence], *, per_doc: int
) -> Iterator[tuple[Sentence, ...]]:
    """Consecutive sentences of one document, at most ``per_doc`` at a time."""
    group: list[Sentence] = []
    for sentence in sentences:
        if group and (sentence.doc_id != group[0].doc_id or len(group) >= per_doc):
            yield tuple(group)
            group = []
        group.append(sentence)
    if group:
        yield tuple(group)


# --- Corpus ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    path: str  # relative to the shared folder
    sha256: str
    size: int


@dataclass(frozen=True)
class SplitCounts:
    docs: int
    sentences: int
    words: int
    entities: int
    sentences_without_entities: int  # NER annotation missing (marked unknown, not "O")


@dataclass(frozen=True)
class CorpusSettings:
    sources: tuple[str, ...] = ("ewt", "gum")
    gum_genres: tuple[str, ...] = GUM_GENRES
    limit: int | None = None  # at most this many sentences from each input treebank file
    sentences_per_doc: int = 10


@dataclass(frozen=True)
class Corpus:
    """DocBins of one conversion and what they were made from."""

    directory: Path
    settings: CorpusSettings
    inputs: tuple[InputFile, ...]
    counts: dict[str, SplitCounts]

    def path(self, name: str) -> Path:
        """``train``, ``dev``, ``test-ewt``, ``test-gum``: the DocBin of that part."""
        return self.directory / f"{name}.spacy"

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.counts)

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "settings": asdict(self.settings),
            "inputs": [asdict(i) for i in self.inputs],
            "counts": {name: asdict(c) for name, c in self.counts.items()},
        }
        return json.dumps(data, indent=2)

    @classmethod
    def load(cls, directory: Path) -> Corpus:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{directory / MANIFEST}: not a {FORMAT} manifest")
        settings = data["settings"]
        return cls(
            directory,
            CorpusSettings(
                tuple(settings["sources"]),
                tuple(settings["gum_genres"]),
                settings["limit"],
                settings["sentences_per_doc"],
            ),
            tuple(InputFile(**i) for i in data["inputs"]),
            {name: SplitCounts(**c) for name, c in data["counts"].items()},
        )


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_paths(shared_dir: Path, settings: CorpusSettings) -> dict[tuple[str, str], Path]:
    """Input files by (source, split): ``ewt``, ``uner`` and ``gum``."""
    data = shared_dir / "data"
    paths: dict[tuple[str, str], Path] = {}
    for split in SPLITS:
        if "ewt" in settings.sources:
            paths["ewt", split] = data / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu"
            paths["uner", split] = data / "uner-english-ewt" / f"en_ewt-ud-{split}.iob2"
        if "gum" in settings.sources:
            paths["gum", split] = data / "ud-english-gum" / f"gum-{split}.conllu"
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise DataFileError(missing[0], f"treebank file missing ({len(missing)} in all)")
    return paths


def split_sentences(
    paths: dict[tuple[str, str], Path], settings: CorpusSettings, split: str
) -> dict[str, list[Sentence]]:
    """The sentences of one split by source, with their entity annotation."""
    found: dict[str, list[Sentence]] = {}
    if ("ewt", split) in paths:
        ner = read_iob2(paths["uner", split].read_text(encoding="utf-8"))
        ewt = _conllu(paths["ewt", split])
        found["ewt"] = _limited(with_uner(ewt, ner), settings.limit)
    if ("gum", split) in paths:
        gum = _conllu(paths["gum", split])
        allowed = (s for s in gum if s.genre in settings.gum_genres)
        found["gum"] = _limited(with_gum_entities(allowed), settings.limit)
    return found


def _conllu(path: Path) -> list[Sentence]:
    try:
        return list(read_conllu(path.read_text(encoding="utf-8")))
    except ValueError as error:
        raise DataFileError(str(path), str(error)) from error


def _limited(sentences: Iterable[Sentence], limit: int | None) -> list[Sentence]:
    result: list[Sentence] = []
    for sentence in sentences:
        if limit is not None and len(result) >= limit:
            break
        result.append(sentence)
    return result


def write_docbin(path: Path, docs: Sequence[Doc]) -> None:
    docbin = DocBin(store_user_data=True)
    for doc in docs:
        docbin.add(doc)
    docbin.to_disk(path)


def count(docs: Sequence[Doc], sentences: Sequence[Sentence]) -> SplitCounts:
    return SplitCounts(
        docs=len(docs),
        sentences=len(sentences),
        words=sum(len(d) for d in docs),
        entities=sum(len(d.ents) for d in docs),
        sentences_without_entities=sum(s.entities is None for s in sentences),
    )


def build_corpus(shared_dir: Path, out_dir: Path, settings: CorpusSettings | None = None) -> Corpus:
    """Convert the treebanks into ``out_dir``; an identical earlier conversion is reused.

    Parts: ``train`` and ``dev`` (all sources together), ``test-ewt`` and ``test-gum``.
    """
    settings = settings or CorpusSettings()
    paths = input_paths(shared_dir, settings)
    inputs = tuple(
        InputFile(str(p.relative_to(shared_dir)), sha256(p), p.stat().st_size)
        for p in sorted(set(paths.values()))
    )
    cached = _cached(out_dir, settings, inputs)
    if cached is not None:
        return cached
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    counts: dict[str, SplitCounts] = {}
    for split in SPLITS:
        by_source = split_sentences(paths, settings, split)
        parts = {split: by_source} if split != "test" else {}
        if split == "test":
            parts = {f"test-{source}": {source: s} for source, s in by_source.items()}
        for name, sources in parts.items():
            docs, sentences = _docs(vocab, sources, settings.sentences_per_doc)
            write_docbin(out_dir / f"{name}.spacy", docs)
            counts[name] = count(docs, sentences)
    corpus = Corpus(out_dir, settings, inputs, counts)
    (out_dir / MANIFEST).write_text(corpus.to_json(), encoding="utf-8")
    return corpus


def _docs(
    vocab: Vocab, sources: dict[str, list[Sentence]], per_doc: int
) -> tuple[list[Doc], list[Sentence]]:
    docs: list[Doc] = []
    sentences: list[Sentence] = []
    for source, found in sources.items():
        sentences.extend(found)
        docs.extend(
            to_doc(vocab, group, source=source) for group in group_sentences(found, per_doc=per_doc)
        )
    return docs, sentences


def _cached(
    out_dir: Path, settings: CorpusSettings, inputs: tuple[InputFile, ...]
) -> Corpus | None:
    if not (out_dir / MANIFEST).is_file():
        return None
    try:
        corpus = Corpus.load(out_dir)
    except (ValueError, KeyError, TypeError):
        return None
    files_exist = all(corpus.path(name).is_file() for name in corpus.parts)
    if corpus.settings == settings and corpus.inputs == inputs and files_exist:
        return corpus
    return None
