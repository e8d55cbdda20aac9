"""What the end-to-end tests share besides fixtures: reading e-mail, the worker, logging in, screenshots
for the guides and the accessibility check (axe-core, bundled with ``axe-playwright-python``: no network).
"""

from __future__ import annotations

import email.policy
import io
import os
import signal
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "docs" / "img"
TAKE_SCREENSHOTS = os.environ.get("KLACHTWIJZER_SCREENSHOTS") == "1"
PASSWORD = "e2e-wachtwoord-Qx7!"
VIEWPORT = {"width": 1280, "height": 900}
SERIOUS = ("serious", "critical")


@dataclass
class Mailbox:
    """What the SMTP server received."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # the hook name aiosmtpd calls
        with self.lock:
            message = message_from_bytes(envelope.content, policy=email.policy.default)
            message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in m["X-Envelope-To"]]


def text_of(message: EmailMessage) -> str:
    """The plain-text body of a received e-mail, whitespace collapsed."""
    body = message.get_body(preferencelist=("plain",))
    assert body is not None, f"no text in the e-mail {message['Subject']!r}"
    return " ".join(body.get_content().split())


def pdfs_of(message: EmailMessage) -> dict[str, str]:
    """The PDF attachments of a received e-mail: file name → their text, whitespace collapsed."""
    from pypdf import PdfReader

    found = {}
    for part in message.iter_attachments():
        if part.get_content_type() == "application/pdf":
            reader = PdfReader(io.BytesIO(part.get_content()))
            text = " ".join(page.extract_text() for page in reader.pages)
            found[part.get_filename() or ""] = " ".join(text.split())
    return found


def run_tasks() -> None:
    """Run every queued background task, as the worker (``klachtwijzer db_worker``) does."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", "--batch", "--interval", "0", "--no-startup-delay", "--no-reload", verbosity=0
        )
    finally:  # the worker installs its own signal handlers; pytest's come back
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def log_in(page, site: str, username: str, password: str = PASSWORD) -> None:
    """Log in on /inloggen/ as a member of staff does, and land on 'Mijn werk'."""
    from playwright.sync_api import expect

    page.goto(f"{site}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    code = page.get_by_label("Code", exact=True)
    # Wait for the next page (the code step, or 'Mijn werk' without a second factor): count() does not wait,
    # and on a loaded machine it once looked before the code step had arrived.
    expect(code.or_(page.get_by_role("heading", level=1, name="Mijn werk"))).to_be_visible()
    if code.count():  # the second factor: the code the user's authenticator app shows now
        from klachtwijzer.accounts.demo_devices import demo_code

        code.fill(demo_code(username))
        page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")


def screenshot(
    page, name: str, *, full_page: bool = False, height: int | None = None, at: str | None = None
) -> None:
    """Save ``docs/img/<name>.png`` for the guides, only when KLACHTWIJZER_SCREENSHOTS=1.

    The top of the page in a window 1280 pixels wide, or from the element ``at`` (a CSS selector) down;
    ``height`` makes the window taller for this one picture, ``full_page`` takes the whole page. Nothing
    has the keyboard focus, so no focus ring shows.
    """
    if not TAKE_SCREENSHOTS:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    if height:
        page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    if at:
        page.locator(at).evaluate("element => window.scrollBy(0, element.getBoundingClientRect().top - 16)")
    picture = page.screenshot(full_page=full_page, animations="disabled", caret="hide")
    save_small(picture, SCREENSHOTS / f"{name}.png")
    if height:
        page.set_viewport_size(VIEWPORT)


def save_small(png: bytes, path: Path) -> None:
    """Store a screenshot in 256 colours: a page of text looks the same at well under half the size."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as picture:
        small = picture.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        small.save(path, optimize=True)


def serious_violations(page) -> list[dict]:
    """axe-core's violations of impact 'serious' or 'critical' on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in SERIOUS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append("      " + " ".join(node.get("failureSummary", "").split()))
    return "\n".join(lines)


def assert_accessible(page, what: str) -> None:
    """No serious or critical axe-core violation on the page; the failure lists them all."""
    violations = serious_violations(page)
    assert not violations, f"{what} ({page.url}):\n{describe_violations(violations)}"


def screenshot_of(page, url: str, name: str) -> None:
    """Save a screenshot of the page at ``url`` (a step's own page) and come back, only when enabled."""
    if not TAKE_SCREENSHOTS:
        return
    here = page.url
    page.goto(url)
    screenshot(page, name)
    page.goto(here)
