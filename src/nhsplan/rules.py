"""Deprecated: moved to :mod:`nhsplan.evaluate.rules`; this path goes in the next release."""

from nhsplan._moved import alias

alias(__name__)
