"""What recognition finds in a text: toponym mentions, place names inside organisations' names, demonym
associations, and the filters' decision on each proposal."""
from __future__ import annotations

from dataclasses import dataclass, field

from geo.proposals import Context, Proposal


@dataclass
class Mention:
    """One recognised toponym occurrence in the text."""

    start: int
    end: int
    text: str
    sentence: int
    source: str
    candidates: list[int] = field(default_factory=list)
    # "street", "road", "municipality", "water", "memorial", "quarter" or "site" when the name is one's
    facility: str | None = None
    inner: str = ""  # the place name inside a street's or site's name
    embedded: list[int] = field(default_factory=list)  # its candidates
    dateline: bool = False  # the place of an all-caps dateline ("BAMAKO, Mali (AP) —")
    person_like: bool = False  # no candidate, and a title before it or a person's first name opening it
    county: str = ""  # the county it names in a list before "counties" ("Anderson County" of "Anderson")


@dataclass
class Organisation:
    """A place name inside an organisation's name ("Ohio" in "Ohio Department of Development"): kept
    with the organisation's name, not a pin."""

    start: int  # the place name's span
    end: int
    text: str
    sentence: int
    organisation: str  # the organisation's name
    candidates: list[int] = field(default_factory=list)


@dataclass
class Association:
    """A demonym or adjective of place ("Malian"): evidence about a country, not a pin."""

    start: int
    end: int
    text: str
    sentence: int
    target: str
    plural: bool = False


@dataclass
class Decision:
    """What the filters made of one proposal: ``dropped_by`` is the dropping filter's name, None when kept."""

    proposal: Proposal
    dropped_by: str | None


@dataclass
class Explanation:
    """Every proposal of a document with its decision, and the context the filters saw."""

    context: Context
    decisions: list[Decision]
