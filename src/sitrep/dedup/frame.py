"""Records as columns: the numeric view of events that blocking, scoring and clustering work on.

Strings (countries, admin units, places, actors, types) become integer codes, dates become day numbers,
so that a million events fit in a few dozen megabytes of numpy arrays and every pair test is vectorised.
Text (for the similarity feature) stays outside the frame and is fetched lazily through a `TextSource`,
only for the pairs whose decision it can change.
"""

from __future__ import annotations

__all__ = [
    "EventFrame",
    "FrameBuilder",
    "TextSource",
    "GENERIC_ACTOR_PREFIXES",
    "frame_from_records",
    "is_generic_actor",
    "match_text",
    "tokens",
]

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from sitrep import taxonomy
from sitrep.model import EventRecord

# ACLED's generic actor names (as `pipeline.actors.GENERIC_PREFIXES` builds them). Kept here so matching
# does not import the spaCy pipeline. A generic actor agrees with any actor of the same event.
GENERIC_ACTOR_PREFIXES: tuple[str, ...] = (
    "Military Forces",
    "Police Forces",
    "Civilians",
    "Unidentified",
    "Protesters",
    "Rioters",
)

# Event-type families: reports of one incident disagree within a family ("clash" vs "attack"), rarely across.
_FAMILY: dict[str, int] = {
    taxonomy.BATTLES: 1,
    taxonomy.EXPLOSIONS: 1,
    taxonomy.VAC: 1,
    taxonomy.PROTESTS: 2,
    taxonomy.RIOTS: 2,
    taxonomy.STRATEGIC: 3,
}

# Words that say nothing about which incident a report describes.
_STOPWORDS = frozenset(
    """the a an and or of in on at to for from by with was were is are be been has have had that this
    these those it its their his her they he she which who said says say after before during near into
    over about also more than as but not no new other one two three carried out event events reported
    killed people least were on""".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)

TextSource = Callable[[Sequence[int]], list[str]]
"""Given row numbers of a frame, the matching text of each row (see `match_text`)."""


def is_generic_actor(name: str) -> bool:
    """True for an empty actor or one of ACLED's generic ones ("Unidentified Armed Group (Nigeria)")."""
    return not name or name.startswith(GENERIC_ACTOR_PREFIXES)


def _norm(text: str | None) -> str:
    """Case- and accent-insensitive form of a name ("Ménaka" and "MENAKA" agree)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> frozenset[str]:
    """The content words of a text, lower-cased, for a token-set Jaccard similarity."""
    return frozenset(w for w in _WORD.findall(_norm(text)) if w not in _STOPWORDS and (len(w) > 2 or w.isdigit()))


def match_text(record: EventRecord) -> str:
    """The text a record is compared on: its notes and the article words cited as evidence."""
    parts = [record.notes, record.location]
    parts += list(dict.fromkeys(e.text for e in record.evidence))
    return " ".join(p for p in parts if p)


@dataclass
class EventFrame:
    """One row per record; codes are 0 for an empty value. See `FrameBuilder.add` for each column."""

    day: np.ndarray  # int32 proleptic ordinal of event_date, -1 when unknown
    time_precision: np.ndarray  # int8
    lat: np.ndarray  # float64, NaN when unknown
    lon: np.ndarray  # float64, NaN when unknown
    precision: np.ndarray  # int8 geo_precision (1..3)
    family: np.ndarray  # int16
    event_type: np.ndarray  # int16
    sub_type: np.ndarray  # int16
    country: np.ndarray  # int32
    admin1: np.ndarray  # int32, code of (country, admin1)
    admin2: np.ndarray  # int32, code of (country, admin1, admin2)
    location: np.ndarray  # int32, code of (country, location)
    actor1: np.ndarray  # int32
    actor1_generic: np.ndarray  # bool
    actor2: np.ndarray  # int32
    actor2_generic: np.ndarray  # bool
    fatalities: np.ndarray  # int32
    revised: np.ndarray  # bool: the record's toll is an updated official figure
    published: np.ndarray  # int32 ordinal of the report's publication day (its event day if unknown)
    article: np.ndarray  # int32 code of the record's (first) article
    battles: np.ndarray  # bool: event_type is Battles (actor1/actor2 order carries no meaning)
    texts: TextSource

    def __len__(self) -> int:
        return int(self.day.shape[0])

    @property
    def located(self) -> np.ndarray:
        """Rows whose coordinates stand for a town or part of a district (precision 1-2)."""
        return ~np.isnan(self.lat) & ~np.isnan(self.lon) & (self.precision <= 2)


class FrameBuilder:
    """Accumulates rows (from records or from database rows) and builds an `EventFrame`."""

    def __init__(self) -> None:
        self._codes: dict[object, int] = {"": 0}
        self._days: dict[str, int] = {}
        self._cols: dict[str, list] = {name: [] for name in _COLUMNS}

    def _code(self, key: object) -> int:
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = len(self._codes)
        return code

    def _day(self, text: str | None) -> int:
        if not text:
            return -1
        day = self._days.get(text)
        if day is None:
            try:
                day = date.fromisoformat(text[:10]).toordinal()
            except ValueError:
                day = -1
            self._days[text] = day
        return day

    def add(
        self,
        *,
        event_date: str,
        time_precision: int,
        event_type: str,
        sub_event_type: str,
        actor1: str,
        actor2: str,
        country: str,
        admin1: str,
        admin2: str,
        location: str,
        latitude: float | None,
        longitude: float | None,
        geo_precision: int,
        fatalities: int,
        revised: bool,
        published: str | None,
        article_id: str,
    ) -> None:
        """Append one row. Names are compared case- and accent-insensitively; admin units within their country."""
        c = self._cols
        day = self._day(event_date)
        c["day"].append(day)
        c["time_precision"].append(time_precision or 1)
        c["lat"].append(np.nan if latitude is None else latitude)
        c["lon"].append(np.nan if longitude is None else longitude)
        c["precision"].append(geo_precision or 3)
        c["family"].append(_FAMILY.get(event_type, 10 + self._code(("type", event_type)) % 30000))
        c["event_type"].append(self._code(("type", event_type)))
        c["sub_type"].append(self._code(("sub", sub_event_type)))
        country_n = _norm(country)
        admin1_n = _norm(admin1)
        c["country"].append(self._code(("country", country_n)) if country_n else 0)
        c["admin1"].append(self._code(("admin1", country_n, admin1_n)) if admin1_n else 0)
        admin2_n = _norm(admin2)
        c["admin2"].append(self._code(("admin2", country_n, admin1_n, admin2_n)) if admin2_n else 0)
        location_n = _norm(location)
        c["location"].append(self._code(("location", country_n, location_n)) if location_n else 0)
        c["actor1"].append(self._code(("actor", actor1)) if actor1 else 0)
        c["actor1_generic"].append(is_generic_actor(actor1))
        c["actor2"].append(self._code(("actor", actor2)) if actor2 else 0)
        c["actor2_generic"].append(is_generic_actor(actor2))
        c["fatalities"].append(max(0, int(fatalities or 0)))
        c["revised"].append(bool(revised))
        pub = self._day(published)
        c["published"].append(pub if pub >= 0 else day)
        c["article"].append(self._code(("article", article_id)))
        c["battles"].append(event_type == taxonomy.BATTLES)

    def add_record(self, record: EventRecord, *, revised: bool = False) -> None:
        """Append one EventRecord (its first article is its publication and article id)."""
        first = record.articles[0] if record.articles else None
        self.add(
            event_date=record.event_date,
            time_precision=record.time_precision,
            event_type=record.event_type,
            sub_event_type=record.sub_event_type,
            actor1=record.actor1,
            actor2=record.actor2,
            country=record.country,
            admin1=record.admin1,
            admin2=record.admin2,
            location=record.location,
            latitude=record.latitude,
            longitude=record.longitude,
            geo_precision=record.geo_precision,
            fatalities=record.fatalities,
            revised=revised,
            published=first.date if first else None,
            article_id=first.id if first else f"record:{record.event_id}",
        )

    def build(self, texts: TextSource) -> EventFrame:
        """The frame of every row added so far."""
        c = self._cols
        return EventFrame(
            day=np.asarray(c["day"], dtype=np.int32),
            time_precision=np.asarray(c["time_precision"], dtype=np.int8),
            lat=np.asarray(c["lat"], dtype=np.float64),
            lon=np.asarray(c["lon"], dtype=np.float64),
            precision=np.asarray(c["precision"], dtype=np.int8),
            family=np.asarray(c["family"], dtype=np.int16),
            event_type=np.asarray(c["event_type"], dtype=np.int32),
            sub_type=np.asarray(c["sub_type"], dtype=np.int32),
            country=np.asarray(c["country"], dtype=np.int32),
            admin1=np.asarray(c["admin1"], dtype=np.int32),
            admin2=np.asarray(c["admin2"], dtype=np.int32),
            location=np.asarray(c["location"], dtype=np.int32),
            actor1=np.asarray(c["actor1"], dtype=np.int32),
            actor1_generic=np.asarray(c["actor1_generic"], dtype=bool),
            actor2=np.asarray(c["actor2"], dtype=np.int32),
            actor2_generic=np.asarray(c["actor2_generic"], dtype=bool),
            fatalities=np.asarray(c["fatalities"], dtype=np.int32),
            revised=np.asarray(c["revised"], dtype=bool),
            published=np.asarray(c["published"], dtype=np.int32),
            article=np.asarray(c["article"], dtype=np.int32),
            battles=np.asarray(c["battles"], dtype=bool),
            texts=texts,
        )


_COLUMNS = (
    "day", "time_precision", "lat", "lon", "precision", "family", "event_type", "sub_type", "country",
    "admin1", "admin2", "location", "actor1", "actor1_generic", "actor2", "actor2_generic", "fatalities",
    "revised", "published", "article", "battles",
)  # fmt: skip


def frame_from_records(records: Sequence[EventRecord]) -> EventFrame:
    """The frame of a list of records, with their `match_text` as the text source.

    Args:
        records: the records, row i being records[i].

    Returns:
        An EventFrame whose texts come from the records themselves.
    """
    from sitrep.dedup.reconcile import is_revised

    builder = FrameBuilder()
    for record in records:
        builder.add_record(record, revised=is_revised(record))
    texts = [match_text(r) for r in records]
    return builder.build(lambda rows: [texts[i] for i in rows])
