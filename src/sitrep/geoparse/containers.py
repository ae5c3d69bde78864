"""What a name given as the container of another says about it: whether a reading lies in its container
(`holds`), and which readings a container rules out (`container_rules_out`). The names that may hold a name
are its link's `containers`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.gazetteer import Candidate
from sitrep.geoparse.mention import Mention
from sitrep.geoparse.words import WEAK_MATCHES

__all__ = ["holds", "held_map", "container_rules_out", "alternate_namesake", "province_seat"]


def holds(unit: Candidate, c: Candidate, kind: str) -> bool:
    """Whether `unit`, given as the container of a name, holds candidate `c`. A town given as a container
    ("Hays city (Al Hudaydah)", "Abu Salim (Tripoli)") stands for its province."""
    if unit.gazetteer_id == c.gazetteer_id:
        return False
    if unit.is_unit:
        return unit.contains(c)
    if unit.feature == "city" and kind in ("hard", "in", "paren") and unit.admin1_id:
        return c.admin1_id == unit.admin1_id
    return False


def held_map(mentions: list[Mention], chosen: list[Candidate | None]) -> dict[tuple[int, int], bool]:
    """(mention, container) -> whether the chosen container holds any candidate of the mention."""
    out: dict[tuple[int, int], bool] = {}
    for i, m in enumerate(mentions):
        for ref, kind in m.link.containers:
            unit = chosen[ref]
            if unit is not None:
                out[(i, ref)] = any(holds(unit, c, "paren" if kind == "comma" else kind) for c in m.readings.cands)
    return out


def container_rules_out(
    i: int,
    c: Candidate,
    mentions: list[Mention],
    chosen: list[Candidate | None],
    held: dict[tuple[int, int], bool],
) -> bool:
    """A container named with the place rules out candidates outside it: "Qala i Naw district, Badghis",
    "Karak area in Dar'a", "Hays city (Al Hudaydah)". When it holds some candidate, only those remain; when it
    holds none, candidates in other countries go (after a comma, only weak matches: "Germany, France" is a list)."""
    m = mentions[i]
    for ref, kind in m.link.containers:
        unit = chosen[ref]
        hops = 0
        while unit is None and hops < 2:
            around = mentions[ref].link
            if around.unit_country and c.iso2 != around.unit_country and c.feature != "country":
                return True  # "Rampur in Kholapara upazila": an unknown upazila still says Bangladesh
            # "Ar Rubat area of Tuban district (Lahij)": Tuban is unknown, Lahij still holds Ar Rubat
            up = around.container if around.container is not None else around.soft_container
            if up is None:
                break
            ref, hops = up, hops + 1
            unit = chosen[ref]
        if unit is None or c.feature in ("country", "continent") or unit.gazetteer_id == c.gazetteer_id:
            continue
        town_kind = "paren" if kind == "comma" else kind
        if hops or (i, ref) not in held:
            held = {**held, (i, ref): any(holds(unit, x, town_kind) for x in m.readings.cands)}
        if kind == "comma" and not unit.is_unit:
            # "El Alto, La Paz": a town's province may settle it; "Quetta, Turbat" is only a list of towns
            if held.get((i, ref)) and not holds(unit, c, town_kind):
                return True
            if province_seat(ref, unit, mentions, chosen) and c.admin1_id != unit.admin1_id:
                return True  # "Kamyanka, Donetsk" (the end of the phrase, not a list): the province, not the town
            if c.match in WEAK_MATCHES and unit.iso2 and c.iso2 != unit.iso2:
                return True  # "Kabuli, Peshawar": no respelling of a town abroad
            continue
        # "Shaqra, Abyan" at the end of the phrase (not "Quetta, Balochistan and Peshawar", a list): a province
        # after a comma holds the name before it, as "in" does
        # ("Shaqra, Abyan, Yemen": a country after it still closes the phrase)
        closing_unit = (
            kind == "comma"
            and unit.feature in ("admin1", "admin2")
            and not any(
                k > ref and (chosen[k] is None or chosen[k].feature != "country") for k in mentions[ref].link.siblings
            )
        )
        if held.get((i, ref)):
            if not holds(unit, c, town_kind):
                return True
        elif unit.iso2 and c.iso2 != unit.iso2:
            if kind != "comma" or c.match in WEAK_MATCHES or unit.feature == "country" or closing_unit:
                return True  # "Kosi, Nepal": a country after a comma holds the name before it
        elif (
            kind in ("hard", "paren")
            or closing_unit
            or (kind == "in" and (unit.is_unit or (m.link.village_in and unit.feature == "city")))
        ) and unit.feature != "country":
            # "the Leninsky district of Grozny", "Ramban village in Sheohar, Bihar": an unknown part of the
            # unit (or of the province of a town a village is said to be in), not a namesake elsewhere
            return True
    return False


def alternate_namesake(c: Candidate, cands: Sequence[Candidate]) -> bool:
    """A town that has the name only as an alternate one while other places bear it as their own ("Bella
    Vista" for Bela Vista de Goiás): as a container it stands for no province."""
    return c.feature == "city" and c.match in WEAK_MATCHES and any(x.match == "name" for x in cands)


def province_seat(
    ref: int, unit: Candidate, mentions: list[Mention], chosen: list[Candidate | None] | None = None
) -> bool:
    """Whether the town `unit` chosen for mention `ref` stands for the province named after it: "Donetsk"
    closing "Kamyanka, Donetsk" (not "Kamyanka, Donetsk and Luhansk", a list). With `chosen`, a country after
    it still closes the phrase ("Muang, Yala, Thailand")."""
    container = mentions[ref]
    return container.readings.collapsed.get(unit.gazetteer_id) == "admin1" and not any(
        k > ref and (chosen is None or chosen[k] is None or chosen[k].feature != "country")
        for k in container.link.siblings
    )
