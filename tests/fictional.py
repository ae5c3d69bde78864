"""A small fictional world for unit tests: places, a MemoryGazetteer over them, and hand-built Docs.

Names and coordinates are invented (countries use the user-assigned ISO codes XA, XB, XC), so no test
here claims anything about real places. The world mirrors the hard cases of real news:

    Avaria (XA)           capital Avagrad; province Northmark (main town Avagrad) with districts
                          Rajor (alias "Rajori"; main town Rajorgarh) and Punia (alias "Poonia"; main town Punia,
                          whose alternate name is "Poonia")
    Borduria (XB)         capital Szohod; province Baluria (main town Qettar) with Kesh District (alias "Kesh",
                          main town Turbin); province Panjab with the city Bahrampur (900k) and Bahranagar (240k,
                          alternate name "Bahrampur"); Poonia District in Baluria (a district named like Avaria's)
    Cisalpia (XC)         Ketsch, a small town with the alternate name "Kesh"; Vista, Marbat and Abu
    Shared names          Nova Vista (XA, 300k) beside Vista (XC); Marbat, a village of Baluria (XB, 5k), and a
                          city of Cisalpia (200k); Qalat, a town of Northmark (XA, 100k) and of Baluria (XB, 20k);
                          "BL", Baluria's code

`make_annotated(text, ents)` builds a spaCy Doc by hand (blank English tokenizer, entities by label, PROPN for
capitalised words, a sentence per line or full stop) so that geoparse tests do not depend on the statistical
model.
"""

from __future__ import annotations

import re

from sitrep.gazetteer.index import Candidate, MemoryGazetteer
from sitrep.model import Article
from sitrep.text.annotate import AnnotatedArticle, paragraph_starts

AV, BO, CI = "Avaria", "Borduria", "Cisalpia"


def _c(gid: str, name: str, feature: str, country: str, iso2: str, iso: int, **kw: object) -> Candidate:
    return Candidate(
        gazetteer_id=gid,
        name=name,
        feature=feature,
        country=country,
        iso2=iso2,
        iso=iso,
        admin1=kw.pop("admin1", None),
        admin2=kw.pop("admin2", None),  # type: ignore[arg-type]
        lat=kw.pop("lat"),
        lon=kw.pop("lon"),
        **kw,  # type: ignore[arg-type]
    )


PLACES = [
    # Avaria
    _c(
        "100",
        "Avaria",
        "country",
        AV,
        "XA",
        901,
        lat=10.0,
        lon=10.0,
        population=50_000_000,
        town="Avagrad",
        town_id="101",
    ),
    _c(
        "101",
        "Avagrad",
        "city",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin2="Avagrad District",
        admin1_id="110",
        admin2_id="111",
        lat=10.0,
        lon=10.0,
        population=3_000_000,
        capital=True,
    ),
    _c(
        "110",
        "Northmark",
        "admin1",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin1_id="110",
        lat=10.0,
        lon=10.0,
        population=4_000_000,
        town="Avagrad",
        town_id="101",
    ),
    _c(
        "111",
        "Avagrad District",
        "admin2",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin2="Avagrad District",
        admin1_id="110",
        admin2_id="111",
        lat=10.0,
        lon=10.0,
        population=3_000_000,
        town="Avagrad",
        town_id="101",
    ),
    _c(
        "120",
        "Rajor",
        "admin2",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin2="Rajor",
        admin1_id="110",
        admin2_id="120",
        lat=11.0,
        lon=11.0,
        population=60_000,
        town="Rajorgarh",
        town_id="121",
    ),
    _c(
        "121",
        "Rajorgarh",
        "city",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin2="Rajor",
        admin1_id="110",
        admin2_id="120",
        lat=11.0,
        lon=11.0,
        population=40_000,
    ),
    _c(
        "130",
        "Punia",
        "admin2",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin2="Punia",
        admin1_id="110",
        admin2_id="130",
        lat=11.5,
        lon=11.5,
        population=55_000,
        town="Punia",
        town_id="131",
    ),
    _c(
        "131",
        "Punia",
        "city",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin2="Punia",
        admin1_id="110",
        admin2_id="130",
        lat=11.5,
        lon=11.5,
        population=28_000,
    ),
    # Borduria
    _c(
        "200",
        "Borduria",
        "country",
        BO,
        "XB",
        902,
        lat=20.0,
        lon=20.0,
        population=200_000_000,
        town="Szohod",
        town_id="201",
    ),
    _c(
        "201",
        "Szohod",
        "city",
        BO,
        "XB",
        902,
        admin1="Capital Territory",
        admin1_id="202",
        lat=20.0,
        lon=20.0,
        population=1_000_000,
        capital=True,
    ),
    _c(
        "202",
        "Capital Territory",
        "admin1",
        BO,
        "XB",
        902,
        admin1="Capital Territory",
        admin1_id="202",
        lat=20.0,
        lon=20.0,
        population=1_000_000,
        town="Szohod",
        town_id="201",
    ),
    _c(
        "210",
        "Baluria",
        "admin1",
        BO,
        "XB",
        902,
        admin1="Baluria",
        admin1_id="210",
        lat=21.0,
        lon=21.0,
        population=3_000_000,
        town="Qettar",
        town_id="211",
    ),
    _c(
        "211",
        "Qettar",
        "city",
        BO,
        "XB",
        902,
        admin1="Baluria",
        admin2="Qettar District",
        admin1_id="210",
        lat=21.0,
        lon=21.0,
        population=1_000_000,
    ),
    _c(
        "220",
        "Kesh District",
        "admin2",
        BO,
        "XB",
        902,
        admin1="Baluria",
        admin2="Kesh District",
        admin1_id="210",
        admin2_id="220",
        lat=22.0,
        lon=22.0,
        population=78_000,
        town="Turbin",
        town_id="221",
    ),
    _c(
        "221",
        "Turbin",
        "city",
        BO,
        "XB",
        902,
        admin1="Baluria",
        admin2="Kesh District",
        admin1_id="210",
        admin2_id="220",
        lat=22.0,
        lon=22.0,
        population=75_000,
    ),
    _c(
        "230",
        "Poonia District",
        "admin2",
        BO,
        "XB",
        902,
        admin1="Baluria",
        admin2="Poonia District",
        admin1_id="210",
        admin2_id="230",
        lat=23.0,
        lon=23.0,
        population=98_000,
        town="Rawal",
        town_id="231",
    ),
    _c(
        "231",
        "Rawal",
        "city",
        BO,
        "XB",
        902,
        admin1="Baluria",
        admin2="Poonia District",
        admin1_id="210",
        admin2_id="230",
        lat=23.0,
        lon=23.0,
        population=90_000,
    ),
    _c(
        "240",
        "Panjab",
        "admin1",
        BO,
        "XB",
        902,
        admin1="Panjab",
        admin1_id="240",
        lat=24.0,
        lon=24.0,
        population=9_000_000,
        town="Bahrampur",
        town_id="241",
    ),
    _c(
        "241",
        "Bahrampur",
        "city",
        BO,
        "XB",
        902,
        admin1="Panjab",
        admin1_id="240",
        lat=24.0,
        lon=24.0,
        population=900_000,
    ),
    _c(
        "242",
        "Bahranagar",
        "city",
        BO,
        "XB",
        902,
        admin1="Panjab",
        admin1_id="240",
        lat=24.5,
        lon=24.5,
        population=240_000,
    ),
    _c(
        "243",
        "Muridpur",
        "city",
        BO,
        "XB",
        902,
        admin1="Panjab",
        admin1_id="240",
        lat=24.8,
        lon=24.8,
        population=250_000,
    ),
    # Names split or shared across countries, for the container and longest-name rules.
    _c(
        "140",
        "Nova Vista",
        "city",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin1_id="110",
        lat=12.0,
        lon=12.0,
        population=300_000,
    ),
    _c(
        "141",
        "Qalat",
        "city",
        AV,
        "XA",
        901,
        admin1="Northmark",
        admin1_id="110",
        lat=12.5,
        lon=12.5,
        population=100_000,
    ),
    _c("250", "Marbat", "city", BO, "XB", 902, admin1="Baluria", admin1_id="210", lat=21.5, lon=21.5, population=5_000),
    _c("251", "Qalat", "city", BO, "XB", 902, admin1="Baluria", admin1_id="210", lat=21.7, lon=21.7, population=20_000),
    # Cisalpia
    _c(
        "300",
        "Cisalpia",
        "country",
        CI,
        "XC",
        903,
        lat=30.0,
        lon=30.0,
        population=80_000_000,
        town="Ketsch",
        town_id="301",
    ),
    _c("301", "Ketsch", "city", CI, "XC", 903, lat=30.0, lon=30.0, population=13_000),
    _c("302", "Vista", "city", CI, "XC", 903, lat=31.0, lon=31.0, population=90_000),
    _c("303", "Marbat", "city", CI, "XC", 903, lat=31.5, lon=31.5, population=200_000),
    _c("304", "Abu", "city", CI, "XC", 903, lat=32.0, lon=32.0, population=40_000),
]
ALIASES = {"120": ["Rajori", "Rajori District"], "130": ["Poonia"], "220": ["Kesh"], "200": ["Bordurian Republic"]}
ALTERNATES = {"131": ["Poonia"], "242": ["Bahrampur"], "301": ["Kesh"], "210": ["BL"]}


def fictional_gazetteer() -> MemoryGazetteer:
    return MemoryGazetteer(PLACES, aliases=ALIASES, alternates=ALTERNATES)


_blank = None


def make_annotated(text: str, ents: dict[str, str] | None = None, *, skip: set[str] | None = None) -> AnnotatedArticle:
    """An AnnotatedArticle over a hand-built Doc.

    Args:
        text: the article text.
        ents: entity text -> label; every occurrence is tagged ("Kesh": "GPE").
        skip: words that stay untagged and get POS "NOUN" instead of "PROPN".
    """
    global _blank
    import spacy

    if _blank is None:
        _blank = spacy.blank("en")
    doc = _blank.make_doc(text)
    spans = []
    for name, label in (ents or {}).items():
        for m in re.finditer(re.escape(name), text):
            span = doc.char_span(m.start(), m.end(), label=label)
            if span is not None and not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    for tok in doc:
        tok.pos_ = "PROPN" if tok.text[:1].isupper() and tok.text not in (skip or set()) else "NOUN"
        prev = doc[tok.i - 1] if tok.i else None
        ends_sentence = prev is not None and (prev.text in (".", "!", "?") or "\n" in prev.text_with_ws)
        tok.is_sent_start = tok.i == 0 or ends_sentence
    article = Article.from_text(text)
    return AnnotatedArticle(article=article, doc=doc, paragraph_starts=paragraph_starts(text))
