"""The vocabulary of place names: which words before, inside and after a name make it a place (or not).

Data, not logic: the recognition patterns (`context`, `recognise`) and the links between names (`link`) read
these sets. Each set says in its comment what it is for.
"""

from __future__ import annotations

import re

__all__ = [
    "PLACE_LABELS",
    "WEAK_MATCHES",
    "REGION_WORDS",
    "BLOCK_LABELS",
    "WEAK_LABELS",
    "LOCATIVE",
    "ASSAULT_NOUNS",
    "SETTLEMENT_NOUNS",
    "PLACE_HEADS",
    "REGION_ADJECTIVES",
    "OF_NOUNS",
    "CONNECTORS",
    "CUT_PUNCT",
    "AREA_NOUNS",
    "PLACE_VERBS",
    "ORG_WORDS",
    "STOPWORDS",
    "GENERIC",
    "TITLE_WORDS",
    "NATIONAL_UNIT_WORDS",
    "AREA_AFTER",
    "ARTICLE_START",
]


PLACE_LABELS = {"GPE", "LOC", "FAC"}


# How a name may match a place only loosely: a GeoNames alternate name, part of a unit's name, a respelling.
WEAK_MATCHES = ("alt", "partial", "skeleton")


# Unit words that name a region, never a town.
REGION_WORDS = {"province", "provinces", "state", "governorate", "oblast", "region", "prefecture", "emirate"}


# Entity labels whose words are never searched for places. ORG is reconsidered name by name; PERSON, NORP (other
# than demonyms), PRODUCT, EVENT and WORK_OF_ART are places only with a locative cue (the small model tags
# "Abuja" PERSON and "Agadir" PRODUCT).
BLOCK_LABELS = {"ORG", "NORP", "LAW", "LANGUAGE", "DATE", "TIME", "MONEY",
                 "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}  # fmt: skip


WEAK_LABELS = ("PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART")


LOCATIVE = {
    "in", "at", "near", "from", "into", "across", "around", "outside", "towards", "toward", "through",
    "throughout", "within", "along", "between", "via", "to", "inside", "nearby", "outskirts", "of",
}  # fmt: skip


# "attack on X", "offensive against X": nouns that make the name after on/against/over a place.
ASSAULT_NOUNS = {
    "attack", "attacks", "strike", "strikes", "assault", "offensive", "raid", "raids", "advance", "march",
    "push", "shelling", "bombardment", "bombing", "missiles", "rockets", "drones", "fire", "airstrikes",
    "airstrike", "control", "flag", "sky", "skies",
}  # fmt: skip


# "the city of X", "X, a town in ...": nouns that make the name next to them a place.
SETTLEMENT_NOUNS = {
    "city", "town", "village", "district", "province", "region", "capital", "outskirts", "suburb", "suburbs",
    "port", "hamlet", "settlement", "county", "state", "governorate", "oblast", "municipality", "township",
}  # fmt: skip


# Nouns after a name that make it a place ("Muridke headquarters", "Kulag Tigran area", "Bahawalpur base").
PLACE_HEADS = {
    "area", "areas", "region", "district", "province", "village", "villages", "town", "city", "headquarters",
    "base", "camp", "camps", "border", "outskirts", "sector", "sectors", "valley", "tehsil", "division",
    "county", "municipality", "neighbourhood", "neighborhood", "suburb", "suburbs", "governorate", "oblast",
    "state", "subdistrict", "locality", "settlement", "airport", "market", "bazaar", "outpost", "checkpoint",
    "countryside", "township", "lga", "subdivision", "commune", "front", "mountains", "neighbourhoods",
    "neighborhoods", "refugee", "tambon", "mouza", "upazila", "taluk", "corridor", "highway", "pass", "crossing",
    "frontline", "plain", "plains", "desert", "airbase", "airfield",
}  # fmt: skip


# Words between a locative preposition and a name: "in rural Tal Tamer", "in northern Idlib".
REGION_ADJECTIVES = {
    "rural", "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "downtown", "greater", "restive", "besieged", "neighbouring", "neighboring",
}  # fmt: skip


# Nouns before "of" that make the name after it a place ("west of Mizdah", "the outskirts of Malir").
OF_NOUNS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts", "vicinity",
    "area", "areas", "countryside", "suburbs", "centre", "center", "heart", "part", "parts", "edge", "residents",
    "people", "villages", "towns", "districts", "provinces", "cities", "governor", "neighborhoods",
    "neighbourhoods", "neighborhood", "neighbourhood",
}  # fmt: skip


# Lower-case words inside place names ("Qala i Naw", "Rio Grande do Sul", "Dand wa Patan").
CONNECTORS = {
    "de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "el", "al", "i", "e", "y", "wa",
    "ul", "ad", "ar", "as", "az", "an", "ash", "at", "bin", "ibn", "ben", "ou", "op", "aan", "den", "van", "von",
    "der", "sur", "en", "of", "and", "the", "es", "ez", "ed", "et", "ba", "los", "las",
}  # fmt: skip


CUT_PUNCT = {"(", ")", ",", ";", "[", "]", ":", "/", '"', "|"}


AREA_NOUNS = (
    r"(?:area|areas|region|district|village|town|city|valley|sector|locality|vicinity|outskirts|suburbs?"
    r"|neighbou?rhood|tehsil|subdistrict|countryside|border area|belt)"
)


# Verbs whose object is often a place ("struck Uman", "captured Bakhmut").
PLACE_VERBS = {
    "strike", "hit", "attack", "shell", "bomb", "raid", "capture", "seize", "enter", "storm", "target",
    "besiege", "surround", "liberate", "recapture", "retake", "overrun", "evacuate", "visit", "reach", "flee",
    "leave", "bombard", "pound", "encircle", "invade", "occupy", "control",
}  # fmt: skip


# Words that make an ORG entity an organisation, whatever place it is named after.
ORG_WORDS = {
    "army", "police", "force", "forces", "party", "front", "movement", "liberation", "ministry", "council",
    "committee", "group", "brigade", "battalion", "corps", "guard", "guards", "company", "corporation", "inc",
    "ltd", "bank", "university", "college", "school", "hospital", "club", "fc", "united", "association",
    "union", "league", "federation", "commission", "agency", "office", "department", "court", "post", "times",
    "news", "tv", "radio", "airlines", "airways", "government", "administration", "authority", "board",
    "operation", "squad", "network", "institute", "foundation", "organisation", "organization", "alliance",
    "coalition", "taliban", "jaish", "lashkar", "tehreek", "daesh", "isis", "isil", "shabaab", "haram",
}  # fmt: skip


STOPWORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "president", "minister", "prime", "army", "police", "government", "general", "colonel", "captain",
    "commander", "officials", "official", "the", "a", "an", "this", "that", "these", "those", "he", "she",
    "they", "we", "it", "his", "her", "their", "our", "its", "mr", "mrs", "ms", "dr", "sir", "lord", "saint",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new", "old",
    "god", "allah", "islam", "islamic", "state", "republic", "union", "national", "federal", "international",
    "reuters", "afp", "ap", "bbc", "cnn", "said", "says", "according", "news", "media", "report", "reports",
    "english", "twitter", "facebook", "update", "breaking", "read", "more", "photo", "video", "image",
    "while", "when", "after", "before", "during", "since", "following", "among", "despite", "however",
    "operation", "special", "squad", "force", "forces", "unit", "command", "ministry", "department",
    "security", "military", "court", "parliament", "congress", "senate", "council", "party", "front",
    "liberation", "movement", "brigade", "battalion", "division", "corps", "navy", "air", "university",
}  # fmt: skip


# Common nouns of geography that a story capitalises for a region it has in mind ("tensions in the Gulf", "the
# Valley", "the Coast"): alone after "the" they name no one place, and the gazetteer's namesakes (Gulf province of
# Papua New Guinea) are never meant.
THE_COMMON_NOUNS = {
    "gulf", "valley", "hills", "coast", "delta", "border", "frontier", "capital", "desert", "mountains", "sea",
    "river", "lake", "bay", "strait", "straits", "peninsula", "island", "islands", "highlands", "lowlands",
    "plains", "region", "interior", "mainland", "north", "south", "east", "west", "city", "town", "centre",
    "center", "midwest", "south-east", "south-west", "north-east", "north-west",
}  # fmt: skip


# Words that name a kind of facility or body, not a place ("Cathedral", "University").
GENERIC = {
    "university", "college", "school", "high", "elementary", "middle", "hospital", "church", "cathedral", "chapel",
    "mosque", "temple", "court", "hall", "house", "centre", "center", "stadium", "airport", "station", "street",
    "road", "avenue", "square", "park", "market", "bridge", "tower", "hotel", "office", "embassy", "bank", "club",
    "institute", "academy", "council", "city", "town", "county", "district", "province", "cup", "world", "trust",
    "estate", "village", "prison", "jail", "camp", "base", "museum", "theatre", "theater", "palace", "castle",
    "municipal", "press", "central", "international", "national", "general", "stand", "gate",
}  # fmt: skip


TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "capt", "lt", "sgt", "maj", "president", "minister", "commander",
    "subedar", "spokesperson", "spokesman", "chief", "governor", "mayor", "senator",
}  # fmt: skip


# Words for an administrative unit that only one country uses: "Kholapara upazila" is in Bangladesh,
# "Barangay Taruk" in the Philippines, whatever other country has a town of that name. Not "LGA" (Australia
# has them too) nor "mandal" (also a surname).
NATIONAL_UNIT_WORDS = {
    "upazila": "BD", "upazilla": "BD", "barangay": "PH", "tambon": "TH", "amphoe": "TH", "woreda": "ET",
    "kebele": "ET", "taluk": "IN", "taluka": "IN", "dzongkhag": "BT", "gewog": "BT",
}  # fmt: skip


AREA_AFTER = re.compile(rf"\s+{AREA_NOUNS}\b")


ARTICLE_START = re.compile(r"(?:al|el|ad|ar|as|at|az|an|ash|ath|adh|ez|es|ed)[\s'\u2019-]+[A-Z]")
