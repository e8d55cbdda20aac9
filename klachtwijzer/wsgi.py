import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klachtwijzer.settings")
application = get_wsgi_application()

from klachtwijzer.accounts.security import require_own_secret_key  # noqa: E402  (needs the settings)

require_own_secret_key()
