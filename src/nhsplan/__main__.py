"""``python -m nhsplan`` runs the command line."""

import sys

from nhsplan.cli import main

sys.exit(main())
