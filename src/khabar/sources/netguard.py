"""Refusal of URLs that point inside the user's network (SSRF): private, loopback,
link-local, multicast, reserved and unspecified addresses, checked for every address a host
name resolves to. DNS can change between this check and the connection (rebinding); a
deployment that fetches untrusted URLs should also block these ranges at the network level.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from khabar.errors import FetchError, FetchRefused

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_url(url: str, *, allow_private: bool, resolver: Resolver = resolve_host) -> None:
    """Raise FetchRefused unless ``url`` is http(s) and (when not allowed) public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"{url}: the URL has no host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchRefused(f"{url}: bad port") from exc
    for text in _addresses(host, port, resolver):
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not is_public(address):
            raise FetchRefused(
                f"{url}: {host} is a private, loopback or link-local address ({address}); "
                "set allow_private = true in the http settings to fetch it"
            )


def _addresses(host: str, port: int, resolver: Resolver) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    found = resolver(host, port)
    if not found:
        raise FetchError(f"cannot resolve host {host!r}")
    return found
