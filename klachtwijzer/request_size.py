"""Refuse a request body larger than any form accepts, before a byte of it is read.

Django reads an upload in chunks and keeps small files in memory (``FILE_UPLOAD_MAX_MEMORY_SIZE``)
and the other fields up to ``DATA_UPLOAD_MAX_MEMORY_SIZE``; without a ceiling on the whole body it would
still stream any amount to disk. The largest honest request is a complaint with ``MAX_FILES``
attachments of ``MAX_SIZE`` each (``complaints.attachments``) plus its text: ``REQUEST_MAX_SIZE``. A
request that announces more (``Content-Length``) gets *413 Payload Too Large* with a Dutch page, and
its body is never parsed. The web server in front should refuse it even earlier (``client_max_body_size``
in nginx, see docs/deployment.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_SIZE:
            return render(
                request,
                "413.html",
                {"max_size": filesizeformat(settings.REQUEST_MAX_SIZE)},
                status=413,
            )
        return self.get_response(request)
