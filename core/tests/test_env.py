"""The settings read from the environment (fazhi/env.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from fazhi.env import env_map


def test_env_map_reads_pairs(monkeypatch):
    monkeypatch.setenv(
        "FAZHI_TEST_MAP", " 440105000000=广州市海珠区人民政府 ,440106000000=天河区人民政府"
    )
    assert env_map("FAZHI_TEST_MAP") == {
        "440105000000": "广州市海珠区人民政府",
        "440106000000": "天河区人民政府",
    }
    monkeypatch.delenv("FAZHI_TEST_MAP")
    assert env_map("FAZHI_TEST_MAP") == {}


@pytest.mark.parametrize("value", ["440105000000", "=海珠", "440105000000="])
def test_env_map_names_the_variable_of_a_bad_pair(monkeypatch, value):
    monkeypatch.setenv("FAZHI_TEST_MAP", value)
    with pytest.raises(ImproperlyConfigured, match="FAZHI_TEST_MAP"):
        env_map("FAZHI_TEST_MAP")
