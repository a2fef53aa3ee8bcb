"""summarizer/fetch.py: which addresses are fetched, the allow list, DNS answers that change, and the
bounds (bytes, content types, redirects, time), against a web server on the loopback."""

from __future__ import annotations

import ipaddress
import re

import httpcore
import pytest
from local_site import LocalSite, Route

from summarizer import UnsupportedFileTypeError
from summarizer.fetch import (
    AllowedHost,
    FetchError,
    FetchSettings,
    Page,
    address_refusal,
    allowed_hosts,
    fetch_page,
    fetch_pages,
    links_in,
    read_page,
)

PUBLIC = "93.184.216.34"  # never connected to: the guard below refuses every address but 127.0.0.1


@pytest.fixture(autouse=True)
def connects(monkeypatch) -> list[tuple[str, int]]:
    """Every address the fetcher connects to, in order; anything but 127.0.0.1 is refused before a packet
    is sent, so no test reaches past this machine whatever the code under test does."""
    attempts: list[tuple[str, int]] = []
    real = httpcore.SyncBackend.connect_tcp

    def guarded(self, host, port, *args, **kwargs):
        attempts.append((host, port))
        if host != "127.0.0.1":
            raise httpcore.ConnectError(f"test guard: {host} is not the loopback test site")
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", guarded)
    return attempts


@pytest.fixture
def site():
    with LocalSite() as served:
        yield served


def settings_for(site: LocalSite, **overrides) -> FetchSettings:
    return FetchSettings(allow_hosts=allowed_hosts(site.allow), **overrides)


class Resolver:
    """Answers for names from a script: each call for a name takes its next answer (the last one repeats)."""

    def __init__(self, **answers: list[list[str]]):
        self.answers = {name.replace("_", "."): list(script) for name, script in answers.items()}
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]  # an address stands for itself, as getaddrinfo gives it
        except ValueError:
            pass
        self.calls.append(host)
        script = self.answers.get(host)
        if not script:
            raise OSError(f"no such name: {host}")
        return script.pop(0) if len(script) > 1 else script[0]


# --- which addresses are fetched ------------------------------------------------------------------

REFUSED = [
    # (address, what the reason says)
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("::1", "loopback"),
    ("10.0.0.1", "private network"),
    ("172.16.0.1", "private network"),
    ("172.31.255.255", "private network"),
    ("192.168.1.1", "private network"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.254", "carrier-grade NAT"),
    ("169.254.169.254", "link-local"),  # the clouds' metadata service
    ("169.254.0.1", "link-local"),
    ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("ff02::1", "multicast"),
    ("ff0e::1", "multicast"),  # "global" multicast, still not a web server
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("255.255.255.255", "broadcast"),
    ("240.0.0.1", "reserved"),
    ("192.0.2.1", "private network"),  # documentation range
    ("fc00::1", "private network"),
    ("fd12:3456::1", "private network"),
    ("fec0::1", "private network"),  # deprecated site-local
    # IPv4 addresses inside IPv6 ones
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.0.0.1", "private network"),
    ("::ffff:169.254.169.254", "link-local"),
    ("::127.0.0.1", "loopback"),  # IPv4-compatible
    ("::10.0.0.1", "private network"),
    ("64:ff9b::a00:1", "private network"),  # NAT64 of 10.0.0.1
    ("2002:a00:1::", "private network"),  # 6to4 of 10.0.0.1
    ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
    ("2002:a9fe:a9fe::", "link-local"),  # 6to4 of 169.254.169.254
    ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private network"),  # Teredo, client 10.0.0.1
]


@pytest.mark.parametrize(("address", "reason"), REFUSED, ids=[a for a, _ in REFUSED])
def test_non_public_addresses_are_refused(address, reason):
    assert reason in address_refusal(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", PUBLIC, "2606:4700:4700::1111", "2002:808:808::"])
def test_public_addresses_pass(address):
    assert address_refusal(address) is None


ALLOW_ENTRIES = [
    ("127.0.0.1:8765", (AllowedHost("127.0.0.1", 8765),)),
    ("intranet.example, wiki.example:8080", (AllowedHost("intranet.example"), AllowedHost("wiki.example", 8080))),
    ("[::1]:8765", (AllowedHost("::1", 8765),)),
    ("0:0::1", (AllowedHost("::1"),)),
    ("Intranet.Example.", (AllowedHost("intranet.example"),)),
    ("", ()),
]


@pytest.mark.parametrize(("raw", "parsed"), ALLOW_ENTRIES, ids=[raw or "empty" for raw, _ in ALLOW_ENTRIES])
def test_allow_list_entries(raw, parsed):
    assert allowed_hosts(raw) == parsed


@pytest.mark.parametrize("raw", ["host:port", "host:0", "host:70000", "[::1]x", "http://host/", ":8080"])
def test_a_bad_allow_list_entry_is_named(raw):
    with pytest.raises(ValueError, match="SUMMARIZER_FETCH_ALLOW_HOSTS"):
        allowed_hosts(raw)


LINK_TEXTS = [
    ("https://example.com/a", ["https://example.com/a"]),
    ("https://example.com/a\n\n  HTTP://example.org/b https://example.com/a\n",
     ["https://example.com/a", "HTTP://example.org/b"]),
    ("Read https://example.com/a for more.", []),  # an article that mentions a link
    ("The mayor opened the bridge.\nhttps://example.com/a", []),
    ("ftp://example.com/a", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "links"), LINK_TEXTS)
def test_links_in_a_text_of_links_only(text, links):
    assert links_in(text) == links


# --- fetching from the loopback site ------------------------------------------------------------------


def test_an_allowed_page_is_fetched_and_read_like_an_upload(site):
    page = fetch_page(site.url("/article"), settings_for(site))
    assert page.content_type == "text/html"
    document = read_page(page)
    assert document.title == "Kishida heads to NATO summit in Lithuania"
    assert document.date == "2023-07-11"
    assert document.url == site.url("/article")  # the link fetched, not the page's canonical URL
    assert "Prime Minister Fumio Kishida left Tokyo" in document.text


def test_a_page_is_read_in_the_charset_its_server_declares(site):
    """A short Windows-1251 page with no <meta charset>: the guess alone would read "П" as "ѕ"."""
    page_text = "Президент выступил в парламенте во вторник."
    site.routes["/ru"] = Route(f"<html><body><p>{page_text}</p></body></html>".encode("cp1251"),
                               "text/html; charset=windows-1251")
    page = fetch_page(site.url("/ru"), settings_for(site))
    assert page.charset == "windows-1251"
    assert read_page(page).text == page_text


def test_the_url_kept_is_the_one_after_redirects(site):
    start = site.redirect("/go", "/article", 301)
    page = fetch_page(start, settings_for(site))
    assert page.url == site.url("/article")
    assert read_page(page).url == site.url("/article")


def test_by_default_the_loopback_site_is_refused(site):
    with pytest.raises(FetchError) as refused:
        fetch_page(site.url("/article"))
    assert str(refused.value) == (
        f"{site.url('/article')}: it points to this server's own (loopback) address, which is not fetched"
    )
    assert site.requests == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost/", "a host name of a local network (localhost)"),
        ("http://metadata.google.internal/computeMetadata/v1/", "a host name of a local network"),
        ("http://printer.local/", "a host name of a local network"),
        ("http://intranet/", "a host name of a local network (intranet)"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
        ("ftp://example.com/story", "only http and https links are fetched"),
        ("https:///story", "names no site"),
    ],
)
def test_refused_before_any_connection(url, reason, connects):
    resolver = Resolver(**{"2130706433": [["127.0.0.1"]]})
    with pytest.raises(FetchError, match=re.escape(reason)):
        fetch_page(url, FetchSettings(resolve=resolver))
    assert connects == []


def test_the_allowed_port_only(site):
    other = FetchSettings(allow_hosts=allowed_hosts([f"127.0.0.1:{site.port + 1}"]))
    with pytest.raises(FetchError, match="loopback"):
        fetch_page(site.url("/article"), other)
    assert fetch_page(site.url("/article"), FetchSettings(allow_hosts=allowed_hosts(["127.0.0.1"]))).data


REDIRECTS = [
    # (location, why it is refused)
    # 127.0.0.2: loopback, and not in the allow list
    ("http://127.0.0.2:{port}/article", "it redirects to this server's own (loopback) address"),
    ("http://private.example/", "it redirects to a private network address"),
    ("http://metadata.google.internal/", "it redirects to a host name of a local network"),
    ("http://[fd00::1]/", "it redirects to a private network address"),
    ("file:///etc/passwd", "not an http or https page"),
]


@pytest.mark.parametrize(("location", "reason"), REDIRECTS, ids=[r[0] for r in REDIRECTS])
def test_a_redirect_from_an_allowed_host_to_a_refused_address(site, connects, location, reason):
    start = site.redirect("/away", location.format(port=site.port))
    resolver = Resolver(private_example=[["10.0.0.1"]])
    with pytest.raises(FetchError, match=re.escape(reason)) as refused:
        fetch_page(start, settings_for(site, resolve=resolver))
    assert str(refused.value).startswith(start + ": ")  # named by the link the user gave
    assert {host for host, _ in connects} == {"127.0.0.1"}


def test_a_redirect_loop_stops(site):
    site.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="it redirects more than 5 times"):
        fetch_page(site.url("/loop"), settings_for(site))
    assert len(site.requests) == 6


def test_dns_answers_that_change_after_the_check_are_not_followed(site, connects):
    """The name is resolved once per hop and the connection goes to the address checked; the Host header
    keeps the name. A second lookup would answer 127.0.0.2, where nothing listens."""
    resolver = Resolver(news_example=[["127.0.0.1"], ["127.0.0.2"]])
    url = f"http://news.example:{site.port}/article"
    page = fetch_page(url, settings_for(site, resolve=resolver))
    assert read_page(page).title == "Kishida heads to NATO summit in Lithuania"
    assert resolver.calls == ["news.example"]
    assert connects == [("127.0.0.1", site.port)]
    assert site.requests == [("/article", f"news.example:{site.port}")]


def test_a_public_answer_then_a_private_one_connects_to_the_public_one(connects):
    """DNS rebinding: checked as public, then answering 127.0.0.1. The connection goes to the checked
    address (which the test guard refuses: nothing leaves the machine)."""
    resolver = Resolver(news_example=[[PUBLIC], ["127.0.0.1"]])
    with pytest.raises(FetchError, match="the site could not be reached"):
        fetch_page("http://news.example/story", FetchSettings(resolve=resolver))
    assert resolver.calls == ["news.example"]
    assert connects == [(PUBLIC, 80)]


def test_every_address_a_name_resolves_to_is_checked(connects):
    resolver = Resolver(news_example=[[PUBLIC, "10.0.0.1"]])
    with pytest.raises(FetchError, match="it points to a private network address"):
        fetch_page("https://news.example/story", FetchSettings(resolve=resolver))
    assert connects == []


def test_an_unknown_name(connects):
    with pytest.raises(FetchError, match=r"the site's name \(nowhere.example\) could not be found"):
        fetch_page("https://nowhere.example/", FetchSettings(resolve=Resolver()))


@pytest.mark.parametrize("send_length", [True, False], ids=["content-length", "until-close"])
def test_a_body_over_the_limit_is_refused(site, send_length):
    site.routes["/big"] = Route(b"<p>" + b"x" * 2000 + b"</p>", send_length=send_length)
    with pytest.raises(FetchError, match="the page is over 1 kB"):
        fetch_page(site.url("/big"), settings_for(site, max_bytes=1024))
    assert fetch_page(site.url("/big"), settings_for(site, max_bytes=4096)).data.startswith(b"<p>xxx")


def test_a_body_without_length_is_read_to_its_end(site):
    site.routes["/streamed"] = Route(site.routes["/article"].body, send_length=False)
    assert read_page(fetch_page(site.url("/streamed"), settings_for(site))).date == "2023-07-11"


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/photo.png", "it is image/png, not a web page"), ("/missing", "the site answered 404 Not Found")],
)
def test_what_is_not_a_page(site, path, reason):
    with pytest.raises(FetchError) as refused:
        fetch_page(site.url(path), settings_for(site))
    assert str(refused.value) == f"{site.url(path)}: {reason}"


def test_a_site_that_stalls_is_given_up(site):
    with pytest.raises(FetchError, match="the site did not answer within 0.3 seconds"):
        fetch_page(site.url("/stall"), settings_for(site, seconds=0.3))


def test_several_links_in_order_the_bad_ones_named(site):
    urls = [site.url("/article"), site.url("/photo.png"), site.url("/stall"), site.url("/kyodo")]
    results = fetch_pages(urls, settings_for(site), seconds=0.5)
    assert [type(r) for r in results] == [Page, FetchError, FetchError, Page]
    assert "image/png" in str(results[1]) and "did not answer within 0.5 seconds" in str(results[2])
    assert results[3].content_type == "text/plain"


def test_a_page_the_reader_refuses_is_named_by_its_link(site):
    site.routes["/fake.html"] = Route(b"\x89PNG\r\n\x1a\n" + bytes(64), "text/html")
    page = fetch_page(site.url("/fake.html"), settings_for(site))
    with pytest.raises(UnsupportedFileTypeError) as refused:
        read_page(page)
    assert str(refused.value).startswith(site.url("/fake.html") + ": ")
