"""A real OpenID provider for the single sign-on tests: django-oidc-provider in its own process.

``python -m klachtwijzer.accounts.tests.oidc_provider_site DB USERNAME EMAIL PASSWORD CLIENT_ID SECRET
REDIRECT_URI`` migrates a fresh SQLite database, makes a signing key, the user and the client, binds a free
port on 127.0.0.1 and prints ``READY <port>``; it serves until it is stopped.
"""

import os
import sys

SECRET_KEY = "oidc-provider-for-tests-" + "k" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("OP_DATABASE", ":memory:")}
}
LOGIN_TEMPLATE = (
    '<form method="post">{% csrf_token %}<input name="username"><input name="password" type="password">'
    '<input type="hidden" name="next" value="{{ next }}"><button>Log in</button></form>'
)
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
            "loaders": [
                ("django.template.loaders.locmem.Loader", {"registration/login.html": LOGIN_TEMPLATE}),
                "django.template.loaders.app_directories.Loader",
            ],
        },
    }
]
ROOT_URLCONF = "klachtwijzer.accounts.tests.oidc_provider_urls"
LOGIN_URL = "/login/"
SITE_URL = "http://127.0.0.1"  # set to the bound port before serving
OIDC_USERINFO = f"{__name__}.userinfo"


def userinfo(claims, user):
    claims["email"] = user.email
    claims["preferred_username"] = user.username
    return claims


def main(database, username, email, password, client_id, secret, redirect_uri):
    os.environ["OP_DATABASE"] = database
    os.environ["DJANGO_SETTINGS_MODULE"] = __name__
    import django

    django.setup()
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey", verbosity=0)
    User.objects.create_user(username, email=email, password=password)
    client = Client.objects.create(
        name="Klachtwijzer",
        client_type="confidential",
        client_id=client_id,
        client_secret=secret,
        jwt_alg="RS256",
        require_consent=False,
    )
    client.redirect_uris = [redirect_uri]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    port = server.server_address[1]
    settings.SITE_URL = f"http://127.0.0.1:{port}"
    print("READY", port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:8])
