#!/usr/bin/env python3
"""Benchmark: submissions of the public complaint form per second, with gunicorn and PostgreSQL.

    .venv/bin/python bench/public_form.py [--workers 4] [--clients 16] [--seconds 20]

Creates the database ``klachtwijzer_form_bench`` (dropped afterwards), migrates it, starts gunicorn as
production runs it (``DEBUG=false``, the rate limit raised out of the way, the cache in the database so
the rate limit is shared between the workers as in production), and lets ``--clients`` threads post the
form as fast as it answers: each first loads the form for its CSRF token, then posts the complete form
(no attachment) again and again for ``--seconds``. The load generator runs on the same two cores as the
server and the database, so the figure is a lower bound. Afterwards it checks that every answer was the
redirect to the confirmation and that the references form a gapless sequence. Figures:
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import report_figures  # noqa: E402

NAME = "klachtwijzer_form_bench"
PORT = 8191
FORM = {
    "name": "Jan de Vries",
    "address": "Dorpsstraat 1",
    "postcode": "1234AB",
    "city": "Teststad",
    "email": "jan@example.nl",
    "phone": "06 12345678",
    "description": "Ik werd aan de balie onvriendelijk te woord gestaan.",
    "desired_outcome": "Excuses.",
}


GAPLESS = (
    "from klachtwijzer.complaints.models import Complaint as C; "
    "n = sorted(int(r.rsplit('-', 1)[1]) for r in C.objects.values_list('reference', flat=True)); "
    "print(len(n), n == list(range(1, len(n) + 1)))"
)


def client_loop(deadline: float, results: list[int], number: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    address = {"X-Forwarded-For": f"198.51.100.{number + 1}"}
    connection.request("GET", "/klacht-indienen/", headers=address)
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the form"
    body = urllib.parse.urlencode({**FORM, "csrfmiddlewaretoken": token.group(1)})
    headers = {
        **address,
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://127.0.0.1:{PORT}/klacht-indienen/",
    }
    while time.monotonic() < deadline:
        connection.request("POST", "/klacht-indienen/", body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        results.append(answer.status)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    database_url = report_figures.create_database(args.database_url, NAME)
    report_figures.setup_django(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "k7#Qz!" * 8,
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "BEHIND_PROXY": "true",
        "INTAKE_SUBMISSIONS_PER_HOUR": "1000000",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    bin_dir = Path(sys.executable).parent
    try:
        subprocess.run([bin_dir / "klachtwijzer", "migrate", "--verbosity", "0"], env=env, check=True)
        subprocess.run([bin_dir / "klachtwijzer", "createcachetable"], env=env, check=True)
        server = subprocess.Popen(
            [
                *(bin_dir / "gunicorn", "klachtwijzer.wsgi", "--bind", f"127.0.0.1:{PORT}"),
                *("--workers", str(args.workers), "--log-level", "warning"),
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            for _attempt in range(100):
                try:
                    probe = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
                    probe.request("GET", "/klacht-indienen/")
                    break
                except OSError:
                    time.sleep(0.2)
            results: list[int] = []
            started = time.monotonic()
            deadline = started + args.seconds
            threads = [
                threading.Thread(target=client_loop, args=(deadline, results, n)) for n in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        finally:
            server.terminate()
            server.wait()
        check = subprocess.run(
            [bin_dir / "klachtwijzer", "shell", "--no-imports", "-c", GAPLESS],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        redirects = results.count(302)
        print(
            f"{len(results)} submissions in {elapsed:.1f} s: {len(results) / elapsed:.1f} per second "
            f"({args.workers} gunicorn workers, {args.clients} clients); {redirects} answered with the "
            f"confirmation; {check[0]} complaints stored, references gapless: {check[1]}"
        )
        print(f"load average (1, 5, 15 min): {load}")
    finally:
        report_figures.drop_database(args.database_url, NAME)


if __name__ == "__main__":
    main()
