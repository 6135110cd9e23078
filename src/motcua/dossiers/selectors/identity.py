"""What a dossier says about where its applicant's particulars came from (for the DVCQG sync flags).

`logged_in_with_vneid` gives `TaiKhoanDuocXacThucVoiVNeID`; `used_population_data` gives the
population database's `MaCSDL` entry and `DuocLayTuKhoDMQG` of the papers it stood for. Both are
recorded on the dossier at submission (`dossiers.services.submission.vouched_by_vneid`), so they
stay true to the moment of filing whatever the account does later.
"""

from __future__ import annotations

from ..models import Dossier


def logged_in_with_vneid(dossier: Dossier) -> bool:
    """The dossier was filed from an account VNeID verified, for the verified person."""
    return bool(dossier.vneid_verified)


def used_population_data(dossier: Dossier) -> bool:
    """Data from the national population database stood for at least one of the dossier's papers."""
    return bool(dossier.population_data_used)


def population_data_documents(dossier: Dossier) -> list[int]:
    """The required documents (ids) the population database's data stood for, from the filing event."""
    event = dossier.events.order_by("seq").only("payload").first()
    return list((event.payload or {}).get("population_data", [])) if event is not None else []
