"""One watch round, and the loop of rounds: sources -> listings -> pages -> articles -> events in the store.

Per source and round: the listing is fetched conditionally (ETag / Last-Modified) and no sooner than the
source's interval; a failure is logged, kept in the store and retried with exponential backoff, and never
stops the other sources. Per page: a new link is fetched and read; a stored page younger than
`recheck_window` is fetched again (conditionally) every `recheck`, and when its text changed the new text is
ingested as a new report of the same events (`EventStore.ingest`: the event is rebuilt from every report, the
old evidence stays, the history gets an `update` row naming the new article, and an analyst's corrected fields
win). What is stored is skipped twice over: by the link's canonical URL and text hash, and by the text's hash
(the article id) whatever the URL.

The new articles of a source are extracted in batches (`WatchSettings.batch`, spaCy's nlp.pipe, as `sitrep
ingest` does), then stored in the order their links were listed: the same articles give the same events
whichever way they enter. Each article carries its source's `country` as its place hint.

Every page ends in one log line (logger `sitrep.monitor`) saying what happened to it. The store is written
one article at a time, each in its own transaction, and the page's row after it: a watcher killed between the
two finds the article stored on its next round (same text, same id) and only writes the row; a page fetched
but not yet stored has no row, so the next round fetches it again.
"""

from __future__ import annotations

__all__ = ["Watcher", "PageOutcome", "RoundReport", "ENGLISH"]

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from sitrep.errors import InputError
from sitrep.model import Article, EventRecord
from sitrep.monitor.config import SourceConfig, WatchSettings
from sitrep.monitor.discover import Item, MalformedSource, list_items
from sitrep.monitor.fetcher import Fetched, Fetcher, FetchError
from sitrep.monitor.language import detect_language
from sitrep.monitor.page import page_article
from sitrep.store import monitor as state
from sitrep.store.desk import Desk

if TYPE_CHECKING:
    from sitrep.pipeline import Extraction
    from sitrep.store import IngestResult
    from sitrep.store.contract import EventStore

log = logging.getLogger("sitrep.monitor")

ENGLISH = "en"
FETCH_SOURCE = "fetch"  # the source name of pages fetched with `sitrep fetch`
_SITEMAPS_PER_INDEX = 50  # child sitemaps read from one sitemap index per round


@dataclass(frozen=True)
class PageOutcome:
    """What became of one link: `new`, `updated`, `unchanged`, `not_modified`, `duplicate`, `not_english`,
    `no_text`, `error` or `not_due`; with the events the ingest created and updated."""

    url: str
    status: str
    article_id: str | None = None
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    message: str = ""


@dataclass
class RoundReport:
    """One round's counts: pages by outcome, sources fetched and failed, events created and updated."""

    pages: Counter[str] = field(default_factory=Counter)
    sources_fetched: int = 0
    sources_failed: int = 0
    events_created: int = 0
    events_updated: int = 0
    stopped: bool = False

    def add(self, outcome: PageOutcome) -> None:
        self.pages[outcome.status] += 1
        self.events_created += len(outcome.created)
        self.events_updated += len(outcome.updated)


EventCallback = Callable[[str, EventRecord, str], None]  # ("new" | "changed", the event, the page's URL)


class Watcher:
    """Follows sources into one store.

    Args:
        store: where articles, events and the monitor's state go.
        settings: limits and politeness (`WatchSettings`).
        fetcher: HTTP (default: a `Fetcher` over the network with `settings`).
        extract: articles -> their Extractions, in order (default: the English pipeline, `pipeline.extract_many`,
            one nlp.pipe batch).
        on_event: told of every event a page created or changed, to print it.
        clock: unix time now.
    """

    def __init__(
        self,
        store: EventStore,
        settings: WatchSettings | None = None,
        *,
        fetcher: Fetcher | None = None,
        extract: Callable[[Sequence[Article]], Iterable[Extraction]] | None = None,
        on_event: EventCallback | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.settings = settings or WatchSettings()
        self.fetcher = fetcher or Fetcher(self.settings)
        self._extract = extract or _english_pipeline
        self._on_event = on_event
        self._clock = clock
        # Set it (Ctrl-C) to stop once the pages fetched so far are stored (one batch at most); none is fetched.
        self.stop = threading.Event()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fetcher.close()

    def _now(self) -> int:
        return int(self._clock())

    # -- rounds --------------------------------------------------------------------------------------

    def run(self, sources: Sequence[SourceConfig], *, once: bool = False) -> RoundReport:
        """Rounds until `stop` is set (or one round with `once`); the last round's report."""
        for source in sources:
            state.sync_source(self.store, source.name, source.url, source.country)
        while True:
            report = self.run_round(sources)
            log.info(
                "round: %d source(s) fetched, %d failed; pages %s; %d new and %d changed event(s)",
                report.sources_fetched,
                report.sources_failed,
                _counts(report.pages),
                report.events_created,
                report.events_updated,
            )
            if once or self.stop.is_set():
                return report
            self.stop.wait(self._until_next(sources))
            if self.stop.is_set():
                return report

    def run_round(self, sources: Sequence[SourceConfig]) -> RoundReport:
        """Fetch every source that is due, and the new and due pages it lists."""
        report = RoundReport()
        for source in sources:
            if self.stop.is_set():
                report.stopped = True
                break
            state.sync_source(self.store, source.name, source.url, source.country)
            self._poll(source, report)
        return report

    def _until_next(self, sources: Sequence[SourceConfig]) -> float:
        """Seconds until the next source is due (at least one, so a loop never spins)."""
        due = [s.next_fetch_at for s in (state.source_state(self.store, x.name) for x in sources) if s is not None]
        return max(1.0, min(due, default=self._now() + self.settings.interval) - self._clock())

    def _poll(self, source: SourceConfig, report: RoundReport) -> None:
        now = self._now()
        current = state.source_state(self.store, source.name)
        assert current is not None  # synced just before
        if current.next_fetch_at > now:
            log.debug("%s: not due for %d s", source.name, current.next_fetch_at - now)
            return
        interval = self.settings.interval if source.interval is None else source.interval
        try:
            fetched = self.fetcher.get(source.url, etag=current.etag, last_modified=current.last_modified)
            if fetched.not_modified:
                items: tuple[Item, ...] = ()
                log.info("%s: not modified (304)", source.name)
            else:
                listing = list_items(fetched.data, fetched.final_url, fetched.content_type)
                if listing.kind == "page":
                    self._record_source_success(source, now, interval, fetched)
                    report.sources_fetched += 1
                    page = _Page(source.name, source.url, fetched, now, None, source.country_hint)
                    self._store_pages([page], report)
                    return
                items = listing.items
                if listing.kind == "sitemapindex":
                    items = self._sitemap_children(listing.items)
                log.info(
                    "%s: %s with %d item(s)%s",
                    source.name,
                    listing.kind,
                    len(items),
                    f" (read despite: {listing.note})" if listing.note else "",
                )
        except (FetchError, MalformedSource) as error:
            retry = min(max(interval, 60.0) * 2**current.failures, self.settings.max_backoff)
            state.record_source_failure(self.store, source.name, error.message, now=now, next_fetch_at=int(now + retry))
            report.sources_failed += 1
            log.warning("%s: failed, retry in %d s: %s", source.name, retry, error.message)
            return
        report.sources_fetched += 1
        listed = {item.url for item in items}
        rechecks = state.pages_due(
            self.store,
            source.name,
            checked_before=int(now - self.settings.recheck),
            seen_after=int(now - self.settings.recheck_window),
        )
        links = [*items, *(Item(url) for url in rechecks if url not in listed)]
        self._store_pages(self._fetched_pages(links, source, report), report)
        if report.stopped:
            return
        # Only now, with every item read: a watcher stopped or killed mid-round fetches the listing again
        # (unconditionally) on its next start, instead of waiting out the interval with items unread.
        self._record_source_success(source, now, interval, fetched)

    def _record_source_success(self, source: SourceConfig, now: int, interval: float, fetched: Fetched) -> None:
        state.record_source_success(
            self.store,
            source.name,
            now=now,
            next_fetch_at=int(now + interval),
            etag=fetched.etag,
            last_modified=fetched.last_modified,
        )

    def _sitemap_children(self, indexes: Iterable[Item]) -> tuple[Item, ...]:
        items: list[Item] = []
        for child in list(indexes)[:_SITEMAPS_PER_INDEX]:
            try:
                fetched = self.fetcher.get(child.url)
                items.extend(list_items(fetched.data, fetched.final_url, fetched.content_type).items)
            except (FetchError, MalformedSource) as error:
                log.warning("sitemap %s: skipped: %s", child.url, error.message)
        return tuple(items)

    # -- pages ---------------------------------------------------------------------------------------

    def fetch_page(
        self,
        url: str,
        *,
        source: str = FETCH_SOURCE,
        published_at: int | None = None,
        country_hint: str | None = None,
    ) -> PageOutcome:
        """Fetch one link (unless it is stored and not due for a recheck) and store what it holds.

        Args:
            url: the link.
            source: the source's name (the article's `source`).
            published_at: the listing's publication time for the item, if it gave one.
            country_hint: the country the source covers (ISO alpha-2), the article's place hint.

        Returns:
            The outcome; it has also been logged in one line.
        """
        got = self._fetch(url, source=source, published_at=published_at, country_hint=country_hint)
        if isinstance(got, PageOutcome):
            return got
        return self._store_pages([got], RoundReport())[0]

    def _fetched_pages(self, links: Iterable[Item], source: SourceConfig, report: RoundReport) -> Iterator[_Page]:
        """The listed links fetched one after another (until `stop`), the pages that need reading; the other
        outcomes (not due, errors, 304) go straight into the report."""
        for item in links:
            if self.stop.is_set():
                report.stopped = True
                return
            got = self._fetch(
                item.url, source=source.name, published_at=item.published_at, country_hint=source.country_hint
            )
            if isinstance(got, PageOutcome):
                report.add(got)
            else:
                yield got

    def _fetch(
        self, url: str, *, source: str, published_at: int | None, country_hint: str | None
    ) -> PageOutcome | _Page:
        """Fetch one link: the page to read, or the outcome when there is none (not due, an error, a 304)."""
        now = self._now()
        known = state.page_state(self.store, url)
        if known is not None and known.article_id is not None and not self._due(known, now):
            return PageOutcome(url, "not_due", known.article_id)
        if known is not None and known.status in ("no_text", "error") and not self._due(known, now):
            return PageOutcome(url, "not_due")
        validators = {"etag": known.etag, "last_modified": known.last_modified} if known and known.article_id else {}
        try:
            fetched = self.fetcher.get(url, **validators)
        except FetchError as error:
            page = known or state.PageState(url, source, "error", first_seen_at=now, checked_at=now)
            if page.article_id is None:
                page = replace(page, status="error")
            state.record_page(self.store, replace(page, checked_at=now, last_error=error.message))
            return self._logged(PageOutcome(url, "error", page.article_id, message=error.message), logging.WARNING)
        if fetched.not_modified and known is not None:
            state.record_page(self.store, replace(known, checked_at=now, last_error=None))
            return self._logged(PageOutcome(url, "not_modified", known.article_id, message="not modified (304)"))
        first_seen = known.first_seen_at if known else now
        return _Page(source, url, fetched, first_seen, published_at, country_hint)

    def _due(self, page: state.PageState, now: int) -> bool:
        """A stored page is fetched again while young; a failed one is retried on the same schedule."""
        return (
            now - page.checked_at >= self.settings.recheck and now - page.first_seen_at <= self.settings.recheck_window
        )

    def _store_pages(self, pages: Iterable[_Page], report: RoundReport) -> list[PageOutcome]:
        """Read fetched pages and store their articles, extracting them `WatchSettings.batch` at a time; every
        outcome goes into the report (and is returned), in the order of the pages."""
        outcomes: list[PageOutcome] = []
        batch: list[_Article] = []

        def flush() -> None:
            outcomes.extend(self._store_batch(batch))
            batch.clear()

        for page in pages:
            got = self._read_page(page)
            if isinstance(got, _Article) and any(_same_story(got, other) for other in batch):
                # The same text, or a new version of a page, already waits in the batch: store that first, so
                # this one is seen as the duplicate or the update it is.
                flush()
                got = self._read_page(page)
            if isinstance(got, PageOutcome):
                outcomes.append(got)
            else:
                batch.append(got)
                if len(batch) >= max(1, self.settings.batch):
                    flush()
        if batch:
            flush()
        for outcome in outcomes:
            report.add(outcome)
        return outcomes

    def _read_page(self, page: _Page) -> PageOutcome | _Article:
        """A page's body -> the article to store, or the outcome when there is none to store (no text, unchanged,
        already stored), with the page's row written."""
        url, fetched = page.url, page.fetched
        now = self._now()
        known = state.page_state(self.store, url)
        row = known or state.PageState(url, page.source, "error", first_seen_at=page.first_seen, checked_at=now)
        row = replace(
            row,
            checked_at=now,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            last_error=None,
            published_at=page.published_at or row.published_at,
        )
        cut = f" (cut at {self.settings.max_bytes} bytes)" if fetched.truncated else ""
        try:
            named = None if page.source == FETCH_SOURCE else page.source  # a one-off page keeps its site's name
            article = page_article(fetched.data, url=fetched.final_url, charset=fetched.charset, source=named)
        except InputError as error:
            # A stored page that lost its text (an error page in its place) keeps its stored article.
            status = row.status if row.article_id else "no_text"
            state.record_page(self.store, replace(row, status=status, last_error=error.message))
            return self._logged(
                PageOutcome(url, "no_text", row.article_id, message=f"no article text on the page{cut}")
            )
        article = replace(
            article,
            url=urljoin(fetched.final_url, article.url or fetched.final_url),
            country_hint=page.country_hint,
        )
        language = detect_language(f"{article.title or ''}\n{article.text}")
        status = "coded" if language == ENGLISH else "not_english"
        previous = known if known is not None and known.article_id else None
        previous = previous or state.page_by_canonical(self.store, article.url or url)
        row = replace(
            row,
            canonical_url=article.url,
            language=language,
            status=status,
            published_at=row.published_at or _day_seconds(article),
        )
        if previous is not None and previous.article_id == article.id:
            state.record_page(
                self.store,
                replace(
                    row,
                    article_id=article.id,
                    events=previous.events,
                    versions=max(previous.versions, 1),
                    stored_at=previous.stored_at,
                ),
            )
            return self._logged(PageOutcome(url, "unchanged", article.id, message=f"text unchanged{cut}"))
        versions = (previous.versions if previous else 0) + 1
        stored_at = previous.stored_at if previous and previous.stored_at else now
        if self.store.has_article(article.id):
            # The same text is stored already: from another link, or by a watcher killed before this row.
            events = len(Desk(self.store).events_of_article(article.id))
            state.record_page(
                self.store, replace(row, article_id=article.id, events=events, versions=versions, stored_at=stored_at)
            )
            return self._logged(PageOutcome(url, "duplicate", article.id, message=f"text already stored{cut}"))
        return _Article(url, article, replace(row, versions=versions, stored_at=stored_at), previous is not None, cut)

    def _store_batch(self, batch: Sequence[_Article]) -> list[PageOutcome]:
        """Extract the English articles of the batch together, then store each article and its page's row in
        the batch's order. A stop (Ctrl-C) lets the batch finish: its pages are the articles being read."""
        coded = [a.article for a in batch if a.row.status == "coded"]
        extractions = iter(self._extract(coded) if coded else ())
        outcomes = []
        for pending in batch:
            if pending.row.status == "coded":
                extraction = next(extractions)
                result = self.store.ingest(extraction.article, extraction.events, extraction.mentions)
            else:
                # Kept and counted, never dropped: the English pipeline cannot code it, a reader may.
                result = self.store.ingest(pending.article, [])
            outcomes.append(self._stored(pending, result))
        return outcomes

    def _stored(self, pending: _Article, result: IngestResult | None) -> PageOutcome:
        """The page's row and outcome once its article is stored."""
        created, updated = (result.created, result.updated) if result is not None else ((), ())
        article, url, cut = pending.article, pending.url, pending.cut
        state.record_page(self.store, replace(pending.row, article_id=article.id, events=len(created) + len(updated)))
        self._tell(created, updated, url)
        if pending.row.status == "not_english":
            language = pending.row.language
            outcome = PageOutcome(
                url, "not_english", article.id, message=f"stored, not coded: language {language!r}{cut}"
            )
        elif pending.update:
            outcome = PageOutcome(
                url,
                "updated",
                article.id,
                created,
                updated,
                f"text changed: stored as version {pending.row.versions}, {len(created)} new and "
                f"{len(updated)} updated event(s){cut}",
            )
        else:
            outcome = PageOutcome(
                url,
                "new",
                article.id,
                created,
                updated,
                f"stored, {len(created)} new and {len(updated)} updated event(s){cut}",
            )
        return self._logged(outcome)

    def _tell(self, created: Sequence[str], updated: Sequence[str], url: str) -> None:
        if self._on_event is None:
            return
        for kind, ids in (("new", created), ("changed", updated)):
            for event_id in ids:
                record = self.store.event(event_id)
                if record is not None:
                    self._on_event(kind, record, url)

    @staticmethod
    def _logged(outcome: PageOutcome, level: int = logging.INFO) -> PageOutcome:
        log.log(level, "%s: %s: %s", outcome.url, outcome.status, outcome.message)
        return outcome


@dataclass(frozen=True)
class _Page:
    """A page fetched for reading: its source's name and country hint, the link, the response, when the link
    was first seen and when its listing says it was published."""

    source: str
    url: str
    fetched: Fetched
    first_seen: int
    published_at: int | None
    country_hint: str | None


@dataclass(frozen=True)
class _Article:
    """A page's article waiting to be extracted and stored, with the page's row to write after it (status
    "coded" or "not_english"), whether it is a new version of a stored page, and the size-limit note."""

    url: str
    article: Article
    row: state.PageState
    update: bool
    cut: str


def _same_story(a: _Article, b: _Article) -> bool:
    """Two pages whose articles cannot be stored in one batch: the same text, or the same canonical URL."""
    return a.article.id == b.article.id or (a.article.url is not None and a.article.url == b.article.url)


def _english_pipeline(articles: Sequence[Article]) -> Iterator[Extraction]:
    from sitrep.pipeline import extract_many

    return extract_many(articles, batch_size=max(1, len(articles)))


def _day_seconds(article: Article) -> int | None:
    """The article's publication day as unix seconds (midnight UTC), when the page gives one."""
    if article.published is None:
        return None
    return int(datetime(article.published.year, article.published.month, article.published.day, tzinfo=UTC).timestamp())


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {k}" for k, n in sorted(counter.items())) or "none"
