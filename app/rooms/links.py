"""Links phones open: the join address, its QR code and the personal-code address."""
import subprocess
import time

from flask import current_app, request, url_for

from app.domain.network import is_loopback, lan_addresses, public_address

_found = {"at": -1e9, "addresses": []}  # the laptop's addresses, looked up at most every 10 s


def laptop_addresses():
    if time.monotonic() - _found["at"] > 10:
        try:
            output = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"],
                                    capture_output=True, text=True, timeout=2, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            output = ""
        _found.update(at=time.monotonic(), addresses=lan_addresses(output))
    return _found["addresses"]


def phone_address():
    """The PublicAddress of this server for phones, judged from this request."""
    public_url = current_app.config.get("PUBLIC_URL")
    host = request.host.rsplit(":", 1)[0]
    addresses = [] if public_url or not is_loopback(host) else laptop_addresses()
    return public_address(public_url, request.host_url, host, request.environ.get("SERVER_NAME", ""),
                          request.environ.get("SERVER_PORT", ""), addresses)


def phone_url(endpoint, **values):
    """The full address of one of our pages for a phone, or None when phones cannot reach us."""
    base = phone_address().base
    return base + url_for(endpoint, **values) if base else None
