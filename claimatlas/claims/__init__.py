"""Claims: who claims what, how sure, how severe.

Each claim unit is a spaCy sentence (split further at blank lines, so a headline never
merges with the paragraph under it). A unit is a claim when it asserts something
checkable or matches a severity cue. Its level (0-4, see ``data/severity_cues.yaml``)
comes from the cues, checked on the dependency parse for negation, modal verbs and
conditional clauses; its speaker from reporting verbs, "according to X" and quote
boundaries (``data/speakers.yaml``). ``severity_gauge`` aggregates claims into a
monotone 0-100 gauge; ``find_contradictions`` pairs opposite claims about one target.
"""
from claimatlas.claims.contradictions import find_contradictions
from claimatlas.claims.cues import CueBook, load_cues
from claimatlas.claims.detect import detect_claims, detect_comment_claims
from claimatlas.claims.gauge import GAUGE_FORMULA, claim_score, severity_gauge

__all__ = ["GAUGE_FORMULA", "CueBook", "claim_score", "detect_claims", "detect_comment_claims",
           "find_contradictions", "load_cues", "severity_gauge"]
