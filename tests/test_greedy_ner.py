"""The greedy NER decoder (ingest/greedy_ner.py) gives the entities spaCy's decoder gives.

Both decoders run on the same documents, parsed by the session's GiNZA pipeline up to the NER
(spaCy's ``ner`` stays in that pipeline, disabled): every Japanese sample and fixture, the
reference article, batches of different sizes, and documents with preset entities.
"""
from __future__ import annotations

import pytest
import spacy
from conftest import FIXTURES, SAMPLES, SEED
from spacy.tokens import Doc, Span

from newskb.ingest.greedy_ner import GREEDY_NER, GreedyNER, use_greedy_ner
from newskb.ingest.sources import Article, Defaults, read_sources

pytestmark = pytest.mark.ginza


def entities(doc: Doc) -> tuple[list[tuple[int, int, str]], list[str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents], [t.ent_iob_ for t in doc]


@pytest.fixture(scope="module")
def parsed(ginza_nlp) -> list[Doc]:
    """Japanese texts parsed up to the NER: what both decoders read."""
    texts = [a.text for a in read_sources([str(SAMPLES), str(FIXTURES)], Defaults())
             if isinstance(a, Article) and a.lang == "ja"]
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    texts += ["", "。", "ソフトバンクグループ", "OpenAIとAWSは契約した。\n\n  \nNVIDIAのGB300。"]
    before = ginza_nlp.pipe_names[:ginza_nlp.pipe_names.index(GREEDY_NER)]
    with ginza_nlp.select_pipes(enable=before):
        return list(ginza_nlp.pipe(texts))


def test_the_session_pipeline_decodes_with_the_greedy_ner(ginza_nlp) -> None:
    assert GREEDY_NER in ginza_nlp.pipe_names
    assert "ner" in ginza_nlp.disabled
    assert ginza_nlp.pipe_names.index(GREEDY_NER) < ginza_nlp.pipe_names.index("newskb_entities")


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_greedy_ner_gives_the_entities_of_spacys_decoder(
        ginza_nlp, parsed: list[Doc], batch_size: int) -> None:
    spacy_ner, greedy = ginza_nlp.get_pipe("ner"), ginza_nlp.get_pipe(GREEDY_NER)
    expected = [entities(d) for d in spacy_ner.pipe([d.copy() for d in parsed], batch_size=batch_size)]
    got = [entities(d) for d in greedy.pipe([d.copy() for d in parsed], batch_size=batch_size)]
    assert sum(len(ents) for ents, _ in expected) > 500  # the texts really are full of entities
    for n, (want, have) in enumerate(zip(expected, got)):
        assert have == want, f"text {n}"
    assert len(got) == len(expected)


def test_preset_entities_go_to_spacys_decoder(ginza_nlp, parsed: list[Doc]) -> None:
    doc = next(d for d in parsed if len(d) > 20)
    spacy_ner, greedy = ginza_nlp.get_pipe("ner"), ginza_nlp.get_pipe(GREEDY_NER)
    with_preset = []
    for _ in range(2):
        copy = doc.copy()
        copy.set_ents([Span(copy, 3, 5, label="Company")], default="unmodified")
        with_preset.append(copy)
    assert greedy.predict([with_preset[0]]) is None
    assert entities(greedy(with_preset[0])) == entities(spacy_ner(with_preset[1]))
    assert (3, 5, "Company") in entities(with_preset[0])[0]


def test_greedy_ner_is_only_used_where_it_applies() -> None:
    blank = spacy.blank("en")
    assert not use_greedy_ner(blank, "en")
    assert GreedyNER.applies_to(None) is False
    untrained = spacy.blank("en")
    untrained.add_pipe("ner")  # no labels, no weights: nothing to reproduce
    assert GreedyNER.applies_to(untrained.get_pipe("ner")) is False
    assert not use_greedy_ner(untrained, "en")
    assert untrained.pipe_names == ["ner"]
