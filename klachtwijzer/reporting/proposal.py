"""The college proposal (collegevoorstel) to adopt the yearly complaints report, as an editable DOCX.

The sections follow the proposal with which Haarlem's college adopted its report (Inleiding,
Besluitpunten, Beoogd resultaat, Argumenten, Risico's en kanttekeningen, Uitvoering, Bijlage); the
report itself follows as the appendix. The key figures and the risks are written from the figures;
the fields a municipality fills in itself (portfolio holder, date of the meeting) are left open.

Its legal basis is the municipality's complaints regulation (klachtenregeling), the article named in
``Municipality.regulation_article``; Awb 9:12a is about the register, not about this report. Besides the
key figures, the arguments give Haarlem's two: the improvements of the way of working (the improvement
actions of the year from the learning module: done and still open) and the Nationale ombudsman (petitions,
judgements and recommendations from the ombudsman app), both from the version's frozen figures. A proposal
is built only from a finalised report version: the college adopts what cannot change any more.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.shared import Cm

from klachtwijzer.accounts.models import Municipality
from klachtwijzer.ombudsman.models import Verdict

from . import formatting, narrative
from .adoption import ReportError
from .contents import ReportDocument
from .disclosure import Disclosure
from .docx_writer import add_report, new_document, save

OPEN_FIELD = "…"


def write_proposal(document: ReportDocument, figures: dict[str, Any]) -> bytes:
    """The college proposal for ``document``, a finalised version, with the report appended."""
    if document.version is None:
        raise ReportError(
            _("Finalise the report first: the college proposal is made from a finalised version only."),
            code="not_finalised",
        )
    title = _("College proposal: adoption of the complaints report %(year)s") % {"year": document.year}
    doc = new_document(title=title, author=document.municipality, colour=document.colour)
    doc.add_paragraph(document.municipality).runs[0].bold = True
    doc.add_paragraph(title, style="Title")
    _meta(doc, document)
    disclosure = Disclosure.for_figures(figures, published=True, threshold=document.threshold)
    for heading, write in (
        (_("1. Introduction"), _introduction),
        (_("2. Decisions of the college"), _decisions),
        (_("3. Intended result"), _result),
        (_("4. Arguments"), _arguments),
        (_("5. Risks and caveats"), _risks),
        (_("6. Implementation"), _implementation),
        (_("7. Appendix"), _appendix_list),
    ):
        doc.add_heading(heading, level=1)
        write(doc, document, figures, disclosure)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(_("Appendix: %(title)s") % {"title": document.title}, level=1)
    doc.add_paragraph(document.status)
    add_report(doc, document, level=2)
    return save(doc)


def _meta(doc: WordDocument, document: ReportDocument) -> None:
    rows = [
        (_("Subject"), _("Adoption of the complaints report %(year)s") % {"year": document.year}),
        (_("Portfolio holder"), OPEN_FIELD),
        (_("Meeting of the college"), OPEN_FIELD),
        (_("Prepared by"), _("the complaints coordinator")),
        (_("Report"), document.status),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(str(label)).bold = True
        cells[1].text = str(value)
    doc.add_paragraph()


def _numbered(doc: WordDocument, items: list[str]) -> None:
    """A numbered list that starts at 1 (Word's list numbering would run on from the previous list)."""
    for number, item in enumerate(items, start=1):
        paragraph = doc.add_paragraph(f"{number}.\t{item}", style="List Paragraph")
        paragraph.paragraph_format.left_indent = Cm(0.9)
        paragraph.paragraph_format.first_line_indent = Cm(-0.6)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))


def _introduction(
    doc: WordDocument, document: ReportDocument, figures: dict[str, Any], disclosure: Disclosure
) -> None:
    doc.add_paragraph(
        _(
            "Under %(basis)s, the complaints coordinator reports every year to the college of mayor and "
            "aldermen on the number of complaints, their nature and how they were dealt with. The college "
            "adopts this report and sends it to the municipal council for information."
        )
        % {"basis": legal_basis()}
    )
    doc.add_paragraph(
        _(
            "The report covers complaints in the sense of chapter 9 of the Awb, and also gives insight into "
            "the other kinds of complaints, which are registered because the organisation learns from them."
        )
    )


def _decisions(
    doc: WordDocument, document: ReportDocument, figures: dict[str, Any], disclosure: Disclosure
) -> None:
    doc.add_paragraph(_("The college decides:"))
    year = {"year": document.year}
    _numbered(
        doc,
        [
            _("to adopt the complaints report %(year)s;") % year,
            _("to send the complaints report %(year)s to the municipal council for information;") % year,
            _(
                "to publish the report and the anonymous complaints register %(year)s on the municipality's "
                "website."
            )
            % year,
        ],
    )


def _result(
    doc: WordDocument, document: ReportDocument, figures: dict[str, Any], disclosure: Disclosure
) -> None:
    doc.add_paragraph(
        _(
            "The intended result is insight for the municipal government into the nature and extent of the "
            "complaints and how they were dealt with. The conclusions lead to a better complaints procedure, "
            "better handling of complaints and better services to the residents."
        )
    )


def _arguments(
    doc: WordDocument, document: ReportDocument, figures: dict[str, Any], disclosure: Disclosure
) -> None:
    doc.add_paragraph(_("The report is presented for adoption in order to:"))
    _numbered(
        doc,
        [
            _("carry out %(basis)s;") % {"basis": legal_basis()},
            _(
                "give the mayor, the college and the council insight into the nature and extent of "
                "complaints;"
            ),
            _("use what complaints teach to improve the municipality's services;"),
            _("improve the accessibility and quality of complaint handling, the partners' included."),
        ],
    )
    doc.add_paragraph(_("The key figures:"))
    for paragraph in narrative.summary(figures, disclosure):
        doc.add_paragraph(paragraph)
    doc.add_paragraph(_("Improvements of the way of working")).runs[0].bold = True
    doc.add_paragraph(improvements_argument(figures, disclosure))
    doc.add_paragraph(_("The Nationale ombudsman")).runs[0].bold = True
    doc.add_paragraph(ombudsman_argument(figures, disclosure))


def legal_basis() -> str:
    """The article of the complaints regulation the report is made under, or the regulation itself."""
    article = Municipality.current().regulation_article.strip()
    if article:
        return _("%(article)s of the municipality's complaints regulation") % {"article": article}
    return _("the municipality's complaints regulation")


def improvements_argument(figures: dict[str, Any], disclosure: Disclosure) -> str:
    """Haarlem's argument on the way of working: the year's improvement actions, done and still open."""
    actions = figures.get("learning", {}).get("actions", {})
    done = int(actions.get("done", 0))
    still_open = int(actions.get("open", 0)) + int(actions.get("in_progress", 0))
    if not done and not still_open:
        return _("No improvement actions were agreed on the complaints of this year.")
    return _(
        "Complaints teach the organisation where its way of working can improve. Of the improvement actions "
        "agreed on the complaints of this year, %(done)s have been carried out and %(open)s are still open; "
        "the report lists them."
    ) % {"done": disclosure.count_in_text(done), "open": disclosure.count_in_text(still_open)}


def ombudsman_argument(figures: dict[str, Any], disclosure: Disclosure) -> str:
    """Haarlem's argument on the Nationale ombudsman: petitions, judgements and recommendations."""
    ombudsman = figures.get("ombudsman", {})
    petitions = int(ombudsman.get("petitions", 0))
    if not petitions:
        return _(
            "After the handling of a complaint of this year, nobody asked the Nationale ombudsman to look "
            "into it."
        )
    judgements = ombudsman.get("judgements", {})
    recommendations = ombudsman.get("recommendations", {})
    return _(
        "After the municipality's handling, %(petitions)s complainants asked the Nationale ombudsman to "
        "look into their complaint. The ombudsman found %(proper)s times that the municipality had acted "
        "properly and %(improper)s times that it had not. The ombudsman made %(received)s recommendations; "
        "the municipality followed %(followed)s of them."
    ) % {
        "petitions": disclosure.count_in_text(petitions),
        "proper": disclosure.count_in_text(int(judgements.get(Verdict.PROPER.value, 0))),
        "improper": disclosure.count_in_text(int(judgements.get(Verdict.IMPROPER.value, 0))),
        "received": disclosure.count_in_text(int(recommendations.get("received", 0))),
        "followed": disclosure.count_in_text(int(recommendations.get("followed", 0))),
    }


def _risks(
    doc: WordDocument, document: ReportDocument, figures: dict[str, Any], disclosure: Disclosure
) -> None:
    risks = []
    late = figures["within_legal_term_pct"]
    year = figures["year"]
    hidden = disclosure.hides_share((year, "within_legal_term"), (year, "closed"), figures["closed"])
    if late is not None and late < 100 and not hidden:
        risks.append(
            _("%(pct)s of the complaints dealt with were not dealt with within the legal term that applied.")
            % {"pct": formatting.percent(100 - late, 0)}
        )
    if figures["open"]:
        risks.append(
            _("%(still_open)s They count as open in this report.")
            % {"still_open": narrative.still_open(figures, disclosure)}
        )
    for risk in risks or [_("Not applicable.")]:
        doc.add_paragraph(risk)


def _implementation(
    doc: WordDocument, document: ReportDocument, figures: dict[str, Any], disclosure: Disclosure
) -> None:
    doc.add_paragraph(
        _(
            "After adoption the report is sent to the municipal council for information and published on the "
            "municipality's website with the anonymous complaints register (open data, CSV and JSON). "
            "Numbers "
            "smaller than %(threshold)s are not shown in them, so that no one can be recognised."
        )
        % {"threshold": document.threshold}
    )


def _appendix_list(
    doc: WordDocument, document: ReportDocument, figures: dict[str, Any], disclosure: Disclosure
) -> None:
    doc.add_paragraph(document.title, style="List Bullet")
