"""Dossier codes (domain-vn.md section 3.3): agency code, date, daily sequence."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import F

from motcua.agencies.models import Agency
from motcua.core.time import local

from .models import DossierSequence

_TOKEN = re.compile(r"\{(agency|yyyy|yy|mm|dd|seq(?::(\d+))?)\}")
# No 0/O, 1/I/L: the secret is read aloud at the counter and typed from paper.
_SECRET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def format_code(pattern: str, *, agency_code: str, day: datetime, seq: int) -> str:
    def token(match: re.Match[str]) -> str:
        name, width = match.group(1), match.group(2)
        if name == "agency":
            return agency_code
        if name == "yyyy":
            return f"{day:%Y}"
        if name == "yy":
            return f"{day:%y}"
        if name == "mm":
            return f"{day:%m}"
        if name == "dd":
            return f"{day:%d}"
        return str(seq).zfill(int(width or 4))

    return _TOKEN.sub(token, pattern)


def next_code(agency: Agency, at: datetime) -> str:
    """Reserve the next number of the agency's day; call inside the transaction that uses it.

    One statement creates the day's counter at 1 or increments it in place (INSERT … ON CONFLICT DO
    UPDATE … RETURNING, on PostgreSQL and SQLite alike), so simultaneous callers queue on the row's
    lock and each gets its own number.
    """
    day = local(at).date()
    if upsert_returns_rows():
        with connection.cursor() as cursor:
            cursor.execute(_NEXT_NUMBER, [agency.pk, connection.ops.adapt_datefield_value(day)])
            (seq,) = cursor.fetchone()
    else:  # SQLite before 3.35 has no RETURNING: create, increment, read
        DossierSequence.objects.bulk_create(
            [DossierSequence(agency=agency, day=day, last=0)], ignore_conflicts=True
        )
        DossierSequence.objects.filter(agency=agency, day=day).update(last=F("last") + 1)
        seq = DossierSequence.objects.filter(agency=agency, day=day).values_list("last", flat=True).get()
    return format_code(settings.MOTCUA_DOSSIER_CODE_PATTERN, agency_code=agency.code, day=local(at), seq=seq)


def upsert_returns_rows() -> bool:
    """PostgreSQL, and SQLite from 3.35, return what an INSERT … ON CONFLICT wrote."""
    return bool(connection.features.can_return_columns_from_insert)


_TABLE = DossierSequence._meta.db_table
_NEXT_NUMBER = (
    f'INSERT INTO "{_TABLE}" ("agency_id", "day", "last") VALUES (%s, %s, 1) '  # noqa: S608 (a constant name)
    f'ON CONFLICT ("agency_id", "day") DO UPDATE SET "last" = "{_TABLE}"."last" + 1 RETURNING "last"'
)


def new_lookup_secret(length: int = 6) -> str:
    return "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(length))


def secrets_match(given: str, stored: str) -> bool:
    return secrets.compare_digest((given or "").strip().upper().encode(), stored.encode())
