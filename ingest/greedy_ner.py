"""A faster greedy decoder for spaCy's transition-based NER, giving the entities spaCy gives.

spaCy's ``EntityRecognizer`` runs its network once over a batch (the tok2vec output and the
"lower" layer, precomputed per token), then steps through every token of every document in
Cython: sum three precomputed feature vectors, maxout, the "upper" layer, then the BILUO move
with the best score among the valid ones. Almost all of that stepping is overhead: spaCy 3.8's
wheels are built with Cython 3, which wraps every call of the small ``StateC`` methods
(``B``, ``B_``, ``safe_get``, ...) in ``PyGILState_Ensure``/``PyGILState_Release``, and the
validity check calls them for each of the model's moves at each token (758 moves for
``ja_ginza``): two thirds of GiNZA's time went into taking and dropping the GIL
(``docs/ner-gil.md`` has the measurements and a reproduction).

A BILUO NER consumes exactly one token per move, so the documents of a batch can be stepped in
lockstep, each step a few NumPy operations over all the documents at once. The network and its
weights are the model's own; the validity rules are those of ``spacy/pipeline/_parser_internals/
ner.pyx`` for documents without preset entities; the hidden-to-score product goes through blis
like spaCy's. :func:`use_greedy_ner` installs the decoder only where it applies (a greedy NER
with three state features, maxout and an upper layer) and only after it gave spaCy's entities on
a check text; a batch that has preset entities goes to spaCy's own decoder.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from blis.py import gemm
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch

BEGIN, IN, LAST, UNIT, OUT = 1, 2, 3, 4, 5
MOVES = {"B": BEGIN, "I": IN, "L": LAST, "U": UNIT, "O": OUT}

# Texts the decoder must read as spaCy does before it replaces spaCy's decoder.
CHECK_TEXTS = {
    "ja": ("OpenAIとAmazon Web Services（AWS）は2025年11月3日、総額380億ドルの契約を結んだと発表した。"
           "米エヌビディアのジェンスン・フアンCEOは東京都内で記者会見し、GB300を数十万基供給すると述べた。"),
    "en": ("OpenAI signed a $38 billion agreement with Amazon Web Services on Monday, November 3, 2025. "
           "Nvidia chief executive Jensen Huang said in Tokyo that Microsoft will buy 100,000 GB300 chips."),
}


class GreedyNER:
    """A pipeline component that sets ``doc.ents`` with the weights of spaCy's NER ``source``."""

    def __init__(self, nlp: Language, name: str, source: str = "ner") -> None:
        self.name = name
        self.source = source
        self.ner: EntityRecognizer = nlp.get_pipe(source)
        model = self.ner.model
        self.tok2vec, self.lower, self.upper = model.layers[0], model.layers[1], model.layers[-1]
        self.n_pieces = self.lower.get_dim("nP")
        self.n_hidden = self.lower.get_dim("nO")
        self.W = np.ascontiguousarray(self.upper.get_param("W"), dtype="f")
        self.b = np.asarray(self.upper.get_param("b"), dtype="f")
        self.bias = np.asarray(self.lower.get_param("b"), dtype="f").reshape(-1)
        self.unseen = np.array(sorted(model.attrs.get("unseen_classes", ())), dtype=int)
        kinds, labels = [], []
        for move in (self.ner.moves.get_class_name(i) for i in range(self.ner.moves.n_moves)):
            kind, _, label = move.partition("-")
            kinds.append(MOVES[kind])
            labels.append(nlp.vocab.strings.add(label) if label else 0)
        self.kind = np.array(kinds)
        self.label = np.array(labels, dtype=np.uint64)
        self.label_names = {int(h): nlp.vocab.strings[int(h)] for h in set(labels) if h}
        self.has_label = self.label != 0

    @staticmethod
    def applies_to(ner: object) -> bool:
        """Whether ``ner`` is a model this decoder reproduces: greedy, three state features
        (BILUO without extra state tokens), maxout hidden layer, an upper layer."""
        if not isinstance(ner, EntityRecognizer) or ner.cfg.get("beam_width", 1) != 1:
            return False
        model = ner.model
        try:
            lower = model.layers[1]
            return (len(model.layers) == 3 and model.layers[-1].has_param("W") is True
                    and bool(model.attrs.get("has_upper")) and lower.get_dim("nF") == 3
                    and lower.get_dim("nP") >= 2
                    and all(m == "O" or m[:2] in ("B-", "I-", "L-", "U-")
                            for m in map(ner.moves.get_class_name, range(ner.moves.n_moves))))
        except (IndexError, KeyError, ValueError, AttributeError):
            return False

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self.set_annotations(batch, self.predict(batch))
            yield from batch

    def predict(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]] | None:
        """(start, end, label hash) of each document's entities; None where spaCy must decide."""
        if any(t.ent_iob != 0 for doc in docs for t in doc):
            return None  # preset entities: spaCy's own rules for them
        ents: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        if not any(len(doc) for doc in docs):
            return ents
        tokvecs = self.tok2vec.predict(docs)
        cached = self.lower.predict(tokvecs)  # (tokens + 1, 3, hidden, pieces); row 0 is padding
        cached = np.ascontiguousarray(cached).reshape(cached.shape[0], 3, -1)
        lengths = np.array([len(doc) for doc in docs])
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        starts_sentence = np.zeros(int(lengths.sum()) + 1, dtype=bool)  # of the token after each
        is_space = np.zeros(int(lengths.sum()), dtype=bool)
        for doc, offset in zip(docs, offsets):
            flags = doc.to_array([IS_SPACE, SENT_START]).reshape(-1, 2)
            is_space[offset:offset + len(doc)] = flags[:, 0] == 1
            starts_sentence[offset:offset + len(doc) - 1] = flags[1:, 1] == 1
        open_ = np.zeros(len(docs), dtype=bool)
        ent_start = np.zeros(len(docs), dtype=int)
        ent_label = np.zeros(len(docs), dtype=np.uint64)
        alive = lengths.copy()  # a document whose state has no valid move ends there, as in spaCy
        for t in range(int(lengths.max())):
            active = np.flatnonzero(alive > t)
            if not active.size:
                break
            row = offsets[active] + t  # the buffer's first token, in the batch
            is_open = open_[active]
            hidden = (cached[row + 1, 0]
                      + cached[np.where(is_open, offsets[active] + ent_start[active] + 1, 0), 1]
                      + cached[np.where(is_open, row, 0), 2])
            hidden += self.bias
            hidden = hidden.reshape(len(active), self.n_hidden, self.n_pieces).max(axis=2)
            scores = gemm(np.ascontiguousarray(hidden), self.W, trans2=True)
            scores += self.b
            if self.unseen.size:
                scores[:, self.unseen] = scores.min()
            valid = self._valid(is_open, ent_label[active], alive[active] - t >= 2,
                                starts_sentence[row], is_space[row])
            best = np.where(valid, scores, -np.inf).argmax(axis=1)
            stuck = ~valid[np.arange(len(active)), best]
            alive[active[stuck]] = t
            kind, label = self.kind[best], self.label[best]
            for i in np.flatnonzero(~stuck & ((kind == UNIT) | (kind == LAST))):
                d = active[i]
                start = t if kind[i] == UNIT else int(ent_start[d])
                ents[d].append((start, t + 1, int(label[i])))
            begin = ~stuck & (kind == BEGIN)
            open_[active[begin]] = True
            ent_start[active[begin]] = t
            ent_label[active[begin]] = label[begin]
            open_[active[~stuck & (kind == LAST)]] = False
        return ents

    def _valid(self, is_open: np.ndarray, ent_label: np.ndarray, two_left: np.ndarray,
               next_starts_sentence: np.ndarray, space: np.ndarray) -> np.ndarray:
        """(states, moves): the rules of ner.pyx's Begin/In/Last/Unit/Out.is_valid, no presets."""
        kind, o, lbl = self.kind, is_open[:, None], self.label[None, :]
        same = lbl == ent_label[:, None]
        named = self.has_label[None, :]
        closed_ok = ~o & named & ~space[:, None]
        return ((kind == OUT) & ~o
                | (kind == BEGIN) & closed_ok & (two_left & ~next_starts_sentence)[:, None]
                | (kind == UNIT) & closed_ok
                | (kind == IN) & o & named & same & (two_left & ~next_starts_sentence)[:, None]
                | (kind == LAST) & o & named & same)

    def set_annotations(self, docs: list[Doc], ents: list[list[tuple[int, int, int]]] | None) -> None:
        if ents is None:
            self.ner.set_annotations(docs, self.ner.predict(docs))
            return
        for doc, found in zip(docs, ents):
            doc.set_ents([Span(doc, s, e, label=self.label_names[lab]) for s, e, lab in found],
                         default="outside")
            for hook in self.ner.postprocesses:
                hook(doc)


GREEDY_NER = "newskb_greedy_ner"


@Language.factory(GREEDY_NER, default_config={"source": "ner"})
def make_greedy_ner(nlp: Language, name: str, source: str) -> GreedyNER:
    return GreedyNER(nlp, name, source)


def use_greedy_ner(nlp: Language, lang: str, source: str = "ner") -> bool:
    """Put :class:`GreedyNER` in place of ``nlp``'s NER ``source`` when it applies and gives
    spaCy's entities on the check text; ``source`` stays in the pipeline, disabled."""
    if source not in nlp.pipe_names or not GreedyNER.applies_to(nlp.get_pipe(source)):
        return False
    text = CHECK_TEXTS.get(lang, CHECK_TEXTS["en"])
    expected = _entities(nlp(text))
    nlp.add_pipe(GREEDY_NER, after=source, config={"source": source})
    nlp.disable_pipe(source)
    if _entities(nlp(text)) != expected:
        nlp.remove_pipe(GREEDY_NER)
        nlp.enable_pipe(source)
        return False
    return True


def _entities(doc: Doc) -> tuple[list[tuple[int, int, str]], list[str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents], [t.ent_iob_ for t in doc]
