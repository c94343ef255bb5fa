"""Claims: who claims what, how sure, how severe.

Each claim unit is a spaCy sentence (split further at blank lines, so a headline never merges with
the paragraph under it). A unit is a claim when it asserts something checkable or matches a severity
cue. Its level (0-4, see ``data/severity_cues.yaml``) comes from the cues, checked on the dependency
parse for negation, modal verbs and conditional clauses, then from the learned layer (``learned.py``);
its speaker from reporting verbs, "according to X" and quote boundaries (``data/speakers.yaml``).
``gauge.severity_gauge`` aggregates claims into a monotone 0-100 gauge; ``contradictions`` pairs
opposite claims about one target. Import from the modules: the package itself stays light so that
reading the store never loads spaCy.
"""
