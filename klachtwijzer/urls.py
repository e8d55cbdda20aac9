from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from two_factor import views as tf

from klachtwijzer.accounts import oidc
from klachtwijzer.accounts import views as accounts_views

admin.site.site_header = _("Klachtwijzer administration")
admin.site.site_title = _("Klachtwijzer administration")
admin.site.index_title = _("Reference data and users")

# Logging in is one wizard: password, then the code from the app (or a recovery code). The setup and the
# recovery codes keep django-two-factor-auth's names under its namespace; its templates use them.
login_view = login_not_required(accounts_views.LoginView.as_view())
two_factor_patterns = [
    path("inloggen/", login_view, name="login"),
    path("tweestapsverificatie/", tf.ProfileView.as_view(), name="profile"),
    path("tweestapsverificatie/instellen/", tf.SetupView.as_view(), name="setup"),
    path("tweestapsverificatie/qr-code/", tf.QRGeneratorView.as_view(), name="qr"),
    path("tweestapsverificatie/klaar/", tf.SetupCompleteView.as_view(), name="setup_complete"),
    path(
        "tweestapsverificatie/herstelcodes/",
        tf.BackupTokensView.as_view(),
        name="backup_tokens",
    ),
    path("tweestapsverificatie/uitzetten/", tf.DisableView.as_view(), name="disable"),
]

# Single sign-on (accounts/oidc.py); both views answer 404 while OIDC_RP_CLIENT_ID is not set.
oidc_patterns = [
    path(
        "inloggen/",
        login_not_required(oidc.AuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "terug/",
        login_not_required(oidc.AuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]

urlpatterns = [
    path("inloggen/", login_view, name="login"),
    path("", include((two_factor_patterns, "two_factor"))),
    path("sso/", include(oidc_patterns)),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    # The admin's own login would skip the second factor: everyone logs in on /inloggen/.
    path("beheer/login/", login_not_required(RedirectView.as_view(url="/inloggen/", query_string=True))),
    path("beheer/", admin.site.urls),
    path("", include("klachtwijzer.intake.urls")),
    path("", include("klachtwijzer.satisfaction.urls")),
    path("", include("klachtwijzer.letters.urls")),
    path("", include("klachtwijzer.complaints.urls")),
    path("rapportage/", include("klachtwijzer.reporting.urls")),
    path("dashboard/", include("klachtwijzer.reporting.dashboard_urls")),
    path("leren/", include("klachtwijzer.learning.urls")),
    path("meldingen/", include("klachtwijzer.notifications.urls")),
    path("ombudsman/", include("klachtwijzer.ombudsman.urls")),
    path("partners/", include("klachtwijzer.partners.urls")),
]
