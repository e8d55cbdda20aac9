"""Production-like settings pass Django's deployment checks; the console command takes dashed names."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_klachtwijzer(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "klachtwijzer", *args],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_klachtwijzer(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECURE_SSL="true",
        ALLOWED_HOSTS="klachten.example.nl",
        SECRET_KEY="production-like-" + "Zr8!kq2#" * 6,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_with_the_demo_secret_key():
    result = run_klachtwijzer(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="false", SECURE_SSL="true"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_dashed_command_names_work():
    result = run_klachtwijzer("compile-catalogues", "--quiet")
    assert result.returncode == 0, result.stderr


def test_the_web_server_refuses_to_start_without_its_own_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "klachtwijzer", "runserver", "127.0.0.1:8107", "--noreload"],
        cwd=ROOT,
        env={**env, "DEBUG": "false"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "needs its own secret key: set the environment variable SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
