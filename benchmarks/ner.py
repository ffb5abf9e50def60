"""spaCy's NER decoder against newskb's greedy decoder, on the same parsed documents.

    python benchmarks/ner.py [--copies 3] [--model ja_ginza]

The documents are the bundled Japanese samples (``--copies`` times), parsed by the model up to
its NER. Both decoders then read the same documents, at a few batch sizes; the script prints
their times and checks that every document gets the same entities. The network (tok2vec and
the NER's precomputed "lower" layer) is the same work in both; what differs is the stepping
through the tokens (see docs/ner-gil.md).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=3,
                        help="How many times each sample is read (default 3).")
    parser.add_argument("--model", default="ja_ginza", help="The spaCy model (default ja_ginza).")
    parser.add_argument("--batch-sizes", default="1,8", help="Batch sizes to time (default 1,8).")
    args = parser.parse_args()

    import spacy

    from newskb.ingest.greedy_ner import GREEDY_NER
    from newskb.ingest.sources import Article, Defaults, read_sources

    lang = "ja" if args.model.startswith("ja") else "en"
    texts = [a.text for a in read_sources([str(ROOT / "ingest" / "samples")], Defaults())
             if isinstance(a, Article) and a.lang == lang] * args.copies
    nlp = spacy.load(args.model)
    if "ner" not in nlp.pipe_names:
        raise SystemExit(f"{args.model} has no ner component")
    nlp.add_pipe(GREEDY_NER, after="ner")
    spacy_ner, greedy = nlp.get_pipe("ner"), nlp.get_pipe(GREEDY_NER)
    with nlp.select_pipes(enable=nlp.pipe_names[:nlp.pipe_names.index("ner")]):
        docs = list(nlp.pipe(texts))
    tokens = sum(len(d) for d in docs)
    print(f"{args.model}: {len(docs)} documents, {tokens:,} tokens, {spacy_ner.moves.n_moves} NER moves")
    print(f"{'decoder':<22}{'batch':>6}{'seconds':>9}{'tokens/s':>10}{'×':>7}")
    for size in (int(s) for s in args.batch_sizes.split(",")):
        results = {}
        for name, component in (("spaCy EntityRecognizer", spacy_ner), ("newskb greedy", greedy)):
            copies = [d.copy() for d in docs]
            start = time.perf_counter()
            out = list(component.pipe(copies, batch_size=size))
            seconds = time.perf_counter() - start
            results[name] = (seconds, [[(e.start, e.end, e.label_) for e in d.ents] for d in out])
        base = results["spaCy EntityRecognizer"][0]
        for name, (seconds, _) in results.items():
            print(f"{name:<22}{size:>6}{seconds:>9.2f}{tokens / seconds:>10,.0f}{base / seconds:>7.1f}")
        same = results["spaCy EntityRecognizer"][1] == results["newskb greedy"][1]
        print(f"{'':<22}{'':>6}  same entities: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
