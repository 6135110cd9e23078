"""The reassign control's options: built once per agency, the assignee selected, names escaped."""

from __future__ import annotations

from dataclasses import dataclass

from django.template import Context, Template


@dataclass
class Officer:
    pk: int
    display_name: str


def test_each_row_selects_its_assignee_from_the_same_options():
    officers = {7: [Officer(1, "Lê <b>An</b>"), Officer(12, "Trần Bình")]}
    template = Template(
        "{% load backoffice %}{% for a in rows %}[{% officer_options officers 7 a %}]{% endfor %}"
    )

    html = template.render(Context({"officers": officers, "rows": [12, None, 1]}))

    assert html == (
        '[<option value="1">Lê &lt;b&gt;An&lt;/b&gt;</option><option value="12" selected>Trần Bình</option>]'
        '[<option value="1">Lê &lt;b&gt;An&lt;/b&gt;</option><option value="12">Trần Bình</option>]'
        '[<option value="1" selected>Lê &lt;b&gt;An&lt;/b&gt;</option><option value="12">Trần Bình</option>]'
    )


def test_an_agency_without_officers_offers_none():
    template = Template("{% load backoffice %}{% officer_options officers 3 None %}")

    assert template.render(Context({"officers": {}})) == ""
