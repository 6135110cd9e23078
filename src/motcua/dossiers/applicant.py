"""Who applies: the applicant's fields, declared once.

Every door (the portal's application, the counter, the API, the review page) builds its inputs and
labels from `FIELDS`; the services read the same names. A field added here appears everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from motcua.core import phones

from .search import folded_applicant, phone_digits

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class ApplicantField:
    name: str  # the key every door hands to the services
    attribute: str  # the dossier's column
    label: StrOrPromise
    max_length: int
    hint: StrOrPromise = ""
    input_type: str = "text"  # the HTML input type
    autocomplete: str = ""
    inputmode: str = ""
    required: bool = False
    organisation: bool = False  # asked only of someone applying for an organisation


KIND = ApplicantField("kind", "applicant_kind", _("Đối tượng"), 20)

FIELDS: tuple[ApplicantField, ...] = (
    ApplicantField("name", "applicant_name", _("Họ và tên"), 200, autocomplete="name", required=True),
    ApplicantField(
        "id_number",
        "applicant_id_number",
        _("Số định danh cá nhân"),
        20,
        hint=_("12 chữ số trên thẻ căn cước."),
        inputmode="numeric",
    ),
    ApplicantField("phone", "applicant_phone", _("Số điện thoại"), 20, input_type="tel", autocomplete="tel"),
    ApplicantField(
        "email",
        "applicant_email",
        _("Thư điện tử"),
        254,
        hint=_("Thông báo về hồ sơ được gửi tới địa chỉ này."),
        input_type="email",
        autocomplete="email",
    ),
    ApplicantField("address", "applicant_address", _("Địa chỉ"), 300, autocomplete="street-address"),
    ApplicantField(
        "organisation_name",
        "organisation_name",
        _("Tên tổ chức"),
        300,
        autocomplete="organization",
        organisation=True,
    ),
    ApplicantField(
        "organisation_tax_code",
        "organisation_tax_code",
        _("Mã số thuế / mã số doanh nghiệp"),
        20,
        organisation=True,
    ),
)

BY_NAME: dict[str, ApplicantField] = {f.name: f for f in (KIND, *FIELDS)}

# What an applicant is made of, as every channel (portal, counter, API) hands it to the services.
NAMES: tuple[str, ...] = tuple(BY_NAME)
LIMITS: dict[str, int] = {f.name: f.max_length for f in FIELDS}


def attributes(applicant: Mapping[str, Any], *, kind_default: str) -> dict[str, str]:
    """The dossier's columns for an applicant: trimmed, never longer than the column, the phone number
    in its one stored form (the services have refused a number that is none), and the search copies
    of its name and phone."""
    values = {f.attribute: str(applicant.get(f.name, "") or "").strip()[: f.max_length] for f in FIELDS}
    phone = values[BY_NAME["phone"].attribute]
    values[BY_NAME["phone"].attribute] = phones.clean_phone(phone) or phone
    values[KIND.attribute] = str(applicant.get(KIND.name) or kind_default)
    values["applicant_folded"] = folded_applicant(values["applicant_name"], values["organisation_name"])
    values["applicant_phone_digits"] = phone_digits(values["applicant_phone"])
    return values
