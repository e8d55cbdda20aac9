"""Render Django form fields as NL Design System (Utrecht) form fields, accessibly (WCAG 2.1 AA).

Used by ``templates/partials/form_field.html`` and ``partials/error_summary.html``: each control gets
the Utrecht classes, ``aria-invalid`` when it has an error, and ``aria-describedby`` pointing at its
hint and its error message, so a screen reader reads both when the control gets focus.
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

CONTROL_CLASSES = {
    "text": "utrecht-textbox utrecht-textbox--html-input",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "file": "kw-file",
    "choices": "",
}
INVALID_CLASSES = {
    "text": "utrecht-textbox--invalid",
    "textarea": "utrecht-textarea--invalid",
    "select": "utrecht-select--invalid",
}


@register.filter
def kw_kind(field: BoundField) -> str:
    """What kind of control a field has: text, textarea, select, checkbox, file or choices."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "text"


def described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_hint")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def kw_describedby(field: BoundField) -> str:
    return described_by(field)


@register.filter
def kw_anchor(field: BoundField) -> str:
    """The id the error summary links to: the control itself, or its fieldset for radio buttons."""
    return field.id_for_label or f"{field.auto_id}_fieldset"


@register.filter
def kw_control(field: BoundField) -> SafeString:
    """The field's widget with the Utrecht classes and the ARIA attributes for its hint and errors."""
    kind = kw_kind(field)
    existing = field.field.widget.attrs.get("class", "")
    classes = [existing, CONTROL_CLASSES[kind]]
    attrs: dict[str, str | bool] = {}
    if field.errors:
        classes.append(INVALID_CLASSES.get(kind, ""))
        attrs["aria-invalid"] = "true"
    describedby = described_by(field)
    if describedby and kind != "choices":
        attrs["aria-describedby"] = describedby
    attrs["class"] = " ".join(c for c in classes if c)
    return field.as_widget(attrs=attrs)
