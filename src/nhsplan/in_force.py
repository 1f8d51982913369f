"""Deprecated: moved to :mod:`nhsplan.catalog.in_force`; this path goes in the next release."""

from nhsplan._moved import alias

alias(__name__)
