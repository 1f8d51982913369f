"""Deprecated: moved to :mod:`nhsplan.io.writers.ics`; this path goes in the next release."""

from nhsplan._moved import alias

alias(__name__)
