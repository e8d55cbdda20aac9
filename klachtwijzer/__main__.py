"""The ``klachtwijzer`` console command: every Django management command under one name.

Both spellings work: ``klachtwijzer import-register`` and ``klachtwijzer import_register``.
"""

import os
import sys

# The processes that serve residents and staff; they refuse to start on the demo secret key.
SERVING_COMMANDS = {"runserver", "db_worker"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klachtwijzer.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "klachtwijzer"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 1 and argv[1] in SERVING_COMMANDS:
        import django

        django.setup()
        from django.core.exceptions import ImproperlyConfigured

        from klachtwijzer.accounts.security import require_own_secret_key

        try:
            require_own_secret_key()
        except ImproperlyConfigured as error:
            sys.exit(f"klachtwijzer {argv[1]}: {error}")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
