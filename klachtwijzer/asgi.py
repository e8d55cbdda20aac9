import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klachtwijzer.settings")
application = get_asgi_application()

from klachtwijzer.accounts.security import require_own_secret_key  # noqa: E402  (needs the settings)

require_own_secret_key()
