from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/home.html")


def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return render(request, "complaints/home.html")
