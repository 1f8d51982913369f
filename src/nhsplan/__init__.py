"""nhsplan: NHS England operational planning guidance as typed, cited data and pure functions.

>>> import nhsplan
>>> nhsplan.__version__
'0.1.0'

Importing nhsplan is cheap: pint, numpy and pandas are imported only when a feature that
needs them is used.
"""

from __future__ import annotations

from nhsplan._version import __version__
from nhsplan.errors import NhsplanError

__all__ = ["NhsplanError", "__version__"]
