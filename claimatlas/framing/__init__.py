"""Framing: which frames each sentence carries (a codebook of cues, negation-aware), per document
(``analyse``) and compared across outlets (``compare``: Jensen-Shannon divergence, distinctive words
and frames). Import from the modules: the package itself stays light."""
