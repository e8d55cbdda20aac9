"""Database expressions the figures need that Django has no portable form for.

Each has a PostgreSQL form (the production database) and a SQLite form (the embedded demo and the
tests), so every figure is an aggregate computed in the database on both.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Aggregate, F, FloatField, Func, IntegerField, Value


class YearOf(Func):
    """The calendar year of a date column, as an integer."""

    output_field = IntegerField()
    template = "EXTRACT(YEAR FROM %(expressions)s)"

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # strftime is native; Django's ExtractYear would call a Python function for every row.
        year = Func(Value("%Y"), *self.get_source_expressions(), function="strftime")
        return Func(year, template="CAST(%(expressions)s AS integer)").as_sql(compiler, connection)


class MonthOf(Func):
    """The month of a date column as the integer YYYYMM (202403), NULL for no date."""

    output_field = IntegerField()
    template = (
        "CAST(EXTRACT(YEAR FROM %(expressions)s) * 100 + EXTRACT(MONTH FROM %(expressions)s) AS integer)"
    )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        month = Func(Value("%Y%m"), *self.get_source_expressions(), function="strftime")
        return Func(month, template="CAST(%(expressions)s AS integer)").as_sql(compiler, connection)


class DaysToClose(Func):
    """Whole days from receipt to closure (NULL while open): closed_on - received_on."""

    output_field = IntegerField()

    def __init__(self, closed: str = "closed_on", received: str = "received_on", **extra: Any) -> None:
        super().__init__(F(closed), F(received), **extra)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        # PostgreSQL: the difference of two dates is an integer number of days.
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS integer)",
            arg_joiner=") - julianday(",
        )


class Median(Aggregate):
    """The median (the 50th percentile, interpolated) of an expression: PostgreSQL only.

    On SQLite the figures module counts a histogram of the values instead (see ``figures``).
    """

    function = "PERCENTILE_CONT"
    name = "Median"
    output_field = FloatField()
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False
