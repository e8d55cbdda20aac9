"""``dev.py``: the address links point to, and the pip noise it keeps off the screen."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("0.0.0.0:8123", "http://localhost:8123"),
        ("[::]:8123", "http://localhost:8123"),
        ("8101", "http://127.0.0.1:8101"),
        ("klachten.test:9000", "http://klachten.test:9000"),
    ],
)
def test_links_follow_the_address_the_demo_is_served_on(dev, address, url):
    assert dev.site_url(address) == url


def test_start_derives_site_url_from_address_unless_it_is_set(dev, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert dev.demo_env("0.0.0.0:8123")["SITE_URL"] == "http://localhost:8123"

    monkeypatch.setenv("SITE_URL", "https://klachten.example.nl")
    assert dev.demo_env("0.0.0.0:8123")["SITE_URL"] == "https://klachten.example.nl"


def test_pip_noise_is_filtered_and_real_trouble_is_shown(dev, monkeypatch, tmp_path, capsys):
    fake_pip = tmp_path / "python"
    fake_pip.write_text(
        "#!/bin/sh\n"
        "echo \"WARNING: Location 'file:///opt/pypi/simple/django/' is ignored: "
        'it is neither a file nor a directory."\n'
        'echo "ERROR: Could not find a version that satisfies the requirement nonsense" >&2\n'
        "exit 1\n"
    )
    fake_pip.chmod(0o755)
    monkeypatch.setattr(dev, "PYTHON", fake_pip)

    with pytest.raises(SystemExit) as stopped:
        dev.pip("install", "nonsense")

    out = capsys.readouterr().out
    assert stopped.value.code == 1
    assert "is ignored" not in out
    assert "ERROR: Could not find a version that satisfies the requirement nonsense" in out
