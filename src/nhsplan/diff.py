"""Deprecated: moved to :mod:`nhsplan.catalog.diff`; this path goes in the next release."""

from nhsplan._moved import alias

alias(__name__)
