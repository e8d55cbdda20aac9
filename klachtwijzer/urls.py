from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Klachtwijzer administration")
admin.site.site_title = _("Klachtwijzer administration")
admin.site.index_title = _("Reference data and users")

urlpatterns = [
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("", include("klachtwijzer.intake.urls")),
    path("", include("klachtwijzer.letters.urls")),
    path("", include("klachtwijzer.complaints.urls")),
    path("rapportage/", include("klachtwijzer.reporting.urls")),
    path("dashboard/", include("klachtwijzer.reporting.dashboard_urls")),
    path("leren/", include("klachtwijzer.learning.urls")),
]
