"""The signature block and the contact person under every letter (Awb 9:12).

A letter is signed on behalf of the governing body (``Municipality.signed_on_behalf_of``, by default
"namens het college van burgemeester en wethouders") by the signatory named in the municipality's record
(name and function), and names the handler of the complaint as contact person (name, phone, e-mail). The
PDF (``letter_pdf.html``), the Word document (``docx_letter.py``) and the e-mail text all print the same
block, kept on one page with the letter's last paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality

from .context import sender_email


@dataclass(frozen=True)
class Signature:
    closing: str
    signed_lines: list[str]
    contact_heading: str
    contact_lines: list[str]

    def as_text(self) -> str:
        return "\n\n".join(
            [
                self.closing,
                "\n".join(self.signed_lines),
                "\n".join([self.contact_heading, *self.contact_lines]),
            ]
        )


def signature(letter: Any, municipality: Municipality) -> Signature:
    """The block for ``letter``: who signs on whose behalf, and whom the recipient can contact."""
    signed = [municipality.signed_on_behalf_of, municipality.name]
    signed += [line for line in (municipality.signatory_name, municipality.signatory_function) if line]
    handler = letter.complaint.handler
    if handler is not None:
        contact = [
            str(handler),
            _("Phone: %(phone)s") % {"phone": handler.phone or municipality.phone}
            if handler.phone or municipality.phone
            else "",
            _("E-mail: %(email)s") % {"email": handler.email or sender_email(municipality)}
            if handler.email or sender_email(municipality)
            else "",
        ]
    else:
        contact = [
            municipality.name,
            _("Phone: %(phone)s") % {"phone": municipality.phone} if municipality.phone else "",
            _("E-mail: %(email)s") % {"email": sender_email(municipality)}
            if sender_email(municipality)
            else "",
        ]
    return Signature(
        closing=_("Kind regards,"),
        signed_lines=signed,
        contact_heading=_("Questions about this letter? Please contact:"),
        contact_lines=[line for line in contact if line],
    )
