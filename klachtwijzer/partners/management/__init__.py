"""Management commands of the partners app: import-partner-figures."""
