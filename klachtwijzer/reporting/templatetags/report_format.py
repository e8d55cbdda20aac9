"""Template filters for figures in Dutch notation; the rules are in ``reporting.formatting``."""

from django import template

from klachtwijzer.reporting import formatting

register = template.Library()


@register.filter
def nl_number(value: float | None) -> str:
    """1052 → 1.052"""
    return formatting.number(value)


@register.filter
def nl_percent(value: float | None, decimals: int | str = 1) -> str:
    """69.0 → 69,0%"""
    return formatting.percent(value, int(decimals))


@register.filter
def nl_days(value: float | None) -> str:
    """21.5 → 21,5"""
    return formatting.days(value)
