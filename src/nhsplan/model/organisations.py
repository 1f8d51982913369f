"""NHS organisations, by their ODS codes."""

from __future__ import annotations

from typing import Final

import attrs

from nhsplan.model._validators import _optional_org_code, _org_code, to_org_type
from nhsplan.model.enums import OrgType

ENGLAND: Final = "ENGLAND"
"""The organisation code of England as a whole: the figure a national ambition is judged on."""

ENGLAND_ONS: Final = "E92000001"
"""England's ONS code: read as :data:`ENGLAND` wherever an organisation code is read."""


def _organisation_type(value: object) -> OrgType:
    return to_org_type(value, field="type")


@attrs.frozen(kw_only=True)
class Organisation:
    """An NHS organisation, by its ODS code, optionally a member of a system (ICS/STP)."""

    code: str = attrs.field(validator=_org_code)
    type: OrgType = attrs.field(converter=_organisation_type)
    """An :class:`OrgType`, or its value in any case (``"acute_trust"``)."""
    name: str = ""
    system: str | None = attrs.field(default=None, validator=_optional_org_code)
    """The code of the system (ICS or STP) it belongs to."""
    region: str | None = attrs.field(default=None, validator=_optional_org_code)
