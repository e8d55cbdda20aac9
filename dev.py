#!/usr/bin/env python3
"""Set up, start and test Klachtwijzer with nothing but Python 3.11 and the package registries.

python3 dev.py start   # virtual environment, locked dependencies, migrations, demo data, server + worker
python3 dev.py test    # the same set-up, then every check and test (DATABASE_URL picks the database)
python3 dev.py setup   # only the set-up
python3 dev.py lock    # re-resolve requirements.lock from pyproject.toml (needs uv, installed on demand)

ADDRESS (default 127.0.0.1:8000) is where ``start`` serves the product; the links in its e-mails and letters
(SITE_URL) follow it unless SITE_URL is set.
"""

from __future__ import annotations

import os
import re
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
DEFAULT_ADDRESS = "127.0.0.1:8000"
# pip's complaints about package indexes configured on this machine that do not exist: nothing to fix here.
PIP_NOISE = re.compile(r"^WARNING: Location '[^']*' is ignored: it is neither a file nor a directory\.$")


def run(*args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def pip(*args: str | Path) -> None:
    """Run pip, passing on everything it says except the noise in ``PIP_NOISE``; stop when it fails."""
    print("+ pip", " ".join(str(a) for a in args), flush=True)
    command = [str(PYTHON), "-m", "pip", *map(str, args)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if not PIP_NOISE.match(line.rstrip("\n")):
            print(line, end="", flush=True)
    if process.wait() != 0:
        sys.exit(process.returncode)


def klachtwijzer(*args: str, env: dict[str, str] | None = None, check: bool = True) -> int:
    return run(BIN / "klachtwijzer", *args, env=env, check=check)


def setup() -> None:
    """Create the virtual environment and install the locked dependencies (only when they changed)."""
    if sys.version_info[:2] != (3, 11):
        print(f"Klachtwijzer needs Python 3.11; this is {sys.version.split()[0]}.", file=sys.stderr)
        sys.exit(2)
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = LOCK.read_text() + (ROOT / "pyproject.toml").read_text()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print(
            "Installing the locked dependencies into .venv (takes a few minutes the first time; "
            "pip stays quiet meanwhile) ...",
            flush=True,
        )
        pip("install", "--quiet", "--disable-pip-version-check", "--require-hashes", "-r", LOCK)
        print("Installing Klachtwijzer itself into .venv ...", flush=True)
        pip("install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ".")
        STAMP.write_text(wanted)
        print("Dependencies installed.", flush=True)
    (ROOT / "var").mkdir(exist_ok=True)
    klachtwijzer("compile_catalogues", "--quiet")


def site_url(address: str) -> str:
    """The address e-mails and letters link to, for a server started on ``address`` (runserver's syntax).

    ``8123`` and ``127.0.0.1:8123`` give ``http://127.0.0.1:8123``; a server listening on every interface
    (``0.0.0.0:8123``, ``[::]:8123``) is linked as ``localhost``: set SITE_URL for the name others use.
    """
    host, _, port = address.rpartition(":")
    if not host:
        host = "127.0.0.1"
    if host in ("0.0.0.0", "[::]", "::"):
        host = "localhost"
    return f"http://{host}:{port}"


def demo_env(address: str = DEFAULT_ADDRESS) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SITE_URL", site_url(address))
    env.setdefault("DEBUG", "true")
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    env.setdefault("EMAIL_FILE_PATH", str(ROOT / "var" / "mail"))
    return env


def start() -> None:
    setup()
    address = os.environ.get("ADDRESS", DEFAULT_ADDRESS)
    env = demo_env(address)
    print("Bringing the database up to date ...", flush=True)
    klachtwijzer("migrate", "--no-input", env=env)
    print("Loading the demo data (once; about 10 seconds) ...", flush=True)
    klachtwijzer("demo", "--language", "en", env=env)
    # Without reloading, as the server: the reloader polls every file each second, costing CPU for nothing.
    worker = subprocess.Popen([str(BIN / "klachtwijzer"), "worker", "--no-reload"], cwd=ROOT, env=env)
    url = env["SITE_URL"]
    print(f"\nKlachtwijzer runs at {url}/  (the public form: {url}/klacht-indienen/)")
    print(f"Links in e-mails and letters point to {url} (SITE_URL).")
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
    pip("install", "--quiet", "--disable-pip-version-check", "uv")
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
