"""The evaluation datasets: one loader module each, and one registry naming them.

Each loader's `load(path, *, dataset, limit, split) -> list[EvalItem]` reads its file from ../shared at run
time. Nothing from these files is copied into the repository (ACLED and GTD terms: internal evaluation only;
wikinews-dev's held part is never read while tuning). The `articles` dataset is the repository's own
tests/articles, written by us.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sitrep.evaluate.datasets import acled, case2021, gtd, news, ucdp
from sitrep.evaluate.gold import EvalItem

__all__ = ["DatasetSpec", "DATASETS", "ALIASES", "REPOSITORY", "resolve_datasets"]

Loader = Callable[..., list[EvalItem]]
# The checkout this package runs from (absent in an installed wheel, where the `articles` dataset is skipped).
REPOSITORY = Path(__file__).resolve().parents[4]


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset: its folder and file under <shared>/eval, its loader, and how it is scored.

    task: "events" (match events, score fields), "news" (whole articles scored as ../shared/tools/score_events.py
    scores them, see `sitrep.evaluate.news_score`), "classify" (one label per text), or "geoparse" (scored by
    `sitrep.evaluate.geowebnews.evaluate_geowebnews`, not by this package).
    base: where `folder` lies: "eval" (<shared>/eval), "shared" (<shared>) or "repository" (this checkout).
    sealed_held: the held part is never shown text by text (its texts and gold stay unread while tuning): the
    errors file gets no rows for it, only the aggregate table does.
    """

    name: str
    folder: str
    filename: str
    task: str
    description: str
    loader: Loader | None = None
    base: str = "eval"
    sealed_held: bool = False

    def path(self, shared_dir: Path) -> Path:
        """Where the data file (or folder, for article/gold pairs) lies."""
        if self.base == "repository":
            return REPOSITORY / self.folder / self.filename
        root = shared_dir if self.base == "shared" else shared_dir / "eval"
        return root / self.folder / self.filename

    def load(self, shared_dir: Path, *, limit: int | None = None, split: str = "all") -> list[EvalItem]:
        """Read this dataset's items (file order) from `shared_dir`.

        Raises:
            ValueError: the dataset has no loader here (geowebnews).
            UnreadableFile: the file is missing.
        """
        if self.loader is None:
            raise ValueError(f"{self.name} is scored by another module, not loaded as EvalItems")
        return self.loader(self.path(shared_dir), dataset=self.name, limit=limit, split=split)


DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            "wikinews",
            "wikinews-dev",
            "gold.json",
            "news",
            "Wikinews real news, 104 articles: score, recall, fields, false positives, records per incident",
            partial(news.load_collection, split_key="wikinews-dev"),
            sealed_held=True,
        ),
        DatasetSpec(
            "articles",
            "tests/articles",
            "",
            "news",
            "our own wire-style articles (tests/articles), scored as wikinews",
            partial(news.load_pairs, split_key="articles"),
            base="repository",
        ),
        DatasetSpec(
            "seed",
            "seeds",
            "",
            "news",
            "the seed article (../shared/seeds), scored as wikinews",
            partial(news.load_pairs, split_key="seed"),
            base="shared",
        ),
        DatasetSpec(
            "acled2020",
            "acled-2020-05-sample",
            "acled_2020_05_sample.csv",
            "events",
            "ACLED current schema, Apr-May 2020: notes -> all fields",
            acled.load,
        ),
        DatasetSpec(
            "acled2015",
            "acled-asia-2015-sample",
            "acled_asia_2015_sample.csv",
            "events",
            "ACLED Asia 2015, older schema: news passages -> fields, mapped types",
            acled.load,
        ),
        DatasetSpec(
            "acled2016",
            "acled-africa-2016-07",
            "acled_africa_2016_07.csv",
            "events",
            "ACLED Africa 2016, older schema: notes -> fields, mapped types",
            acled.load,
        ),
        DatasetSpec(
            "gtd2011",
            "gtd-2011-sample",
            "gtd_2011_sample.csv",
            "events",
            "GTD 2011: summaries -> date, place, group, mapped type, deaths",
            gtd.load,
        ),
        DatasetSpec(
            "ucdp",
            "ucdp-ged-2023-sample",
            "ucdp_ged_sample_1000.csv",
            "events",
            "UCDP GED 2023 sample: headlines -> sides, place, deaths",
            ucdp.load,
        ),
        DatasetSpec(
            "case2021",
            "case2021-task2",
            "test_set_final_release_with_labels.tsv",
            "classify",
            "CASE 2021 task 2: snippet -> sub_event_type (5 unseen types: expect nothing)",
            case2021.load,
        ),
        DatasetSpec(
            "geowebnews",
            "geowebnews",
            "geowebnews.jsonl",
            "geoparse",
            "GeoWebNews toponyms (scored by sitrep.evaluate.geowebnews)",
            None,
        ),
    )
}

# Short and folder names accepted on the command line.
ALIASES: dict[str, tuple[str, ...]] = {
    "acled": ("acled2020", "acled2015", "acled2016"),
    "gtd": ("gtd2011",),
    "case": ("case2021",),
    "news": ("wikinews", "articles", "seed"),
    **{spec.folder: (spec.name,) for spec in DATASETS.values() if spec.base != "repository"},
}


def resolve_datasets(name: str | None) -> list[str]:
    """Dataset names for a --dataset value: None means all; an alias may stand for several.

    Raises:
        ValueError: an unknown name (the message lists the valid ones).
    """
    if name is None or name.strip().lower() in ("", "all"):
        return list(DATASETS)
    key = name.strip().lower()
    if key in DATASETS:
        return [key]
    if key in ALIASES:
        return list(ALIASES[key])
    valid = ", ".join([*DATASETS, "acled", "gtd", "case", "news", "all"])
    raise ValueError(f"unknown dataset {name!r}; choose one of: {valid}")
