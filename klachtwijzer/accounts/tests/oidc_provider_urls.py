"""The test OpenID provider's pages (``oidc_provider_site``): its login form and django-oidc-provider."""

from django.contrib.auth.views import LoginView
from django.urls import include, path

urlpatterns = [
    path("login/", LoginView.as_view()),
    path("", include("oidc_provider.urls", namespace="oidc_provider")),
]
