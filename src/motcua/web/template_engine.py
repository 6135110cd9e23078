"""Django's template engine, with `{% url %}` and `{% translate "literal" %}` that keep what they
compute per process (settings: TEMPLATES' BACKEND).

A back-office page has some sixty `{% translate %}` and twenty `{% url %}` tags. Django's translate
node makes a lazy string and looks it up in every catalogue at each render (some 25 µs a tag), and
`reverse()` matches each candidate pattern again against its result (some 30 µs). A literal's
translation depends only on the active catalogue, an address only on its arguments, the URL
configuration and the script prefix: kept, a tag costs a dictionary look-up.

The tags are Django's own, parsed by Django; only their render is changed. They replace Django's in
this engine (the `i18n` library, and the `url` built-in), so templates load and write them as usual.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.backends import django as django_backend
from django.template.base import Parser, Token
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.templatetags import i18n as django_i18n
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape
from django.utils.translation import trans_real

from motcua.core.urls import kept_reverse


class DjangoTemplates(django_backend.DjangoTemplates):
    """Django's backend, whose engine gets the kept `{% url %}` and `i18n` library."""

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.engine.template_builtins.append(kept_builtins)  # after Django's own built-ins: this `url` wins
        self.engine.template_libraries["i18n"] = kept_i18n


# --- {% translate %} ---------------------------------------------------------------------------------

kept_i18n = template.Library()
kept_i18n.tags.update(django_i18n.register.tags)
kept_i18n.filters.update(django_i18n.register.filters)


def _active_catalogue() -> object:
    """What `gettext` reads now: the thread's translation, else the default one.

    Django's own, not `get_language()`: with translations off (`deactivate_all`, as `migrate` runs)
    that still says "vi" while nothing is translated. A catalogue reloaded under the development
    server is a new object, so nothing kept from the old one is used again.
    """
    active = getattr(trans_real._active, "value", None)
    return active if active is not None else trans_real._default


class KeptTranslateNode(django_i18n.TranslateNode):
    def __init__(self, node: django_i18n.TranslateNode) -> None:
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        # Only a plain literal: a variable, a filter, a context or `noop` renders as Django does.
        plain = not (node.noop or node.message_context or node.filter_expression.filters)
        self.kept: dict[tuple[object, bool], str] | None = (
            {} if plain and node.filter_expression.var.literal is not None else None
        )

    def render(self, context: template.Context) -> str:
        catalogue = _active_catalogue()
        if self.kept is None or not isinstance(catalogue, trans_real.DjangoTranslation):
            return super().render(context)
        key = (catalogue, context.autoescape)
        value = self.kept.get(key)
        if value is None:
            value = super().render(context)
            if self.asvar:
                value = context[self.asvar]  # where Django's render put it
            self.kept[key] = value
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@kept_i18n.tag("translate")
@kept_i18n.tag("trans")
def translate(parser: Parser, token: Token) -> KeptTranslateNode:
    """Django's `{% translate %}`, parsed by Django."""
    return KeptTranslateNode(django_i18n.do_translate(parser, token))


# --- {% url %} ---------------------------------------------------------------------------------------

kept_builtins = template.Library()


class KeptURLNode(URLNode):
    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        url = ""
        try:
            url = kept_reverse(view_name, args=args, kwargs=kwargs, current_app=_current_app(context))
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def _current_app(context: template.Context) -> str | None:
    """As Django's node: the request's application, else the namespace it was resolved in."""
    try:
        return context.request.current_app  # type: ignore[attr-defined]
    except AttributeError:
        try:
            return context.request.resolver_match.namespace  # type: ignore[attr-defined]
        except AttributeError:
            return None


@kept_builtins.tag
def url(parser: Parser, token: Token) -> Any:
    """Django's `{% url %}`, parsed by Django, rendered through the per-process cache."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
