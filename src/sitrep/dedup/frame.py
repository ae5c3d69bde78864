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
    "NAMES_SEPARATOR",
    "RAW_COLUMNS",
    "day_number",
    "family_of",
    "normalise_name",
    "raw_row",
    "strip_period",
]

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from sitrep import taxonomy
from sitrep.dedup.revision import is_revised
from sitrep.model import EventRecord

# ACLED's unspecified actors (a subset of `pipeline.actors.GENERIC_PREFIXES`, kept here so matching does
# not import the spaCy pipeline). An unspecified actor agrees with any actor of the same event; state
# forces ("Military Forces of Mali (2021-)") are named actors: "soldiers killed villagers" and "gunmen
# killed villagers" are two different accounts.
GENERIC_ACTOR_PREFIXES: tuple[str, ...] = (
    "Civilians",
    "Unidentified",
    "Protesters",
    "Rioters",
)
# ACLED suffixes state forces with their government's period; reports may lack it when the date is unsure.
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)$")

# Event-type families: reports of one incident disagree within a family ("clash" vs "attack"), rarely across.
_FAMILY: dict[str, int] = {
    taxonomy.BATTLES: 1,
    taxonomy.EXPLOSIONS: 1,
    taxonomy.VAC: 1,
    taxonomy.PROTESTS: 2,
    taxonomy.RIOTS: 2,
    taxonomy.STRATEGIC: 3,
}

# Words that say nothing about which incident a report describes: grammar, news boilerplate and the words of
# the notes sitrep writes (taxonomy.event_phrase).
_STOPWORDS = frozenset(
    """the a an and or of in on at to for from by with was were is are be been has have had that this
    these those it its their his her they he she which who said says say after before during near into
    over about also more than as but not no new other one two three carried out event events reported
    killed people least on according told sources source local officials official told area when while
    killing dead died deaths death fatalities casualties toll number victims unknown given reports report
    news agency statement spokesman added where there some several many held facing met""".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Combining marks left by NFKD ("é" -> "e" + U+0301), dropped so that accents do not split names.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

TextSource = Callable[[Sequence[int]], list[str]]
"""Given row numbers of a frame, the matching text of each row (see `match_text`)."""


def is_generic_actor(name: str) -> bool:
    """True for an empty actor or an unspecified one ("Unidentified Armed Group (Nigeria)", "Civilians (Mali)")."""
    return not name or name.startswith(GENERIC_ACTOR_PREFIXES)


def _norm(text: str | None) -> str:
    """Case- and accent-insensitive form of a name ("Ménaka" and "MENAKA" agree)."""
    if not text:
        return ""
    if text.isascii():
        return text.strip().lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.strip().casefold()))


# Separates a record's text from the names (actors, places, sources) that `tokens` leaves out of it.
NAMES_SEPARATOR = "\x1f"


def tokens(text: str) -> frozenset[str]:
    """The content words of a text, lower-cased, for a token-set Jaccard similarity.

    Words of the names after NAMES_SEPARATOR (see `match_text`) are left out: other features compare them.
    """
    body, _, names = text.partition(NAMES_SEPARATOR)
    words = {w for w in _WORD.findall(_norm(body)) if w not in _STOPWORDS and (len(w) > 2 or w.isdigit())}
    if names:
        words -= set(_WORD.findall(_norm(names)))
    return frozenset(words)


def match_text(record: EventRecord) -> str:
    """The text a record is compared on: its notes and the article words cited as evidence, then (after
    NAMES_SEPARATOR) the names that other features already compare (actors, places). What `tokens` keeps
    are the details that tell two incidents apart: the target, the victims, the weapon, the numbers.

    Not the outlet's name: it is how the article arrived (a watched source's name, a page's site name, none
    for a file), not what it says, and its words would leave the text's out ("feed 4" dropped a toll of 4),
    so the same articles would match differently by the way they entered."""
    text = " ".join(dict.fromkeys(p for p in (record.notes, *(e.text for e in record.evidence)) if p))
    names = (
        record.actor1,
        record.actor2,
        record.location,
        record.admin1,
        record.admin2,
        record.admin3,
        record.country,
    )
    return text + NAMES_SEPARATOR + " ".join(n for n in dict.fromkeys(names) if n)


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
    town: np.ndarray  # int32, code of (country, the town of the location: "Mogadishu" for "Mogadishu - Hodan")
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
    # Rows whose coordinates stand for a town or part of a district (precision 1-2); set from the others.
    located: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.located = ~np.isnan(self.lat) & ~np.isnan(self.lon) & (self.precision <= 2)

    def __len__(self) -> int:
        return int(self.day.shape[0])


# The raw values a row is made of, in the order `FrameBuilder.extend` takes them.
RAW_COLUMNS: tuple[str, ...] = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
    "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "revised", "published",
    "article_id",
)  # fmt: skip


class FrameBuilder:
    """Accumulates rows (from records or from database rows) and builds an `EventFrame`.

    Rows are kept raw and turned into codes column by column in `build`, normalising each distinct name
    once: a million rows from the store take seconds, not a function call per row.
    """

    def __init__(self) -> None:
        self._rows: list[tuple] = []

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
        self._rows.append(
            (
                event_date,
                time_precision,
                event_type,
                sub_event_type,
                actor1,
                actor2,
                country,
                admin1,
                admin2,
                location,
                latitude,
                longitude,
                geo_precision,
                fatalities,
                revised,
                published,
                article_id,
            )
        )

    def extend(self, rows: Iterable[Sequence[object]]) -> None:
        """Append rows given as tuples in RAW_COLUMNS order (what the store selects)."""
        self._rows.extend(tuple(r) for r in rows)

    def add_record(self, record: EventRecord, *, revised: bool = False) -> None:
        """Append one EventRecord (its first article is its publication and article id)."""
        self._rows.append(raw_row(record, revised=revised))

    def __len__(self) -> int:
        return len(self._rows)

    def build(self, texts: TextSource) -> EventFrame:
        """The frame of every row added so far."""
        (
            event_date,
            time_precision,
            event_type,
            sub_type,
            actor1,
            actor2,
            country,
            admin1,
            admin2,
            location,
            lat,
            lon,
            precision,
            fatalities,
            revised,
            published,
            article,
        ) = (list(col) for col in zip(*self._rows, strict=True)) if self._rows else ([] for _ in RAW_COLUMNS)
        codes: dict[object, int] = {"": 0}

        def code_of(keys: Iterable[object]) -> np.ndarray:
            get = codes.setdefault
            return np.fromiter((get(k, len(codes)) if k else 0 for k in keys), dtype=np.int32)

        def mapped(values: list, fn: Callable[[object], object]) -> list:
            table = {v: fn(v) for v in set(values)}
            return [table[v] for v in values]

        day = np.asarray(mapped(event_date, _day), dtype=np.int32)
        pub = np.asarray(mapped(published, _day), dtype=np.int32)
        country_n = mapped(country, _norm)
        admin1_n = mapped(admin1, _norm)
        admin2_n = mapped(admin2, _norm)
        location_n = mapped(location, _norm)
        # ACLED names a part of a town "Town - District"; both reports are about the same town.
        town_n = mapped(location_n, lambda x: str(x).split(" - ", 1)[0].strip())
        actor1_n = mapped(actor1, lambda a: _PERIOD.sub("", str(a or "")))
        actor2_n = mapped(actor2, lambda a: _PERIOD.sub("", str(a or "")))
        type_codes = code_of(("type", t) for t in event_type)
        return EventFrame(
            day=day,
            time_precision=np.asarray([t or 1 for t in time_precision], dtype=np.int8),
            lat=np.asarray([np.nan if v is None else v for v in lat], dtype=np.float64),
            lon=np.asarray([np.nan if v is None else v for v in lon], dtype=np.float64),
            precision=np.asarray([p or 3 for p in precision], dtype=np.int8),
            family=np.asarray(
                [_FAMILY.get(t, 10 + int(c) % 30000) for t, c in zip(event_type, type_codes.tolist(), strict=True)],
                dtype=np.int16,
            ),
            event_type=type_codes,
            sub_type=code_of(("sub", t) for t in sub_type),
            country=code_of(("country", c) if c else "" for c in country_n),
            admin1=code_of(("admin1", c, a) if a else "" for c, a in zip(country_n, admin1_n, strict=True)),
            admin2=code_of(
                ("admin2", c, a, b) if b else "" for c, a, b in zip(country_n, admin1_n, admin2_n, strict=True)
            ),
            location=code_of(("location", c, x) if x else "" for c, x in zip(country_n, location_n, strict=True)),
            town=code_of(("location", c, x) if x else "" for c, x in zip(country_n, town_n, strict=True)),
            actor1=code_of(("actor", a) if a else "" for a in actor1_n),
            actor1_generic=np.asarray(mapped(actor1, lambda a: is_generic_actor(str(a or ""))), dtype=bool),
            actor2=code_of(("actor", a) if a else "" for a in actor2_n),
            actor2_generic=np.asarray(mapped(actor2, lambda a: is_generic_actor(str(a or ""))), dtype=bool),
            fatalities=np.maximum(np.asarray([int(f or 0) for f in fatalities], dtype=np.int64), 0).astype(np.int32),
            revised=np.asarray([bool(r) for r in revised], dtype=bool),
            published=np.where(pub >= 0, pub, day).astype(np.int32),
            article=code_of(("article", a) for a in article),
            battles=np.asarray([t == taxonomy.BATTLES for t in event_type], dtype=bool),
            texts=texts,
        )


def raw_row(record: EventRecord, *, revised: bool = False) -> tuple:
    """The raw values of a record's row, in RAW_COLUMNS order (what `FrameBuilder.extend` takes).

    Engines that ship rows between processes (Spark) send these and build frames where they score.
    """
    first = record.articles[0] if record.articles else None
    return (record.event_date, record.time_precision, record.event_type, record.sub_event_type, record.actor1,
            record.actor2, record.country, record.admin1, record.admin2, record.location, record.latitude,
            record.longitude, record.geo_precision, record.fatalities, revised, first.date if first else None,
            first.id if first else f"record:{record.event_id}")  # fmt: skip


def family_of(event_type: str) -> int | None:
    """The event-type family blocking and scoring compare (None for a type outside ACLED's taxonomy)."""
    return _FAMILY.get(event_type)


def normalise_name(text: str | None) -> str:
    """A name as the frame compares it: case- and accent-insensitive ("Ménaka" and "MENAKA" agree)."""
    return _norm(text)


def strip_period(actor: str | None) -> str:
    """An actor as the frame compares it: without ACLED's government period ("... (2021-)")."""
    return _PERIOD.sub("", str(actor or ""))


def day_number(text: object) -> int:
    """Proleptic ordinal of a YYYY-MM-DD text, as the frame's `day` column holds it; -1 when there is none."""
    return _day(text)


def _day(text: object) -> int:
    """Proleptic ordinal of a YYYY-MM-DD text; -1 when there is none."""
    if not text:
        return -1
    try:
        return date.fromisoformat(str(text)[:10]).toordinal()
    except ValueError:
        return -1


def frame_from_records(records: Sequence[EventRecord]) -> EventFrame:
    """The frame of a list of records, with their `match_text` as the text source.

    Args:
        records: the records, row i being records[i].

    Returns:
        An EventFrame whose texts come from the records themselves.
    """
    builder = FrameBuilder()
    for record in records:
        builder.add_record(record, revised=is_revised(record))
    texts = [match_text(r) for r in records]
    return builder.build(lambda rows: [texts[i] for i in rows])
