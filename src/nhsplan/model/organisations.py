"""NHS organisations, by their ODS codes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from nhsplan.errors import InvalidValueError, _shown
from nhsplan.model._validators import _optional_org_code, _org_code, to_org_type
from nhsplan.model.enums import OrgType

ENGLAND: Final = "ENGLAND"
"""The organisation code of England as a whole: the figure a national ambition is judged on."""

ENGLAND_ONS: Final = "E92000001"
"""England's ONS code: read as :data:`ENGLAND` wherever an organisation code is read."""


def _organisation_type(value: object) -> OrgType:
    return to_org_type(value, field="type")


def _read_code(value: object, field: str) -> str:
    """A code as an observation's ``org`` is read (``"rbd"`` is ``"RBD"``)."""
    from nhsplan.model._inputs import to_code  # noqa: PLC0415 - _inputs imports ENGLAND from here

    return to_code(value, field=field)


def _code(value: object) -> str:
    return _read_code(value, "code")


def _system(value: object) -> str | None:
    return None if value is None else _read_code(value, "system")


def _region(value: object) -> str | None:
    return None if value is None else _read_code(value, "region")


@attrs.frozen(kw_only=True)
class Organisation:
    """An NHS organisation, by its ODS code, optionally a member of a system (ICS/STP)."""

    code: str = attrs.field(converter=_code, validator=_org_code)
    """Read as an observation's ``org`` is (``"rbd"`` is ``"RBD"``)."""
    type: OrgType = attrs.field(converter=_organisation_type)
    """An :class:`OrgType`, or its value in any case (``"acute_trust"``)."""
    name: str = ""
    system: str | None = attrs.field(default=None, converter=_system, validator=_optional_org_code)
    """The code of the system (ICS or STP) it belongs to."""
    region: str | None = attrs.field(default=None, converter=_region, validator=_optional_org_code)


def read_organisations(
    values: Iterable[Organisation] | None, *, field: str = "orgs"
) -> tuple[Organisation, ...] | None:
    """The ``orgs=`` of an evaluation: :class:`Organisation` objects, read once into a tuple.

    ``None`` stays ``None`` (every organisation that reported a figure is assessed). A generator
    is read once here, so every pass after sees the same organisations.

    >>> read_organisations([Organisation(code="RBD", type="acute_trust")])[0].code
    'RBD'

    Raises:
        InvalidValueError: *values* is text, or not iterable, or an item is not an
            :class:`Organisation` (a bare code such as ``"RBD"`` has no type, and targets apply
            by type); the message names the item's position (``orgs[0]``) and gives an example.
    """
    example = "[Organisation(code='RBD', type='acute_trust')]"
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidValueError(
            f"{_shown(values)} ({type(values).__name__}) is not a list of organisations",
            field=field,
            example=example,
        )
    read = tuple(values)
    for index, org in enumerate(read):
        if not isinstance(org, Organisation):
            raise InvalidValueError(
                f"{_shown(org)} ({type(org).__name__}) is not an Organisation: a target applies "
                "by the organisation's type, so each needs one",
                field=f"{field}[{index}]",
                example=example,
            )
    return read
