"""The resolver's weights, as data (tuned on the GeoWebNews tuning split; see sitrep.evaluate.geowebnews)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Settings", "DEFAULT_SETTINGS"]


@dataclass
class Settings:
    """Weights of the resolver (tuned on the GeoWebNews tuning split; see sitrep.evaluate.geowebnews)."""

    match: dict[str, float] = field(
        default_factory=lambda: {
            "name": 1.0,
            "alias": 0.85,
            "stem": 0.7,
            "alt": 0.5,
            "partial": 0.6,
            "skeleton": 0.45,
        }
    )
    feature: dict[str, float] = field(
        default_factory=lambda: {"country": 1.0, "continent": 0.8, "admin1": 0.3, "admin2": 0.05, "city": 0.0}
    )
    # A town in a country the article never points at, when the article clearly points elsewhere.
    foreign: float = 1.0
    foreign_population: int = 60_000
    # A country's capital is often named for the country or its government ("Washington", "Kabul").
    capital: float = 0.5
    # Context (focus, same-country coherence) counts less for a candidate far smaller than the biggest one of
    # that name: it vanishes at `focus_gap` decades of population, down to `focus_floor`.
    focus_gap: float = 4.0
    focus_floor: float = 0.2
    # Share of a country's focus that its neighbours get.
    neighbour: float = 0.3
    # A town whose own district or province has the same name gets part of that unit's feature weight.
    collapsed: float = 1.0
    population: float = 0.9
    country_focus: float = 0.9
    admin1_focus: float = 0.4
    # The country the article's source covers (Article.country_hint), counted while the text names none: less
    # than a named country's full focus (country_focus), enough to outweigh a namesake's capital bonus.
    country_hint: float = 0.7
    container: float = 1.2
    coherence: float = 0.6
    sibling: float = 1.2
    unit_hint: float = 0.4
    accept: float = 0.9
    # A non-entity capitalised word is a place without any locative cue only if it is this big.
    bare_population: int = 100_000


DEFAULT_SETTINGS = Settings()
