"""Phase 2, link: the patterns between names (`link(doc, mentions, paragraph_of)`).

"X's Y area" and "the Y region of X" (Y lies in X), "Y (X)", "Y in X", "Y district, X" and "Y, X" (Y in X when X
holds a candidate of Y), "near X", "outskirts of X", "X district", and lists ("Rajouri and Poonch": siblings
that should lie together).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sitrep.gazetteer.names import UNIT_FEATURES
from sitrep.text.lexicon import CURRENCY_WORDS
from sitrep.text.tokens import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc


from sitrep.geoparse.containers import containers_of
from sitrep.geoparse.mention import PlaceMention
from sitrep.geoparse.words import AREA_AFTER, AREA_NOUNS, NATIONAL_UNIT_WORDS, OF_NOUNS, PLACE_HEADS

__all__ = ["link"]


_HEAD_WORD = (
    r"(?:\s+(?:area|areas|town|towns|city|village|villages|district|districts|province|region|state|county"
    r"|governorate|oblast|division|municipality|township|subdivision|commune|sector|camp|neighbou?rhood|tehsil"
    r"|LGA|countryside|front"
    r"|base|airbase|airport|airfield|valley|forest|forests|mountains|hill|hills|desert)){0,2}"
)


_LIST_OF_PLACES_IN = re.compile(
    r"\s+(?:villages?|hamlets?|towns?|settlements?|districts?|townships?|sub-?districts?|localities|areas?)\s+in\b"
)


def link(doc: Doc, mentions: list[PlaceMention], paragraph_of: Any) -> None:
    """Set containers, relations, unit words and list siblings from the words around each mention."""
    text = doc_text(doc)
    by_end = {m.end: i for i, m in enumerate(mentions)}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    for i, m in enumerate(mentions):
        m.paragraph = paragraph_of(m.start)
        m.sentence = _bisect(sent_starts, m.start)
        before = text[max(0, m.start - 60) : m.start]
        after = text[m.end : m.end + 60]
        word_after, word_before = re.match(r"\s*([A-Za-z]*)", after), re.search(r"([A-Za-z]*)\s*$", before)
        m.unit_country = NATIONAL_UNIT_WORDS.get(word_after.group(1).lower()) if word_after else None
        if m.unit_country is None and word_before:
            m.unit_country = NATIONAL_UNIT_WORDS.get(word_before.group(1).lower())
        unit = re.match(r"\s+([a-z]+)\b", after)
        if unit and unit.group(1) in UNIT_FEATURES and unit.group(1) not in ("city", "town", "village"):
            m.unit_hint = unit.group(1)
            m.pattern = m.pattern or "unit_word"
        elif unit and m.pattern is None:
            # "US dollar", "Pakistani army"-like "Pakistan army": a name that qualifies a noun (marked, still
            # resolved: GeoNews-style gold counts it; the events stage may skip it as no scene)
            at = m.end + len(unit.group(0)) - len(unit.group(1))
            span = doc.char_span(at, at + len(unit.group(1)))
            nxt = span[0] if span is not None and len(span) == 1 else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ not in PLACE_HEADS and nxt.lower_ not in OF_NOUNS:
                m.pattern = "modifier"
                m.money = nxt.lower_ in CURRENCY_WORDS  # "the US dollar exchange rate" says nothing of where
        # "X's [adj] Y area/province": Y lies in X (not "Beijing's cooperation in Seoul").
        poss = re.search(r"'s?\s+(?:(?!(?:in|on|at|of|to|for|from|with|by|and|or|the|a|an)\s)[a-z-]+\s+){0,2}$", before)
        if poss:
            owner = by_end.get(m.start - len(poss.group(0)))
            if owner is not None and owner != i:
                # "Kech's Kulag Tigran area", "Borduria's Baluria province": an area or unit of that name;
                # "Syria's Aleppo" is the town itself
                area = AREA_AFTER.match(after) or (unit is not None and unit.group(1) in UNIT_FEATURES)
                m.container, m.pattern = owner, "possessive_area" if area else "possessive"
        # "the Y region of X": Y lies in X.
        reg = re.match(rf"\s+{AREA_NOUNS}\s+of\s+(?:the\s+)?", after)
        if reg:
            owner = by_start.get(m.end + len(reg.group(0)))
            if owner is not None and owner != i:
                m.container, m.pattern = owner, "region_of"
        # "Y (X)", "Y, X" and "Y in X", also after a unit word ("Hays city (Al Hudaydah)", "Qadis district,
        # Badghis"): X may hold Y (checked at resolution against the candidates).
        par = re.match(rf"{_HEAD_WORD}\s*\(\s*", after)
        if par and m.container is None:
            owner = by_start.get(m.end + len(par.group(0)))
            if owner is not None:
                m.soft_container, m.soft_kind = owner, "paren"
        com = re.match(rf"({_HEAD_WORD}),\s+", after)
        if com and m.container is None and m.soft_container is None:
            owner = by_start.get(m.end + len(com.group(0)))
            if owner is not None:
                # "Qadis district, Badghis" (also "Ponnagyun Township, Sittwe District", the unit word in the
                # name) says "in" as plainly as a parenthesis; a bare comma may be a list
                tail = m.text.split()[-1].lower() if " " in m.text.strip() else ""
                named_unit = tail in UNIT_FEATURES and tail not in ("city", "town", "village")  # "Gaza City, Rafah"
                m.soft_container, m.soft_kind = owner, "in" if com.group(1).strip() or named_unit else "comma"
        # "Buenos Aires, Nuevo Chimbote, Ancash": a name the gazetteer does not know between the place and X
        # (a district or town, one to three capitalised words) still leaves X holding the place.
        over = re.match(rf"{_HEAD_WORD},\s+((?:[A-Z][\w'-]*\s+){{0,2}}[A-Z][\w'-]*),\s+", after)
        if over and m.container is None and m.soft_container is None:
            owner_at = m.end + len(over.group(0))
            owner = by_start.get(owner_at)
            if owner is not None and not any(m.end < start < owner_at for start in by_start):
                m.soft_container, m.soft_kind = owner, "comma"
        # "Y in X", also "Y in the (north-western) countryside of X", "Y in eastern X countryside", and the
        # last name of a bracket before "in X" ("Zarbagh village (Kalan area of Dara) in Sufi Bala")
        inside = re.match(
            rf"{_HEAD_WORD}(?:\s*\))?,?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|rural)(?:ern)?"
            r"(?:-(?:east|west)(?:ern)?)?\s+)?(?:(?:countryside|outskirts|suburbs|vicinity|environs)\s+of\s+(?:the\s+)?)?",
            after,
        )
        if inside and m.container is None and m.soft_container is None:
            owner = by_start.get(m.end + len(inside.group(0)))
            if owner is not None:
                m.soft_container, m.soft_kind = owner, "in"
                # "Ramban village in Sheohar": a settlement in (the province of) a town
                m.village_in = re.match(r"\s+(?:village|hamlet|town|settlement)\b", after) is not None
        # "Zamzam, the vast displacement camp outside El Fasher": an unknown camp or village falls back to X.
        apposed = re.match(
            r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}(?:camp|village|town|settlement|hamlet)\s+"
            r"(?:(?:just|some|about)\s+)?(in|near|outside|close\s+to)\s+(?:the\s+)?",
            after,
        )
        if apposed and m.container is None and m.soft_container is None:
            owner = by_start.get(m.end + len(apposed.group(0)))
            if owner is not None:
                m.soft_container, m.soft_kind = owner, "in" if apposed.group(1) == "in" else "near"
        # "near X", "outskirts of X".
        outskirts = r"\b(?:outskirts\s+of|edge\s+of)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$"
        if re.search(outskirts, before) or re.match(r"'s?\s+outskirts\b", after):
            m.relation, m.pattern = "self", "outskirts"
        elif re.search(
            r"\b(?:near|nearby|close\s+to|outside|next\s+to|near\s+to|not\s+far\s+from|vicinity\s+of|neighbou?ring)\s+"
            r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
            before,
        ):
            m.relation, m.pattern = "near", "near"
    for i, m in enumerate(mentions):
        if m.container is not None:
            mentions[m.container].is_container = True
        for ref, _ in containers_of(m):
            mentions[ref].contains.append(i)
    # Lists: "Rajouri and Poonch", "Quetta, Turbat and Gwadar" are siblings.
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.end : b.start]
        if re.fullmatch(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", gap) and a.sentence == b.sentence:
            a.siblings.add(i + 1)
            b.siblings.add(i)
            if a.soft_container == i + 1 and gap.strip() != ",":
                a.soft_container = None
    # "near Mong Wi and Loi Hsam villages in Muse township", "Kalma and Kass villages in South Darfur": the
    # place named after a list of villages or districts holds every name of the list, not only the last.
    for i, m in enumerate(mentions):
        if m.soft_container is None or m.soft_kind != "in" or not _LIST_OF_PLACES_IN.match(text, m.end):
            continue
        j = i
        while j - 1 in mentions[j].siblings:
            j -= 1
            earlier = mentions[j]
            if earlier.container is None and earlier.soft_container is None and j != m.soft_container:
                earlier.soft_container, earlier.soft_kind, earlier.village_in = m.soft_container, "in", m.village_in
                mentions[m.soft_container].contains.append(j)


def _bisect(starts: list[int], x: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)
