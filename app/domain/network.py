"""The address phones on the room's network use to reach this laptop.

Links for phones (join QR, participant cards) must never carry the facilitator browser's
127.0.0.1: they use PUBLIC_URL when it is set, else the host the facilitator browsed to when
that is reachable, else the laptop's hotspot/LAN address when the server listens on it.
"""
import re
from dataclasses import dataclass

INET = re.compile(r"\binet (\d+\.\d+\.\d+\.\d+)/\d+")
NO_NETWORK, LOCAL_ONLY = "no-network", "local-only"


def lan_addresses(ip_output):
    """IPv4 addresses from `ip -4 -o addr show scope global`, loopback left out, in order."""
    found = [address for address in INET.findall(ip_output) if not is_loopback(address)]
    return list(dict.fromkeys(found))


def is_loopback(host):
    host = (host or "").strip("[]").lower()
    return host in ("localhost", "::1", "") or host.startswith("127.")


def base_url(address, port, scheme="http"):
    default = {"http": "80", "https": "443"}[scheme]
    return f"{scheme}://{address}" + ("" if str(port) == default else f":{port}")


@dataclass(frozen=True)
class PublicAddress:
    base: str | None  # e.g. "http://192.168.137.1:5000", without a trailing slash
    problem: str | None = None  # NO_NETWORK or LOCAL_ONLY when there is no base


def public_address(public_url, request_base, request_host, bound_host, bound_port, addresses):
    """Where phones reach this server (see the module's docstring for the order)."""
    if public_url:
        return PublicAddress(public_url.rstrip("/"))
    if not is_loopback(request_host):
        return PublicAddress(request_base.rstrip("/"))
    if is_loopback(bound_host):
        return PublicAddress(None, LOCAL_ONLY)
    if not addresses:
        return PublicAddress(None, NO_NETWORK)
    return PublicAddress(base_url(addresses[0], bound_port))
