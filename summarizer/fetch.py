"""Links: fetch a web page a user linked, bounded and guarded against server-side request forgery.

The fetch runs on the server, so a link must not reach what only the server can reach: the resolved
address of the host, and of every redirect, must be public (not loopback, private, link-local and
cloud metadata, multicast, reserved, nor those embedded in IPv6 forms), and the connection goes to
exactly the address that was checked (resolve once, check every answer, connect to those: no DNS
rebinding between check and connect). `FetchSettings.allow_hosts` lists the hosts allowed besides
(tests, an intranet). Each fetch is bounded in time, bytes, redirects and content types; a failure
is a `FetchError` naming the link and the reason in plain words. `read_page` then reads the page
with the same ingestion as an uploaded file.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import cache
from time import monotonic

import httpcore
import httpx

from .errors import UnreadableDocumentError
from .ingest import IngestLimits, read_document
from .types import Document

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> the addresses it resolves to, as strings. Injected so tests can answer for names.
Resolver = Callable[[str, int], Sequence[str]]

# What a page, a text or a document the ingestion reads is served as; anything else is not fetched.
CONTENT_TYPES = frozenset({
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Names that only mean something inside a network (and the clouds' metadata services), refused before
# they are looked up: their addresses would be refused anyway, but this says why without a lookup.
LOCAL_NAMES = frozenset({"localhost", "metadata", "instance-data"})
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the low 32 bits are an IPv4 address
SHARED = ipaddress.IPv4Network("100.64.0.0/10")  # RFC 6598 carrier-grade NAT: is_private misses it
# Links fetched at once. A request's links wait on the network, not the CPU, and all of them at once
# make the slowest one the whole wait: twenty links that never answer hold a worker for one link's
# time bound, not for several rounds of it (bench/hostile.py, stalled_links). The web app allows at most
# MAX_FILES links a request, so this is a bound on sockets, not a queue.
PARALLEL = 20
USER_AGENT = "news-brief/1.0 (reads an article a user linked)"
MiB = 1024 * 1024
logger = logging.getLogger(__name__)


class FetchError(UnreadableDocumentError):
    """A link that could not be fetched; `name` is the link, `reason` says why in plain words."""

    code = "link_not_fetched"


@dataclass(frozen=True)
class AllowedHost:
    """One entry of the allow list: a host name or address, on one port or (port None) on any."""

    host: str
    port: int | None = None

    def allows(self, host: str, port: int) -> bool:
        return self.host == host and self.port in (None, port)


def allowed_hosts(entries: str | Iterable[str | AllowedHost]) -> tuple[AllowedHost, ...]:
    """Parse `SUMMARIZER_FETCH_ALLOW_HOSTS`: comma-separated `host`, `host:port`, `[v6]:port` or `v6`.

    Raises:
        ValueError: an entry is not of those forms; the message names it.
    """
    if isinstance(entries, str):
        entries = entries.split(",")
    allowed = []
    for entry in entries:
        if isinstance(entry, AllowedHost):
            allowed.append(entry)
            continue
        text = entry.strip()
        if not text:
            continue
        host, port = text, ""
        if text.startswith("["):
            host, _, rest = text[1:].partition("]")
            if rest and not rest.startswith(":"):
                host = ""
            port = rest[1:]
        elif text.count(":") == 1:
            host, port = text.split(":")
        if not host or (port and not (port.isdigit() and 0 < int(port) < 65536)) or "/" in host:
            raise ValueError(
                f"SUMMARIZER_FETCH_ALLOW_HOSTS: {text!r} is not a host or host:port, "
                "such as intranet.example or 127.0.0.1:8765."
            )
        allowed.append(AllowedHost(_canonical_host(host), int(port) if port else None))
    return tuple(allowed)


def resolve_host(host: str, port: int) -> list[str]:
    """The system resolver's addresses for `host`, in its order, each once."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


@dataclass(frozen=True)
class FetchSettings:
    """The bounds of one link's fetch, the hosts allowed besides public ones, and how names are resolved."""

    max_bytes: int = 5 * MiB  # as a file's limit: the page is read no further than this plus one byte
    # per link, everything included (lookup, connect, redirects, body): with reading and summarising, a
    # request with links still answers within the 10 s the other hostile requests are held to
    seconds: float = 8.0
    connect_seconds: float = 4.0
    max_redirects: int = 5
    allow_hosts: tuple[AllowedHost, ...] = ()
    resolve: Resolver = field(default=resolve_host, compare=False)


@dataclass(frozen=True)
class Page:
    """A fetched page: its final URL (after redirects), its content type and its bytes."""

    url: str
    content_type: str
    data: bytes
    charset: str | None = None  # the character set the server declared in Content-Type, if any


# --- which addresses are fetched -------------------------------------------------------------


def _canonical_host(host: str) -> str:
    """Lower case, no trailing dot, addresses in their one written form (so ::1 matches 0::1)."""
    host = host.strip().lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries: mapped, compatible, NAT64, 6to4 or Teredo's client."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in NAT64 or (int(address) >> 32 == 0 and int(address) > 0xFFFF):  # NAT64, or ::a.b.c.d
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_refusal(address: IPAddress | str) -> str | None:
    """Why an address is not fetched ("a private network address"), or None for a public one.

    `ipaddress`'s is_global is the core check; the ranges it does not cover on every Python version
    (multicast, shared 100.64/10, site-local) and IPv4 addresses carried inside IPv6 ones are checked too.
    """
    address = ipaddress.ip_address(address)
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        refusal = address_refusal(embedded) if embedded is not None else None
        if refusal:
            return refusal
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "this server's own (loopback) address"
    if address.is_link_local:
        return "a link-local address (such as a cloud metadata service)"
    if address.is_multicast:
        return "a multicast address"
    if isinstance(address, ipaddress.IPv4Address) and address == ipaddress.IPv4Address("255.255.255.255"):
        return "the broadcast address"
    if isinstance(address, ipaddress.IPv4Address) and address in SHARED:
        return "a shared (carrier-grade NAT) address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local):
        return "a private network address"
    return None


def _is_allowed(settings: FetchSettings, host: str, port: int) -> bool:
    return any(entry.allows(host, port) for entry in settings.allow_hosts)


def _checked_addresses(url: httpx.URL, settings: FetchSettings, verb: str) -> list[str]:
    """Resolve the URL's host once and check every address; these, and only these, are connected to."""
    host = _canonical_host(url.raw_host.decode("ascii"))  # IDNA-encoded, as DNS knows it
    port = url.port or (443 if url.scheme == "https" else 80)
    by_name = _is_allowed(settings, host, port)
    single_label = "." not in host and ":" not in host and not host.isdigit()  # "intranet": a search-domain name
    if not by_name and (host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES) or single_label):
        raise _Refused(f"{verb} a host name of a local network ({host}), which is not fetched")
    try:  # an address too goes through the resolver, which gives it back: tests may allow none but theirs
        addresses = [_canonical_host(a) for a in settings.resolve(host, port)]
    except (OSError, UnicodeError):
        addresses = []
    if not addresses:
        raise _Refused(f"the site's name ({host}) could not be found")
    if by_name:
        return addresses
    for address in addresses:
        if _is_allowed(settings, address, port):
            continue
        try:
            refusal = address_refusal(address)
        except ValueError:
            refusal = "an address that could not be read"
        if refusal:
            raise _Refused(f"{verb} {refusal}, which is not fetched")
    return addresses


class _Refused(Exception):
    """A reason to give up on a link, said in plain words; fetch_page adds the link."""


# --- connecting to the checked address -------------------------------------------------------


class _PinnedBackend(httpcore.SyncBackend):
    """Connects to the addresses that were checked, in turn, whatever the host name resolves to by now.

    httpcore still hands the host name on for TLS, so SNI and certificate checks use the name, and
    httpx still sends it as the Host header.
    """

    def __init__(self, addresses: Sequence[str]):
        self.addresses = addresses

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        failure: httpcore.ConnectError | None = None
        for address in self.addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                failure = error
        raise failure or httpcore.ConnectError("no address to connect to")


@cache
def _ssl_context():
    return httpx.create_ssl_context()


class _PinnedTransport(httpx.HTTPTransport):
    def __init__(self, addresses: Sequence[str]):
        super().__init__(trust_env=False)
        # httpx takes no network backend, so its connection pool is replaced by one that connects to
        # the checked addresses (httpx is pinned in requirements.txt; tests/test_fetch.py fails if
        # this stops connecting where it should).
        self._pool = httpcore.ConnectionPool(ssl_context=_ssl_context(), network_backend=_PinnedBackend(addresses))


# --- one link --------------------------------------------------------------------------------


def _seconds(seconds: float) -> str:
    if seconds >= 1.5:
        return f"{seconds:.0f} seconds"
    return "1 second" if seconds >= 0.95 else f"{seconds:.1f} seconds"


def _size(size: int) -> str:
    return f"{size / MiB:.0f} MB" if size >= MiB else f"{max(1, round(size / 1024))} kB"


def _shown(url: str) -> str:
    """The link as messages name it: the user's own text, cut if very long."""
    return url if len(url) <= 200 else url[:199] + "…"


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError, ValueError):
        raise _Refused("it is not a web address that can be fetched") from None
    if parsed.scheme not in ("http", "https"):
        raise _Refused("only http and https links are fetched")
    if not parsed.host:
        raise _Refused("it is not a complete web address (it names no site)")
    return parsed


def fetch_page(url: str, settings: FetchSettings = FetchSettings(), *, deadline: float | None = None) -> Page:
    """Fetch one link: its final page after at most `settings.max_redirects` redirects, each checked.

    Args:
        url: the link as the user gave it (http or https).
        settings: bounds, allowed hosts and resolver.
        deadline: a `time.monotonic()` value the fetch must end by, if sooner than `settings.seconds`.

    Raises:
        FetchError: the link is refused or could not be fetched; the message names it and says why.
    """
    seconds = settings.seconds if deadline is None else min(settings.seconds, deadline - monotonic())
    ends = monotonic() + seconds
    try:
        target = _parse(url)
        verb = "it points to"
        for _ in range(settings.max_redirects + 1):
            addresses = _checked_addresses(target, settings, verb)
            left = ends - monotonic()
            if left <= 0:
                raise httpx.TimeoutException("no time left")
            timeout = httpx.Timeout(left, connect=min(settings.connect_seconds, left))
            headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"}
            with (
                httpx.Client(transport=_PinnedTransport(addresses), trust_env=False, timeout=timeout) as client,
                client.stream("GET", target, headers=headers) as response,
            ):
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    try:
                        target = target.join(response.headers["location"])
                    except (httpx.InvalidURL, UnicodeError, ValueError):
                        raise _Refused("it redirects to an address that cannot be fetched") from None
                    if target.scheme not in ("http", "https") or not target.host:
                        raise _Refused("it redirects to an address that is not an http or https page")
                    verb = "it redirects to"
                    continue
                return Page(str(target), *_body(response, settings, ends))
        raise _Refused(f"it redirects more than {settings.max_redirects} times")
    except _Refused as refused:
        raise FetchError(_shown(url), str(refused)) from None
    except httpx.TimeoutException:
        if seconds <= 0:
            raise FetchError(_shown(url), "the time for reading this request's links ran out before it") from None
        raise FetchError(_shown(url), f"the site did not answer within {_seconds(seconds)}") from None
    except httpx.ConnectError as error:
        if "CERTIFICATE_VERIFY_FAILED" in str(error):
            raise FetchError(_shown(url), "the site's certificate could not be verified") from None
        raise FetchError(_shown(url), "the site could not be reached") from None
    except (httpx.HTTPError, httpx.InvalidURL):
        raise FetchError(_shown(url), "the site's answer could not be read") from None


def _body(response: httpx.Response, settings: FetchSettings, ends: float) -> tuple[str, bytes, str | None]:
    """The content type, body and declared charset of a final answer, read no further than the byte
    limit plus one."""
    if response.status_code >= 400:
        raise _Refused(f"the site answered {response.status_code} {response.reason_phrase}".rstrip())
    if not 200 <= response.status_code < 300:
        raise _Refused(f"the site answered {response.status_code} instead of a page")
    content_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    if content_type not in CONTENT_TYPES:
        raise _Refused(f"it is {content_type}, not a web page" if content_type else
                       "the site did not say what kind of file it is, so it was not read")
    too_large = f"the page is over {_size(settings.max_bytes)}"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise _Refused(too_large)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > settings.max_bytes:
            raise _Refused(too_large)
        if monotonic() > ends:
            raise httpx.TimeoutException("the page came too slowly")
    return content_type, bytes(body), response.charset_encoding


# --- several links, and reading them ----------------------------------------------------------


def fetch_pages(
    urls: Sequence[str], settings: FetchSettings = FetchSettings(), *, seconds: float | None = None
) -> list[Page | FetchError]:
    """Fetch several links, a few at a time, each within `settings.seconds` and all within `seconds`.

    Returns:
        For each link in order, its Page or the FetchError saying why it was not fetched. A link
        still going when `seconds` run out is given up (its thread ends at its own time bound).
    """
    if not urls:
        return []
    deadline = None if seconds is None else monotonic() + seconds
    executor = ThreadPoolExecutor(max_workers=min(PARALLEL, len(urls)), thread_name_prefix="fetch")
    try:
        futures = [executor.submit(_fetch_or_error, url, settings, deadline) for url in urls]
        wait(futures, timeout=None if deadline is None else max(0.0, deadline - monotonic()))
        given = min(settings.seconds, seconds) if seconds is not None else settings.seconds
        return [
            future.result() if future.done()
            else FetchError(_shown(url), f"the site did not answer within {_seconds(given)}")
            for url, future in zip(urls, futures)
        ]
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _fetch_or_error(url: str, settings: FetchSettings, deadline: float | None) -> Page | FetchError:
    try:
        return fetch_page(url, settings, deadline=deadline)
    except FetchError as error:
        return error
    except Exception:  # noqa: BLE001 - what another site sends must never fail the whole request
        logger.exception("fetching %s failed unexpectedly", _shown(url))
        return FetchError(_shown(url), "the site's answer could not be read")


def read_page(page: Page, limits: IngestLimits = IngestLimits()) -> Document:
    """Read a fetched page as an uploaded file is read, keeping its final URL.

    Raises:
        UnreadableDocumentError (or its subclasses, as `read_document` raises them), naming the link.
    """
    try:
        document = read_document("", page.data, limits=limits, charset=page.charset)
    except UnreadableDocumentError as error:
        raise type(error)(_shown(page.url), error.reason) from None
    return replace(document, url=page.url, name="")


_LINK = re.compile(r"https?://\S+", re.IGNORECASE)


def links_in(text: str) -> list[str]:
    """The links of a text that holds nothing but http(s) links (one or more a line), else [].

    A text with words around a link is an article that mentions it, not a link to fetch.
    """
    words = text.split()
    if not words or not all(_LINK.fullmatch(word) for word in words):
        return []
    return list(dict.fromkeys(words))
