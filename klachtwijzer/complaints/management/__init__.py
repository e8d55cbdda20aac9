"""Management commands of the complaints app: import-register, export-register and demo."""

import getpass
import os


def os_user() -> str:
    """The operating-system account running a command: it stands in for the user in logs and history."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"
