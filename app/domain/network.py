"""The laptop's addresses on the room's network, for the join link phones open."""
import re

INET = re.compile(r"\binet (\d+\.\d+\.\d+\.\d+)/\d+")


def lan_addresses(ip_output):
    """IPv4 addresses from `ip -4 -o addr show scope global`, loopback left out, in order."""
    found = [address for address in INET.findall(ip_output) if not address.startswith("127.")]
    return list(dict.fromkeys(found))


def join_url(address, port):
    return f"http://{address}:{port}/gabung" if port != 80 else f"http://{address}/gabung"
