"""`reverse()` once per process for each address: it costs some 30 µs a call (each candidate
pattern is matched again against its result), and every page names the same addresses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

KEPT = 4096  # addresses per process: the navigation's, and a few pages of dossiers'


def kept_reverse(
    viewname: str,
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """`reverse()`, kept per URL configuration, script prefix, application and arguments."""
    if (
        not isinstance(viewname, str)
        or not all(_plain(arg) for arg in args)
        or (kwargs and not all(_plain(value) for value in kwargs.values()))
    ):
        return reverse(viewname, args=args, kwargs=dict(kwargs or {}) or None, current_app=current_app)
    return _reversed(
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        current_app,
        viewname,
        tuple(args),
        tuple(kwargs.items()) if kwargs else (),
    )


def _plain(value: Any) -> bool:
    """Text or a whole number: all reverse() reads of it is its text, and equal keys mean equal
    text (a template's literals are safe strings, a subclass). Not a bool or an int enum, equal to
    1 or to their value as keys but not as text; a model or a lazy string goes to reverse() too."""
    return isinstance(value, str) or type(value) is int


@lru_cache(maxsize=KEPT)
def _reversed(
    urlconf: str,
    script_prefix: str,  # part of the key; reverse() reads the same prefix from the request's thread
    current_app: str | None,
    viewname: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> str:
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


@receiver(setting_changed)
def _forget_on_new_urls(*, setting: str, **_: Any) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reversed.cache_clear()
