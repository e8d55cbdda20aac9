#!/usr/bin/env python3
"""Set up, start and test Klachtwijzer with nothing but Python 3.11 and the package registries.

python3 dev.py start   # virtual environment, locked dependencies, migrations, demo data, server + worker
python3 dev.py test    # the same set-up, then every check and test (DATABASE_URL picks the database)
python3 dev.py setup   # only the set-up
python3 dev.py lock    # re-resolve requirements.lock from pyproject.toml (needs uv, installed on demand)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PYTHON = BIN / "python"
STAMP = VENV / ".requirements-installed"
LOCK = ROOT / "requirements.lock"


def run(*args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def klachtwijzer(*args: str, env: dict[str, str] | None = None, check: bool = True) -> int:
    return run(BIN / "klachtwijzer", *args, env=env, check=check)


def setup() -> None:
    """Create the virtual environment and install the locked dependencies (only when they changed)."""
    if sys.version_info[:2] != (3, 11):
        print(f"Klachtwijzer needs Python 3.11; this is {sys.version.split()[0]}.", file=sys.stderr)
        sys.exit(2)
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = LOCK.read_text() + (ROOT / "pyproject.toml").read_text()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        run(
            PYTHON,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "-r",
            LOCK,
        )
        run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ".")
        STAMP.write_text(wanted)
    (ROOT / "var").mkdir(exist_ok=True)
    klachtwijzer("compile_catalogues", "--quiet")


def demo_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    env.setdefault("EMAIL_FILE_PATH", str(ROOT / "var" / "mail"))
    return env


def start() -> None:
    setup()
    env = demo_env()
    klachtwijzer("migrate", "--no-input", env=env)
    klachtwijzer("demo", env=env)
    address = os.environ.get("ADDRESS", "127.0.0.1:8000")
    worker = subprocess.Popen([str(BIN / "klachtwijzer"), "db_worker"], cwd=ROOT, env=env)
    print(f"\nKlachtwijzer runs at http://{address}/  (the public form: http://{address}/klacht-indienen/)")
    print(f"E-mails are written to {env['EMAIL_FILE_PATH']}. Stop with Ctrl+C.\n", flush=True)
    try:
        klachtwijzer("runserver", address, "--noreload", env=env, check=False)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=10)


def install_system_packages() -> None:
    """Debian's Chromium for the browser tests, when this machine may install it (CI runs as root)."""
    if shutil.which("chromium") or not shutil.which("apt-get") or os.geteuid() != 0:
        return
    run("apt-get", "update", "-qq", check=False)
    run(
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        "chromium",
        "fonts-dejavu-core",
        "poppler-utils",
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        check=False,
    )


def test(pytest_args: list[str]) -> None:
    setup()
    install_system_packages()
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy", "klachtwijzer")
    run(PYTHON, "-m", "klachtwijzer.docs_check")
    klachtwijzer("makemigrations", "--check", "--dry-run")
    klachtwijzer("check_catalogues")
    deploy_env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE_SSL": "true",
        "ALLOWED_HOSTS": "klachten.example.nl",
        "SECRET_KEY": "a-production-like-secret-key-" + "k7#Qz!" * 8,
    }
    klachtwijzer("check", "--deploy", "--fail-level", "WARNING", env=deploy_env)
    code = run(BIN / "pytest", *pytest_args, check=False)
    sys.exit(code)


def lock() -> None:
    setup()
    run(PYTHON, "-m", "pip", "install", "--quiet", "uv")
    run(
        BIN / "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--group",
        "dev",
        "--generate-hashes",
        "--python-version",
        "3.11",
        "--universal",
        "--no-header",
        "-o",
        LOCK,
    )


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    if command == "start":
        start()
    elif command == "test":
        test(sys.argv[2:])
    elif command == "setup":
        setup()
    elif command == "lock":
        lock()
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
