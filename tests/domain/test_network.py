from app.domain.network import base_url, lan_addresses

IP_OUTPUT = """2: wlp2s0    inet 192.168.43.17/24 brd 192.168.43.255 scope global dynamic wlp2s0\\       valid_lft 3590sec
3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever
4: lo    inet 127.0.0.1/8 scope host lo
"""


def test_lan_addresses_come_from_ip_output_without_loopback():
    assert lan_addresses(IP_OUTPUT) == ["192.168.43.17", "172.17.0.1"]
    assert lan_addresses("") == []


def test_the_base_url_names_the_port_unless_it_is_the_schemes_own():
    assert base_url("192.168.43.17", 5000) == "http://192.168.43.17:5000"
    assert base_url("192.168.43.17", 80) == "http://192.168.43.17"
    assert base_url("paspor.example", 443, "https") == "https://paspor.example"
