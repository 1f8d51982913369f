"""Deprecated: moved to :mod:`nhsplan.io.readers`; this path goes in the next release."""

from nhsplan._moved import alias

alias(__name__)
