"""Phase 6, roles: what each place name does in the story (`assign_roles`).

A news story names many places that are not where anything happened: the dateline it was filed under
("NAIROBI, Kenya (AP) -"), where officials spoke from ("told reporters in Islamabad"), a capital standing for its
government ("Washington condemned"), where the victims came from ("seven labourers from Sindh"), where a
vehicle was going or coming from ("the van was heading to Gwadar"), and whose things are named ("a
Nairobi-based analyst", "Pakistan's army"). Each Toponym gets one role, read here from the words around it
and nowhere else; the places stage (sitrep.pipeline.places) takes only scenes as the places of events, and a
route's end only when nothing else names the scene.

    scene        where something happened, or may have (the default)
    dateline     the dateline's city, country or news agency: where the story was filed
    speaker      where someone spoke or reported from, or a remote official sits
    source       where local officials are ("officials in Khost said"): a scene only when nothing else is
    actor        a capital or country standing for its government ("Moscow said", "Kyiv accused"), or any name
                 that speaks (an organisation named like a town: "Time reported")
    origin       where people or a vehicle came from ("a bus from Quetta", "rockets fired from Gaza")
    destination  where they were going ("heading to Gwadar", "bound for Kabul", "fled to Uganda")
    road         a town a road is named after ("blocked the Quba-Baku highway"): somewhere on that road
    home         where people are from ("labourers from Sindh", "a native of Swat", "Lagos-born")
    whose        a name that qualifies something ("a Kolkata-based company", "Pakistan's army", "US dollar")
    landmark     a place another one is located from ("Samarra, 60 miles north of Baghdad")
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.gazetteer.names import UNIT_FEATURES, fold
from sitrep.geoparse.extent import locates_another, means_near
from sitrep.geoparse.mention import Toponym
from sitrep.model import Place, Span
from sitrep.text.dateline import Dateline, find_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.gazetteer import Candidate, Gazetteer
    from sitrep.text import AnnotatedArticle

__all__ = ["ROLES", "SCENE", "NOT_SCENES", "ROUTE", "assign_roles", "role_of", "story_dateline"]


SCENE = "scene"
ROLES = (
    SCENE, "dateline", "speaker", "source", "actor", "origin", "destination", "road", "home", "whose", "landmark"
)  # fmt: skip
# Roles whose place is never where an event happened.
NOT_SCENES = frozenset({"dateline", "speaker", "actor", "home", "whose", "landmark"})
# Roles whose place stands for the scene only when nothing else names it: the ends of a route (the event lies
# between them, geo_precision 2) and where local officials are.
ROUTE = frozenset({"origin", "destination", "road"})


# Verbs of saying, and of taking a stand in words: their subject or the place they hang from is a speaker.
_SPEECH_VERBS = {
    "say", "tell", "speak", "report", "announce", "condemn", "deplore", "denounce", "add", "state", "confirm",
    "deny", "warn", "urge", "accuse", "blame", "vow", "pledge", "promise", "express", "call", "demand",
    "insist", "respond", "react", "welcome", "criticise", "criticize", "reject", "brief", "declare", "comment",
    "describe", "write", "post", "tweet", "mourn", "hail", "praise", "protest", "summon", "retort", "dismiss",
    "acknowledge", "admit", "allege", "argue", "stress", "reiterate", "threaten",
    "caution", "appeal", "ask", "offer", "send", "order", "decide", "agree", "refuse", "approve",
}  # fmt: skip
# Verbs of saying that are also events where they are done: "journalists protested in Sujawal".
_PROTEST_VERBS = {"protest", "demand", "call", "march", "mourn"}
# People and bodies who speak from where they sit, usually far from the scene.
_REMOTE_NOUNS = {
    "minister", "ministers", "ministry", "government", "governments", "president", "premier", "chancellor",
    "correspondent", "correspondents", "reporter", "reporters", "journalist", "journalists", "analyst",
    "analysts", "diplomat", "diplomats", "envoy", "envoys", "ambassador", "embassy", "representative",
    "representatives", "spokesman", "spokeswoman", "spokesperson", "parliament", "lawmakers", "senator",
    "mp", "mps", "leaders", "leadership", "cabinet", "headquarters", "secretary", "coordinator",
    "director", "chief", "head", "observers", "experts", "expert", "researcher", "researchers", "bureau",
    "desk", "editor", "monitor", "monitors", "observatory", "official",
}  # fmt: skip
# Occasions of speech: "a news conference in X", "talks in X", "a statement issued in X".
_SPEECH_NOUNS = {
    "conference", "briefing", "interview", "statement", "talks", "summit", "meeting", "speech", "address",
    "session", "hearing", "broadcast", "remarks", "comments", "communique", "visit",
}  # fmt: skip
# Bodies a place names ("the Justice Department", "the Lahore High Court"): the name says whose, not where.
_INSTITUTIONS = {
    "department", "ministry", "court", "office", "party", "council", "committee", "commission", "agency", "bureau",
    "service", "university", "college", "assembly", "senate", "parliament", "legislature", "embassy", "consulate",
}  # fmt: skip
# Being or meeting somewhere: "the president, who was in Kabul for talks", "the minister, visiting Herat".
_BEING_THERE = {"be", "stay", "meet", "visit", "arrive", "hold", "attend", "host"}
# Local sources: where they are is often the scene, but not always ("officials in Khost said").
# (One "official in X" is a post, "the UN's top official in Sudan": a speaker.)
_LOCAL_SOURCES = {"officials", "authorities", "administration", "sources", "source", "police"}
# People named with where they come from ("labourers from Sindh").
_PEOPLE = {
    "people", "person", "persons", "man", "men", "woman", "women", "child", "children", "boy", "boys", "girl",
    "girls", "labourer", "labourers", "laborer", "laborers", "worker", "workers", "passenger", "passengers",
    "trader", "traders", "merchant", "merchants", "pilgrim", "pilgrims", "student", "students", "fisherman",
    "fishermen", "villager", "villagers", "tourist", "tourists", "migrant", "migrants", "national",
    "nationals", "citizen", "citizens", "resident", "residents", "native", "natives", "family", "families",
    "victim", "victims", "refugee", "refugees", "settler", "settlers", "teacher", "teachers", "farmer",
    "farmers", "herder", "herders", "driver", "drivers", "truckers", "guest", "guests", "visitor", "visitors",
    "volunteer", "volunteers", "fighter", "fighters", "militant", "militants", "soldier", "soldiers", "troops",
    "recruit", "recruits", "youth", "youths", "member", "members", "delegation", "team", "player", "players",
    "engineer", "engineers", "doctor", "doctors", "nurse", "nurses", "journalist", "journalists", "crew",
    "immigrant", "immigrants", "worshippers", "mourners", "contractor", "contractors", "employee", "employees",
    "hostage", "hostages", "prisoner", "prisoners", "shopkeeper", "shopkeepers", "vendor", "vendors",
    "brother", "brothers", "son", "sons", "daughter", "daughters", "relative", "relatives", "couple",
}  # fmt: skip
# Nouns before "of" that say where someone is from: "a native of Swat", "citizens of Kenya".
# ("residents of X" is left a scene: "residents of Kohat fled the shelling"; one resident is where someone lives.)
_HOME_OF = {"native", "natives", "citizen", "citizens", "national", "nationals", "son", "sons", "daughter", "resident",
            "inhabitant"}  # fmt: skip
# Verbs and nouns of travel: the place after "from" is where a journey started, after "to" where it went.
_TRAVEL_VERBS = {
    "travel", "come", "return", "leave", "head", "drive", "fly", "sail", "flee", "depart", "go", "move",
    "transport", "carry", "bring", "take", "bind", "set", "journey", "walk", "march", "ride", "run", "ply",
    "commute", "evacuate", "ferry", "bus", "ship", "send", "deport", "repatriate", "transfer", "divert",
    "escape", "cross", "migrate", "relocate", "arrive", "launch", "fire", "shoot", "lob",
}  # fmt: skip
_VEHICLES = {
    "bus", "buses", "minibus", "van", "vans", "car", "cars", "truck", "trucks", "lorry", "lorries", "convoy",
    "convoys", "train", "trains", "flight", "flights", "plane", "planes", "aircraft", "boat", "boats", "ship",
    "ships", "ferry", "vessel", "vehicle", "vehicles", "coach", "taxi", "motorcycle", "caravan", "jet",
    "journey", "trip", "route", "road", "highway", "way", "shipment", "cargo", "pilgrimage",
    "missile", "missiles", "rocket", "rockets", "drone", "drones", "shells", "fire",
}  # fmt: skip
# "abducted from Chibok", "driven from Kidal": taken or pushed out of a place, where the event was.
_FROM_SCENE = {
    "abduct", "kidnap", "snatch", "seize", "steal", "loot", "rescue", "free", "release", "withdraw", "retreat",
    "drive", "expel", "oust", "flush", "dislodge", "evict", "recover", "pull",
}  # fmt: skip
# Distances: "30 km from Yala" places the scene near Yala.
_DISTANCE_NOUNS = {
    "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters",
}  # fmt: skip
# "Lagos-born", "a Nairobi-based analyst".
_HYPHEN_ROLES = {"born": "home", "bred": "home", "raised": "home", "based": "whose", "registered": "whose",
                 "made": "whose", "owned": "whose", "backed": "whose", "funded": "whose", "led": "whose",
                 "bound": "destination", "headquartered": "whose", "flagged": "whose"}  # fmt: skip
# Roads named after the towns they join: the town names the road, not where on it the event happened.
_ROAD_NOUNS = {"highway", "road", "bypass", "motorway", "expressway", "railway", "route", "pipeline"}

# "in the city", "in the centre of the town", "the city's main market", "here": the dateline's city, unnamed.
_CAPITAL_OF_STORY = re.compile(
    r"\b(?:in|at|near|outside|across|around|of)\s+the\s+(?:city|town)\b|\bthe\s+(?:city|town)['\u2019]s\b|\bhere\b",
    re.IGNORECASE,
)

_THE_CAPITAL = re.compile(
    r"\b(?:in|at|near|outside|across|around|of)\s+the\s+capital\b|\bthe\s+capital['\u2019]s\b", re.IGNORECASE
)


def assign_roles(annotated: AnnotatedArticle, toponyms: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """The toponyms with their `role` set (see the module docstring), in the same order; with the dateline's
    city added when recognition missed it (a short name in capitals, "JOS", "KURSK", reads like an acronym)."""
    dateline = story_dateline(annotated.article.text)
    agency = fold(dateline.agency.text) if dateline is not None and dateline.agency is not None else ""
    out = []
    for t in toponyms:
        role = role_of(annotated.doc, t, dateline, agency)
        if role == "landmark" and not _located_name_known(out, t):
            role = SCENE  # "the village of Panyala, 35 km north of X" with Panyala unknown: the scene is near X
        if role == SCENE and _names_its_country(annotated.article.text, out, t):
            role = "whose"  # "Congo (Kinshasa)": the capital in brackets says which Congo, it is no scene
        out.append(t if role == t.role else replace(t, role=role))
    if dateline is not None and not any(
        t.span.start < dateline.city.end and dateline.city.start < t.span.end for t in out
    ):
        city = dateline_city(gaz, dateline)
        if city is not None:
            out.append(_city_toponym(city, dateline))
            out.sort(key=lambda t: t.span.start)
    return out


def _names_its_country(text: str, before: list[Toponym], t: Toponym) -> bool:
    """A town in brackets right after a country's name ("Congo (Kinshasa)", "Korea (Seoul)"): it tells which
    country is meant."""
    if not before or before[-1].candidate is None or before[-1].candidate.feature != "country":
        return False
    between = text[before[-1].span.end : t.span.start]
    return between.strip() == "(" and text[t.span.end : t.span.end + 1] == ")"


def _located_name_known(before: list[Toponym], landmark: Toponym) -> bool:
    """Whether the name a landmark locates ("Samarra" in "Samarra, 60 miles north of Baghdad") is a place the
    gazetteer knows by its own name."""
    located = next((t for t in reversed(before) if landmark.span.start - t.span.end <= 80), None)
    return located is not None and located.place is not None and located.resolved_via == "name"


def story_dateline(text: str) -> Dateline | None:
    """The story's dateline: at the start of the text, or at the start of the paragraph after a headline ("26 killed
    in two attacks\n\nSANAA, Yemen (AP) - ..."), with its spans in the whole text's offsets."""
    found = find_dateline(text)
    if found is not None:
        return found
    headline = _HEADLINE.match(text)
    if headline is None:
        return None
    found = find_dateline(text[headline.end() :])
    if found is None:
        return None
    off = headline.end()

    def moved(span: Span | None) -> Span | None:
        return None if span is None else Span(span.start + off, span.end + off, span.text)

    return Dateline(
        span=moved(found.span), city=moved(found.city), region=moved(found.region), day=moved(found.day),
        agency=moved(found.agency),
    )  # fmt: skip


# A headline: one short line with no full stop, then a blank line.
_HEADLINE = re.compile(r"[^\n.]{1,160}\n\s*\n")


def dateline_city(gaz: Gazetteer, dateline: Dateline) -> Candidate | None:
    """The town a dateline names: the most populous of that name in the country (or state) written after it,
    else anywhere; a capital first ("KHARTOUM" is not a village of that name elsewhere)."""
    towns = [c for c in gaz.lookup(dateline.city.text) if c.feature == "city" and c.match in ("name", "alias", "alt")]
    if dateline.region is not None:
        country = gaz.country(dateline.region.text)
        region = fold(dateline.region.text)
        towns = [
            c for c in towns
            if (country is not None and c.iso2 == country.iso2) or (country is None and fold(c.admin1 or "") == region)
        ]  # fmt: skip
    return max(towns, key=lambda c: (c.capital, c.population), default=None)


def _city_toponym(city: Candidate, dateline: Dateline) -> Toponym:
    span = dateline.city
    place = Place(
        name=city.name,
        country=city.country,
        iso=city.iso,
        iso2=city.iso2,
        admin1=city.admin1,
        admin2=city.admin2,
        latitude=city.lat,
        longitude=city.lon,
        geo_precision=1,
        gazetteer_id=city.gazetteer_id,
        feature_class=city.feature_class,
        score=0.5,
        span=span,
    )
    return Toponym(
        span=span, text=span.text, place=place, candidate=city, source="dateline", resolved_via="name", role="dateline"
    )


def role_of(doc: Doc, t: Toponym, dateline: Dateline | None = None, agency: str = "") -> str:
    """The role of one toponym in its article (`dateline` and its `agency`, folded, from `find_dateline`)."""
    if dateline is not None and dateline.span.start <= t.span.start < dateline.span.end:
        return "dateline"
    if agency and fold(t.text) == agency:
        return "dateline"  # "..., Xinhua reported": the agency of the dateline, named again
    span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    if span is not None and _names_road(span.root):
        return "road"  # "blocked the Quba-Baku highway": somewhere on the road, not in either town
    if t.pattern == "modifier":
        return "whose"  # "US dollar", "Pakistan army": the name qualifies a noun
    if locates_another(doc.text[max(0, t.span.start - 80) : t.span.start]):
        return "landmark"  # "Samarra, 60 miles north of Baghdad": Baghdad only locates Samarra
    if means_near(doc.text[max(0, t.span.start - 60) : t.span.start]):
        return SCENE  # "a village 8 km from Sirte": near Sirte
    if span is None:
        return SCENE
    tok = span.root
    hyphened = _hyphen_role(doc, span.end)
    if hyphened:
        return hyphened
    country = t.candidate is not None and t.candidate.feature == "country"
    if _possessive(doc, span.end) and country:
        return "whose"  # "Pakistan's army", "Myanmar's opposition"
    if _spoken_to_or_of(tok):
        return "actor"  # "blamed Israel and the United States for the attack", "urged Kabul to act"
    if _speaks(tok):
        # "Washington condemned", "Moscow said", "Kyiv accused": a capital or country standing for its government;
        # any other name that speaks is an organisation named like a town ("Time reported that ...")
        return "actor"
    if country and _qualifies_noun(tok):
        return "whose"  # "a United States counterterrorism operation", "US President Trump"
    if _names_body(tok):
        return "whose"  # "the Justice Department", "the Kabul city council"
    return _governed_role(tok)


def _spoken_to_or_of(tok: Token) -> bool:
    """The name (or the list it is in) is the object of a verb of saying or blaming: "accused Avaria", "blamed both
    Israel and the United States"."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("dobj", "dative") and tok.head.lemma_.lower() in _SPEECH_VERBS


def _names_body(tok: Token) -> bool:
    """The name qualifies an institution ("the Justice Department"); a unit word written in lower case is the unit
    itself ("Ouallam department", "Kech district")."""
    head = tok.head
    if tok.dep_ != "compound" or head.i <= tok.i or head.lower_ not in _INSTITUTIONS:
        return False
    return not (head.lower_ in UNIT_FEATURES and head.text[:1].islower())


def _names_road(tok: Token) -> bool:
    """The name is part of a road's name: "the Quba-Baku highway", "near the Jalandhar bypass in Ludhiana"."""
    head = tok
    for _ in range(3):
        if head.dep_ not in ("compound", "nmod", "amod", "punct") or head.head.i == head.i:
            return False
        head = head.head
        if head.lower_ in _ROAD_NOUNS:
            return True
    return False


def _qualifies_noun(tok: Token) -> bool:
    """The name modifies a noun after it that is no unit of land ("a US counterterrorism operation", "the US
    President"; not "the Afghanistan/Pakistan region", "Balochistan province")."""
    head = tok.head
    return (
        tok.dep_ in ("compound", "amod", "nmod")
        and head.i > tok.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in UNIT_FEATURES
        and head.ent_type_ not in ("GPE", "LOC")
    )


def _hyphen_role(doc: Doc, end: int) -> str | None:
    """ "Lagos-born", "Nairobi-based": the word after the name's hyphen says what the name is to the noun."""
    if end + 1 < len(doc) and doc[end].text == "-":
        return _HYPHEN_ROLES.get(doc[end + 1].lower_)
    return None


def _possessive(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].text in ("'s", "\u2019s", "'")


def _speaks(tok: Token) -> bool:
    """The name (or the list it heads) is the subject of a verb of saying: "Washington condemned"."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    return verb.lemma_.lower() in _SPEECH_VERBS or any(
        c.dep_ == "xcomp" and c.lemma_.lower() in _SPEECH_VERBS for c in verb.children
    )


def _object_of(tok: Token) -> Token:
    """The word a preposition takes, seen from a name inside it: "Swat" -> "district" in "in Swat district",
    "Lviv" -> "Kherson" in "from Kherson and Lviv"."""
    for _ in range(3):
        unit_word = tok.dep_ == "compound" and tok.head.lower_ in UNIT_FEATURES
        listed = tok.dep_ in ("conj", "appos") and tok.head.dep_ in ("pobj", "conj", "appos")
        if tok.head.i == tok.i or not (unit_word or listed):
            break
        tok = tok.head
    return tok


def _governed_role(tok: Token) -> str:
    """The role the words governing the name give it: "from X" after people or travel, "to X" after travel,
    "in X" after a speaker or an occasion of speech, "a native of X"."""
    obj = _object_of(tok)
    if obj.dep_ != "pobj":
        return SCENE
    prep = obj.head
    word = prep.lower_
    governor = prep.head
    lemma = governor.lemma_.lower()
    lower = governor.lower_
    if lemma in ("bear", "raise", "hail", "grow") and word in ("in", "from"):
        return "home"  # "born in Quetta", "hails from Swat"
    if word == "of" and lower in _HOME_OF:
        return "home"  # "a native of Swat", "citizens of Kenya"
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if word == "from" and before is not None and before.lower_ in _PEOPLE:
        return "home"  # "killed seven labourers from Sindh" (the parse may hang "from" on the verb)
    if word == "from":
        if lower in _DISTANCE_NOUNS or (governor.dep_ == "pobj" and governor.head.lower_ in _DISTANCE_NOUNS):
            return SCENE  # "30 km from Yala": near Yala
        if lemma in _FROM_SCENE:
            return SCENE  # "abducted from Chibok": the event was there
        if lower in _PEOPLE or (
            governor.pos_ in ("NOUN", "PROPN", "NUM")
            and governor.lower_ not in _VEHICLES
            and lemma not in _TRAVEL_VERBS
            and governor.pos_ != "VERB"
        ):
            return "home"  # "labourers from Sindh", "a delegation from Kabul"
        if lemma in ("report", "speak", "say", "write", "broadcast", "tell"):
            return "speaker"  # "reported from N'Djamena", "speaking from Kabul"
        return "origin"  # "a bus from Quetta", "travelling from Kherson", "rockets fired from Gaza"
    if word in ("to", "towards", "toward"):
        if lemma in ("abduct", "kidnap"):
            return SCENE
        return "destination"  # "heading to Gwadar", "fled to Uganda", "returned to Jos"
    if word == "for" and lemma in ("leave", "head", "depart", "flee", "bind", "set", "bound", "sail", "fly"):
        return "destination"  # "bound for Kabul", "as he tried to leave for Armenia"
    if word in ("in", "at", "from", "for"):
        if lower in _REMOTE_NOUNS or lower in _SPEECH_NOUNS:
            return "speaker"  # "the interior minister in Islamabad", "a news conference in Kabul"
        if lower in _LOCAL_SOURCES:
            return "source"  # "officials in Khost said"
        if lemma in (_SPEECH_VERBS - _PROTEST_VERBS) | _BEING_THERE and _remote_subject(governor):
            return "speaker"  # "In Kabul, the prime minister condemned the attack", "the president, who was in
            # Kabul for talks"
        if lemma in _SPEECH_VERBS and any(
            c.dep_ in ("dobj", "dative") and c.lower_ in _REMOTE_NOUNS for c in governor.children
        ):
            return "speaker"  # "the commissioner told reporters in Juba"
        if governor.dep_ in ("acl", "relcl") and governor.head.lower_ in _SPEECH_NOUNS:
            return "speaker"  # "a statement issued in Port Sudan", "remarks made at a rally in Lahore"
        # "a battalion based in Bacho district": where a unit lives, not where it was hit
        if lemma in ("base", "station", "headquarter") and governor.pos_ == "VERB":
            return "whose"
    return SCENE


def _remote_subject(verb: Token) -> bool:
    """The verb's subject is a remote speaker ("the prime minister", "the government"; also the noun a relative
    clause hangs from: "the president, who was in Kabul"), not a local source ("police", "residents")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl":
        subjects.append(verb.head)
    for subject in subjects:
        words = {t.lower_ for t in subject.subtree} if subject is not verb.head else {subject.lower_}
        return bool(words & _REMOTE_NOUNS) and not words & {"police", "residents", "witnesses"}
    return False


def story_puts_event_at_dateline(sentence: str, *, capital: bool = False) -> bool:
    """The sentence puts its event in the dateline's city without naming it: "in the city", "here"; and, when that
    city is its country's capital (`capital`), "in the capital", "the capital's"."""
    return _CAPITAL_OF_STORY.search(sentence) is not None or (capital and _THE_CAPITAL.search(sentence) is not None)
