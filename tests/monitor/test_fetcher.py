"""The fetcher's limits against a real local server: robots.txt, rate limit, redirects, conditional GETs."""

from __future__ import annotations

import pytest
from tests.monitor.server import LocalSite, Route

from sitrep.monitor import Fetcher, FetchError, WatchSettings

FAST = WatchSettings(host_delay=0, timeout=2, deadline=10, max_bytes=100_000, max_redirects=3)


@pytest.fixture
def site():
    s = LocalSite()
    yield s
    s.close()


def test_a_conditional_get_sends_the_validators_and_gets_304(site):
    site.page("/a.html", "<p>hello</p>")
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(site.url("/a.html"))
        again = fetcher.get(site.url("/a.html"), etag=first.etag, last_modified="Tue, 01 Dec 2026 07:30:00 GMT")
    assert first.status == 200 and first.etag and first.data == b"<p>hello</p>"
    assert again.not_modified and again.data == b""
    headers = site.requests[-1][2]
    assert headers["If-None-Match"] == first.etag and headers["If-Modified-Since"].startswith("Tue, 01 Dec 2026")


def test_requests_to_one_host_wait_for_the_host_delay():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    site = LocalSite()
    try:
        site.page("/a.html", "<p>a</p>")
        settings = WatchSettings(host_delay=5, timeout=2)
        with Fetcher(settings, clock=lambda: now[0], sleep=sleep) as fetcher:
            fetcher.get(site.url("/a.html"))  # robots.txt, then the page: one wait between them
            fetcher.get(site.url("/a.html"))
    finally:
        site.close()
    assert slept == [5.0, 5.0]


def test_redirects_are_followed_up_to_the_limit(site):
    site.page("/end.html", "<p>end</p>")
    site.route("/r1", Route(301, headers={"Location": "/end.html"}))
    for n in range(2, 7):
        site.route(f"/chain{n}", Route(302, headers={"Location": f"/chain{n + 1}"}))
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(site.url("/r1")).final_url == site.url("/end.html")
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetcher.get(site.url("/chain2"))


def test_a_redirect_to_a_path_robots_txt_forbids_is_not_followed(site):
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.route("/go", Route(302, headers={"Location": "/private/x.html"}))
    site.page("/private/x.html", "<p>x</p>")
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match=r"robots\.txt forbids"):
        fetcher.get(site.url("/go"))
    assert "/private/x.html" not in site.paths()


def test_a_robots_txt_that_fails_with_5xx_forbids_the_host_for_now(site):
    site.route("/robots.txt", Route(503))
    site.page("/a.html", "<p>a</p>")
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match=r"robots\.txt forbids"):
        fetcher.get(site.url("/a.html"))


def test_an_http_error_names_the_url_and_status(site):
    site.route("/gone", Route(410))
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match=r"/gone: HTTP 410"):
        fetcher.get(site.url("/gone"))


def test_a_big_body_is_cut_at_the_size_limit(site):
    site.endless("/big", "<p>start</p>", total=5_000_000)
    with Fetcher(FAST) as fetcher:
        fetched = fetcher.get(site.url("/big"))
    assert fetched.truncated and len(fetched.data) == FAST.max_bytes and fetched.data.startswith(b"<p>start</p>")
