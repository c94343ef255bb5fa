"""A realistic benchmark corpus: real sentences of the bundled corpus under generated outlets and dates.

Each generated article takes one bundled article as its base (most of its sentences,
in their original order) and mixes in sentences drawn from the others, so sentence
length, vocabulary, named places, quotes and claims stay those of real coverage. Some
articles end with real reader comments. Outlets and dates are generated; a
``sources.yaml`` manifest lists them. The output is deterministic for a given seed.

Command line: ``python -m claimatlas.generate OUT_DIR --documents 1000 [--seed 7]``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language

from claimatlas.ingest.corpus import load_corpus

BUNDLED_ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
OUTLET_PLACES = ("Sahel", "Bamako", "West Africa", "Niger River", "Timbuktu", "Continental", "Mopti", "Savanna",
                 "Atlantic", "Pan-African", "Gao", "Kayes")
OUTLET_KINDS = ("Daily", "Monitor", "Observer", "Post", "Wire", "Herald", "Report", "Times", "Tribune", "Insight")
FIRST_DATE = dt.date(2025, 9, 1)
LAST_DATE = dt.date(2026, 3, 31)
COMMENT_SHARE = 0.15


@dataclass
class SentencePool:
    """Real sentences of the bundled corpus: per article, plus titles and reader comments."""

    articles: list[list[str]]
    titles: list[str]
    comments: list[str]


def split_sentences(texts: list[str], nlp: Language) -> list[list[str]]:
    """Sentences of each text, as the spaCy parser segments them, paragraph by paragraph."""
    paragraphs = [[p.strip() for p in text.split("\n") if p.strip()] for text in texts]
    parsed = iter(nlp.pipe(p for group in paragraphs for p in group))
    return [[s.text.strip() for _ in group for s in next(parsed).sents if len(s.text.strip()) > 1]
            for group in paragraphs]


def sentence_pool(nlp: Language, articles: Path = BUNDLED_ARTICLES) -> SentencePool:
    """Load the bundled corpus and collect its sentences, titles and comments."""
    corpus = load_corpus([articles])
    documents = [d for d in corpus.documents if d.text.strip()]
    return SentencePool(
        articles=split_sentences([d.text for d in documents], nlp),
        titles=[d.title for d in documents if d.title],
        comments=[c for d in corpus.documents for c in d.comments],
    )


def outlet_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct generated outlet names (numbered once the combinations run out)."""
    combos = [f"{place} {kind}" for place in OUTLET_PLACES for kind in OUTLET_KINDS]
    rng.shuffle(combos)
    return [combos[n % len(combos)] + (f" {n // len(combos) + 1}" if n >= len(combos) else "") for n in range(count)]


def generate_article(pool: SentencePool, rng: random.Random) -> tuple[str, str, list[str]]:
    """One article: (title, body text, reader comments)."""
    base = rng.choices(pool.articles, weights=[len(a) for a in pool.articles])[0]
    keep = sorted(rng.sample(range(len(base)), k=max(1, int(len(base) * rng.uniform(0.5, 0.9)))))
    sentences = [base[i] for i in keep]
    for _ in range(rng.randint(1, max(2, len(sentences) // 4))):
        other = rng.choice(pool.articles)
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(other))
    paragraphs, index = [], 0
    while index < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[index: index + size]))
        index += size
    title = rng.choice(pool.titles) if pool.titles and rng.random() < 0.7 else sentences[0][:120]
    comments = []
    if pool.comments and rng.random() < COMMENT_SHARE:
        comments = rng.sample(pool.comments, k=min(len(pool.comments), rng.randint(2, 6)))
    return title, "\n\n".join(paragraphs), comments


def generate_corpus(out_dir: Path, documents: int, seed: int = 7, outlets: int = 40,
                    pool: SentencePool | None = None) -> list[Path]:
    """Write ``documents`` article files and their ``sources.yaml`` into ``out_dir``; return the files."""
    rng = random.Random(seed)
    if pool is None:
        from claimatlas.nlp import load_nlp

        pool = sentence_pool(load_nlp())
    names = outlet_names(outlets, rng)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    span = (LAST_DATE - FIRST_DATE).days
    manifest, files = {}, []
    for n in range(documents):
        title, body, comments = generate_article(pool, rng)
        text = f"{title}\n\n{body}\n"
        if comments:
            text += f"\n{len(comments)} Comments\n" + "\n".join(comments) + "\n"
        path = out_dir / f"{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        manifest[path.name] = {
            "outlet": rng.choice(names),
            "published": (FIRST_DATE + dt.timedelta(days=rng.randint(0, span))).isoformat(),
            "kind": "article", "language": "en", "title": title,
        }
    (out_dir / "sources.yaml").write_text(
        "# Generated benchmark corpus: real sentences of the bundled corpus, generated outlets and dates.\n"
        + yaml.safe_dump({"documents": manifest}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return files


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``generate`` command."""
    parser.add_argument("out_dir", type=Path, help="folder to write the articles and sources.yaml into")
    parser.add_argument("--documents", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--outlets", type=int, default=40, help="number of generated outlets (default 40)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")


def run(args: argparse.Namespace) -> int:
    """Write the corpus and say where."""
    files = generate_corpus(args.out_dir, args.documents, seed=args.seed, outlets=args.outlets)
    print(f"wrote {len(files)} articles and sources.yaml to {args.out_dir}")
    return 0
