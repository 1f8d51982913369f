"""``python -m nhsplan`` runs the command line."""

import sys

from nhsplan.cli import entry_point

sys.exit(entry_point())
