"""Score the geoparser on GeoWebNews (../shared/eval/geowebnews/geowebnews.jsonl, read at run time only).

Recognition (our toponyms vs gold spans):
    gold      spans of the toponym types Literal, Mixed, Metonymic, Coercion, Embedded_Literal, Embedded_Non_Lit,
              Literal_Modifier, Non_Literal_Modifier whose modifierType is not "Adjective" (sitrep treats demonym
              adjectives such as "Syrian" as country evidence, never as toponyms)
    ignored   predictions that overlap an adjective toponym, a Demonym, Language or Homonym span count neither way
    scored    precision/recall/F1 with overlapping spans (and exact spans, reported too)
Resolution (gold spans given to `resolve_spans`, so recognition errors do not count twice), over the gold toponyms
with coordinates (noun ones; `_all` variants add the adjective ones):
    exact      same GeoNames id
    acc@161    error <= 161 km; error is 0 when the id matches (our point for a country or region is its capital or
               main town by ACLED convention, not the GeoNames centroid), else the great-circle distance from our
               point to the gold point; an unresolved toponym counts as a miss
    mean_km    mean error over resolved toponyms (raw distance, also reported with the id rule)
    resolution_in_gazetteer   the same over gold toponyms whose GeoNames id the gazetteer holds (cities500,
               admin1/admin2, countries, continents): GeoWebNews also codes streets, buildings, seas and regions
               that no offline package here has, which caps the all-toponym scores near 0.80
    country    predicted country == gold country (from the gold id, else the nearest gazetteer town to the gold
               point within 100 km; gold points outside any country are skipped)

Split: an article is "tune" when the last hex digit of sha1(article file id) is below "c" (75%), else "held".
Tune on "tune"; report "held" once at the end.

Usage:
    python -m sitrep.evaluate.geowebnews --split tune
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.gazetteer.index import Candidate, Gazetteer, haversine_km

__all__ = ["evaluate_geowebnews", "split_of", "default_geowebnews_path", "TOPONYM_TYPES", "SPLITS"]

SPLITS = ("tune", "held", "all")
TOPONYM_TYPES = {
    "Literal",
    "Mixed",
    "Metonymic",
    "Coercion",
    "Embedded_Literal",
    "Embedded_Non_Lit",
    "Literal_Modifier",
    "Non_Literal_Modifier",
}
_IGNORED_TYPES = {"Demonym", "Language", "Homonym"}
_REPO_ROOT = Path(__file__).resolve().parents[3]


def default_geowebnews_path() -> Path:
    """$SITREP_SHARED/eval/geowebnews/geowebnews.jsonl, else <repo>/../shared/eval/geowebnews/geowebnews.jsonl."""
    shared = os.environ.get("SITREP_SHARED")
    base = Path(shared) if shared else _REPO_ROOT / ".." / "shared"
    return base / "eval" / "geowebnews" / "geowebnews.jsonl"


def split_of(article_id: str) -> str:
    """ "tune" (last sha1 hex digit 0-b, 75%) or "held" (c-f) for an article id; fixed forever."""
    return "tune" if hashlib.sha1(article_id.encode("utf-8")).hexdigest()[-1] < "c" else "held"


def _articles(path: Path, split: str, limit: int | None) -> Iterator[dict[str, Any]]:
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if split != "all" and split_of(str(row["file"])) != split:
                continue
            yield row
            n += 1
            if limit is not None and n >= limit:
                return


def _is_gold(t: dict[str, Any]) -> bool:
    return t["type"] in TOPONYM_TYPES and t.get("modifierType") != "Adjective"


def _is_ignored(t: dict[str, Any]) -> bool:
    return t["type"] in _IGNORED_TYPES or (t["type"] in TOPONYM_TYPES and t.get("modifierType") == "Adjective")


def _gold_country(t: dict[str, Any], gaz: Gazetteer) -> str | None:
    gid = t.get("geonamesID") or ""
    if gid:
        cand = gaz.get(gid)
        if cand is not None:
            return cand.iso2 if cand.feature != "continent" else None
    lat, lon = float(t["latitude"]), float(t["longitude"])
    near = gaz.nearest(lat, lon)
    if near is not None and haversine_km(lat, lon, near.lat, near.lon) <= 100:
        return near.iso2
    return None


class _Tally:
    def __init__(self) -> None:
        self.n = self.exact = self.within = self.resolved = 0
        self.err_sum = self.raw_err_sum = 0.0
        self.country_n = self.country_ok = 0

    def add(self, gold: dict[str, Any], cand: Candidate | None, gaz: Gazetteer) -> None:
        self.n += 1
        glat, glon = float(gold["latitude"]), float(gold["longitude"])
        gc = _gold_country(gold, gaz)
        if gc is not None:
            self.country_n += 1
            if cand is not None and cand.iso2 == gc:
                self.country_ok += 1
        if cand is None:
            return
        self.resolved += 1
        raw = haversine_km(glat, glon, cand.lat, cand.lon)
        same = bool(gold.get("geonamesID")) and cand.gazetteer_id == gold.get("geonamesID")
        err = 0.0 if same else raw
        self.exact += same
        self.within += err <= 161.0
        self.err_sum += err
        self.raw_err_sum += raw

    def report(self) -> dict[str, Any]:
        n = max(self.n, 1)
        r = max(self.resolved, 1)
        return {
            "n": self.n,
            "resolved": round(self.resolved / n, 4),
            "exact": round(self.exact / n, 4),
            "acc161": round(self.within / n, 4),
            "mean_km": round(self.err_sum / r, 1),
            "mean_km_raw": round(self.raw_err_sum / r, 1),
            "country": round(self.country_ok / max(self.country_n, 1), 4),
            "country_n": self.country_n,
        }


def evaluate_geowebnews(
    path: str | Path | None = None,
    limit: int | None = None,
    *,
    split: str = "tune",
    gazetteer: Gazetteer | None = None,
    errors: list[dict[str, Any]] | None = None,
    settings: Any = None,
) -> dict[str, Any]:
    """Recognition and resolution scores of `geoparse` on GeoWebNews.

    Args:
        path: the JSONL file; defaults to `default_geowebnews_path()`.
        limit: at most this many articles (after the split filter).
        split: "tune", "held" or "all".
        gazetteer: defaults to `Gazetteer.open()`.
        errors: if a list is given, resolution misses are appended to it (for tuning on the tune split only).
        settings: resolver weights (`sitrep.geoparse.Settings`); defaults to the tuned ones.
    Returns:
        {"articles", "split", "recognition": {...}, "resolution": {...}, "resolution_all": {...},
         "end_to_end": {...}, "seconds"}.
    Raises:
        FileNotFoundError: the data file is missing.
    """
    from sitrep.model import Article
    from sitrep.text.annotate import annotate_many

    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    p = Path(path) if path is not None else default_geowebnews_path()
    if not p.exists():
        raise FileNotFoundError(f"{p}: GeoWebNews data not found (it lives in ../shared/eval/geowebnews)")
    gaz = gazetteer or Gazetteer.open()
    t0 = time.perf_counter()
    rows = list(_articles(p, split, limit))
    articles = [Article(id=str(r["file"]), text=r["text"], title=r.get("title")) for r in rows]
    annotated = annotate_many(articles)
    result = score_annotated(rows, annotated, gaz, settings=settings, errors=errors)
    result["split"] = split
    result["seconds"] = round(time.perf_counter() - t0, 1)
    return result


def score_annotated(
    rows: list[dict[str, Any]],
    annotated: list[Any],
    gaz: Gazetteer,
    *,
    settings: Any = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Scores for already-annotated GeoWebNews rows (lets a tuning loop annotate once)."""
    from sitrep.geoparse import geoparse, resolve_spans

    tp = fp = fn = tp_exact = pred_total = 0
    nouns, everything, e2e, covered = _Tally(), _Tally(), _Tally(), _Tally()
    for row, ann in zip(rows, annotated, strict=True):
        golds = row["toponyms"]
        for t in golds:
            t["start"], t["end"] = int(t["start"]), int(t["end"])
        predicted = geoparse(ann, gaz, settings=settings)
        gold_spans = [t for t in golds if _is_gold(t)]
        matched: set[int] = set()
        for top in predicted:
            a, b = top.span.start, top.span.end
            hits = [k for k, g in enumerate(gold_spans) if g["start"] < b and a < g["end"]]
            if hits:
                tp += 1
                pred_total += 1
                matched.update(hits)
                tp_exact += any(gold_spans[k]["start"] == a and gold_spans[k]["end"] == b for k in hits)
            elif any(g["start"] < b and a < g["end"] for g in golds if _is_ignored(g)):
                continue
            else:
                fp += 1
                pred_total += 1
        fn += len(gold_spans) - len(matched)
        # Resolution on gold spans.
        with_coords = [t for t in golds if t.get("latitude") and t["type"] in TOPONYM_TYPES]
        resolved = resolve_spans(ann, [(t["start"], t["end"]) for t in with_coords], gaz, settings=settings)
        by_span = {(r.span.start, r.span.end): r for r in resolved}
        for t in with_coords:
            r = by_span.get((t["start"], t["end"]))
            cand = r.candidate if r is not None else None
            everything.add(t, cand, gaz)
            if _is_gold(t):
                nouns.add(t, cand, gaz)
                if t.get("geonamesID") and gaz.get(t["geonamesID"]) is not None:
                    covered.add(t, cand, gaz)
                ok = cand is not None and (
                    cand.gazetteer_id == t.get("geonamesID")
                    or haversine_km(float(t["latitude"]), float(t["longitude"]), cand.lat, cand.lon) <= 161
                )
                if errors is not None and not ok and t.get("geonamesID") and gaz.get(t["geonamesID"]):
                    errors.append(
                        {
                            "file": row["file"],
                            "text": t["extractedName"],
                            "gold": [t.get("geonamesID"), t.get("normalisedName"), t["latitude"], t["longitude"]],
                            "pred": [cand.gazetteer_id, cand.name, cand.feature, cand.iso2, cand.lat, cand.lon]
                            if cand
                            else None,
                            "context": row["text"][max(0, t["start"] - 80) : t["end"] + 40].replace("\n", " "),
                        }
                    )
        # End to end: gold toponyms with coordinates that recognition found, scored by what it resolved them to.
        for t in with_coords:
            if not _is_gold(t):
                continue
            top = next((x for x in predicted if x.span.start < t["end"] and t["start"] < x.span.end), None)
            if top is not None:
                e2e.add(t, top.candidate, gaz)
    precision = tp / max(pred_total, 1)
    recall = (sum(1 for r in rows for t in r["toponyms"] if _is_gold(t)) - fn) / max(
        sum(1 for r in rows for t in r["toponyms"] if _is_gold(t)), 1
    )
    return {
        "articles": len(rows),
        "recognition": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
            "precision_exact_span": round(tp_exact / max(pred_total, 1), 4),
            "predicted": pred_total,
            "gold": sum(1 for r in rows for t in r["toponyms"] if _is_gold(t)),
        },
        "resolution": nouns.report(),
        "resolution_all": everything.report(),
        "resolution_in_gazetteer": covered.report(),
        "end_to_end": e2e.report(),
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m sitrep.evaluate.geowebnews [--split tune|held|all] [--limit N] [--errors FILE]`."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--path", default=None)
    ap.add_argument("--split", choices=SPLITS, default="tune")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", default=None, help="write resolution misses as JSONL (tune split only)")
    args = ap.parse_args(argv)
    errs: list[dict[str, Any]] | None = [] if args.errors else None
    if errs is not None and args.split != "tune":
        print("--errors is only allowed on the tune split", file=sys.stderr)  # noqa: T201 (a command)
        return 2
    result = evaluate_geowebnews(args.path, args.limit, split=args.split, errors=errs)
    print(json.dumps(result, indent=2))  # noqa: T201 (a command)
    if errs is not None and args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            for e in errs:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
