from django.http import HttpRequest

from .models import Municipality


def municipality(request: HttpRequest) -> dict[str, object]:
    """The municipality's name and colours for every page (one query, cached per request)."""
    if not hasattr(request, "_municipality"):
        request._municipality = Municipality.current()  # type: ignore[attr-defined]
    return {"municipality": request._municipality}  # type: ignore[attr-defined]
