"""The HTTP reader against a real local server: redirects, errors, retries, timeouts, size
caps, robots.txt, politeness, and the refusal of private addresses (SSRF)."""

from __future__ import annotations

import httpx
import pytest
from localserver import LocalServer, Route, serve

from khabar.errors import FetchError, FetchRefused, InputTooLarge
from khabar.pipeline import Options
from khabar.sources.base import iter_records
from khabar.sources.http import USER_AGENT, Fetcher, HttpConfig
from khabar.sources.netguard import check_url

__all__ = ["serve"]  # the local_server fixture

PAGE = "<html><head><title>खबर</title></head><body><p>एक छोटी सी खबर।</p></body></html>"


def test_page_with_headers_and_user_agent(local_server: LocalServer) -> None:
    local_server.routes["/news/1"] = Route(
        body=PAGE.encode(), headers={"Content-Type": "text/html; charset=utf-8"}
    )
    [record] = iter_records(local_server.url("/news/1"), options=local_server.options())
    assert record.kind == "url"
    assert record.data.decode() == PAGE
    assert record.headers["content-type"] == "text/html; charset=utf-8"
    assert record.fetched_at is not None
    assert local_server.agents[-1] == USER_AGENT
    assert local_server.hits["/robots.txt"] == 1  # asked before the page


def test_redirects_are_followed_and_capped(local_server: LocalServer) -> None:
    local_server.routes["/old"] = Route(301, headers={"Location": "/older"})
    local_server.routes["/older"] = Route(302, headers={"Location": "/new"})
    local_server.routes["/new"] = Route(body=PAGE.encode())
    with Fetcher(local_server.options()) as fetcher:
        record = fetcher.fetch(local_server.url("/old"))
    assert record.url == local_server.url("/new")
    with Fetcher(local_server.options(max_redirects=1)) as fetcher, pytest.raises(
        FetchError, match="more than 1 redirects"
    ):
        fetcher.fetch(local_server.url("/old"))


def test_404_fails_without_retry(local_server: LocalServer) -> None:
    with Fetcher(local_server.options(retries=3)) as fetcher, pytest.raises(
        FetchError, match="HTTP 404"
    ) as info:
        fetcher.fetch(local_server.url("/missing"))
    assert info.value.code == "E107"
    assert local_server.hits["/missing"] == 1


def test_500_is_retried_then_fails(local_server: LocalServer) -> None:
    local_server.routes["/broken"] = Route(500, b"oops")
    with Fetcher(local_server.options(retries=2)) as fetcher, pytest.raises(
        FetchError, match="HTTP 500"
    ):
        fetcher.fetch(local_server.url("/broken"))
    assert local_server.hits["/broken"] == 3


def test_timeout(local_server: LocalServer) -> None:
    local_server.routes["/slow"] = Route(body=b"late", delay=1.0)
    with Fetcher(local_server.options(timeout=0.2, retries=0)) as fetcher, pytest.raises(
        FetchError, match="Timeout"
    ):
        fetcher.fetch(local_server.url("/slow"))


def test_oversize_body_declared_and_streamed(local_server: LocalServer) -> None:
    big = b"<p>" + b"x" * 300_000 + b"</p>"
    local_server.routes["/big"] = Route(body=big)
    local_server.routes["/big-chunked"] = Route(body=big, chunked=True)
    with Fetcher(local_server.options(max_bytes=100_000)) as fetcher:
        with pytest.raises(InputTooLarge, match="exceeds"):
            fetcher.fetch(local_server.url("/big"))
        with pytest.raises(InputTooLarge, match="larger than") as info:
            fetcher.fetch(local_server.url("/big-chunked"))
    assert info.value.code == "E106"


def test_robots_disallow(local_server: LocalServer) -> None:
    local_server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n")
    local_server.routes["/private/page"] = Route(body=PAGE.encode())
    local_server.routes["/public/page"] = Route(body=PAGE.encode())
    with Fetcher(local_server.options()) as fetcher:
        assert fetcher.fetch(local_server.url("/public/page")).data
        with pytest.raises(FetchRefused, match=r"robots\.txt") as info:
            fetcher.fetch(local_server.url("/private/page"))
    assert info.value.code == "E110"
    assert local_server.hits["/private/page"] == 0
    assert local_server.hits["/robots.txt"] == 1  # cached per site


def test_private_address_refused_by_default(local_server: LocalServer) -> None:
    local_server.routes["/news/1"] = Route(body=PAGE.encode())
    with pytest.raises(FetchRefused, match="private, loopback") as info:
        list(iter_records(local_server.url("/news/1"), options=Options.load()))
    assert info.value.code == "E110"
    assert sum(local_server.hits.values()) == 0


@pytest.mark.parametrize("url", [
    "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "file:///etc/passwd",
])
def test_refused_addresses(url: str) -> None:
    with pytest.raises(FetchRefused):
        check_url(url, allow_private=False)


def test_host_resolving_to_any_private_address_is_refused() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "192.168.0.7"]

    with pytest.raises(FetchRefused, match=r"192\.168\.0\.7"):
        check_url("https://news.example/", allow_private=False, resolver=resolver)
    check_url("https://news.example/", allow_private=True, resolver=resolver)


def test_redirect_to_private_address_refused_in_process() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})

    fetcher = Fetcher(config=HttpConfig(delay=0.0), transport=httpx.MockTransport(handler),
                      resolver=lambda host, port: ["93.184.215.14"])
    with fetcher, pytest.raises(FetchRefused, match=r"127\.0\.0\.1"):
        fetcher.fetch("http://news.example/story")
    assert "http://127.0.0.1:8080/admin" not in seen


def test_politeness_delay_per_host() -> None:
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    def handler(request: httpx.Request) -> httpx.Response:
        now[0] += 0.25  # each request takes a quarter second
        return httpx.Response(200, text="ok")

    fetcher = Fetcher(config=HttpConfig(delay=2.0, robots=False),
                      transport=httpx.MockTransport(handler),
                      resolver=lambda host, port: ["93.184.215.14"],
                      clock=lambda: now[0], sleep=sleep)
    with fetcher:
        fetcher.fetch("http://a.example/1")
        fetcher.fetch("http://b.example/1")  # another host: no wait
        fetcher.fetch("http://a.example/2")
    assert sleeps == [pytest.approx(1.75)]


def test_robots_behind_a_redirect_and_crawl_delay() -> None:
    now = [0.0]
    sleeps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(301, headers={"Location": "https://www.news.example/r.txt"})
        if request.url.path == "/r.txt":
            return httpx.Response(200, text="User-agent: *\nCrawl-delay: 5\nDisallow: /x/\n")
        return httpx.Response(200, text="ok")

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(config=HttpConfig(delay=1.0), transport=httpx.MockTransport(handler),
                      resolver=lambda host, port: ["93.184.215.14"],
                      clock=lambda: now[0], sleep=sleep)
    with fetcher:
        assert fetcher.fetch("https://news.example/a").data == b"ok"
        with pytest.raises(FetchRefused):
            fetcher.fetch("https://news.example/x/b")
        fetcher.fetch("https://news.example/c")
    assert sleeps and all(s == pytest.approx(5.0) for s in sleeps)
