"""Framing: which frames each sentence carries (a codebook of cues, negation-aware), per document
and compared across outlets (Jensen-Shannon divergence, distinctive words and frames)."""
from claimatlas.framing.analyse import document_framing, frame_sentences
from claimatlas.framing.codebook import Codebook, CodebookError, codebook_path, load_codebook
from claimatlas.framing.compare import compare_outlets, outlet_framing

__all__ = ["Codebook", "CodebookError", "codebook_path", "compare_outlets", "document_framing", "frame_sentences",
           "load_codebook", "outlet_framing"]
