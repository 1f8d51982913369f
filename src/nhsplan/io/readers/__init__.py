"""Adapters that read published NHS data formats into observations, reporting data quality.

Each reader returns a :class:`SourceResult`: the :class:`~nhsplan.model.Observation` objects,
and every :class:`DataQualityIssue` found on the way (an oddity in real data is reported, with
its file, row and column and what was done with the row, never a crash and never dropped
silently).

- :func:`read_ae_attendances`: NHS England A&E attendances -> ``ae_4_hour`` per provider and
  for England (the bundled April 2016 - March 2019 data by default);
- :func:`read_rtt_full_csv`: the published RTT full CSV -> ``rtt_18_weeks_incomplete`` and the
  52/65/78/104-week waiter counts per provider;
- :func:`read_observations_csv` / :func:`write_observations_csv`: nhsplan's own observation
  file (``org, metric, period, value, unit, numerator, denominator``);
- :func:`read_plan_csv` (and ``read_plan_frame``, ``read_plan_parquet``): plan files, the
  observation file's columns keyed by metric id or planning reference, one Plan per
  organisation;
- :func:`read_ods_trusts`: the NHS Digital ODS register of NHS trusts, to name each
  organisation and tell NHS trusts from other sites.

>>> from nhsplan.io.readers import read_ae_attendances, ENGLAND
>>> march_2019 = read_ae_attendances().select(org=ENGLAND)[-1]
>>> print(march_2019.period, march_2019.amount.format())
2019-03 86.6%
"""

from nhsplan.io.readers._quality import CsvSource, DataQualityIssue, SourceFileError, SourceResult
from nhsplan.io.readers.ae import (
    AE_METRIC,
    ENGLAND,
    ae_england_monthly,
    ae_major_departments,
    read_ae_attendances,
)
from nhsplan.io.readers.observations import (
    OBSERVATION_COLUMNS,
    MetricNotInGuidanceError,
    ObservationFileError,
    read_observations_by_org,
    read_observations_csv,
    write_observations_csv,
)
from nhsplan.io.readers.ods import (
    OdsOrganisation,
    OdsRegister,
    UnknownOrganisationError,
    read_ods_trusts,
)
from nhsplan.io.readers.plans import (
    PlanFile,
    read_plan_csv,
    read_plan_frame,
    read_plan_parquet,
)
from nhsplan.io.readers.rtt import (
    RTT_18_WEEKS,
    RTT_BANDS,
    RTT_TOTAL_FUNCTION,
    RTT_WAITERS,
    read_rtt_full_csv,
)

__all__ = [
    "AE_METRIC",
    "ENGLAND",
    "OBSERVATION_COLUMNS",
    "RTT_18_WEEKS",
    "RTT_BANDS",
    "RTT_TOTAL_FUNCTION",
    "RTT_WAITERS",
    "CsvSource",
    "DataQualityIssue",
    "MetricNotInGuidanceError",
    "ObservationFileError",
    "OdsOrganisation",
    "OdsRegister",
    "PlanFile",
    "SourceFileError",
    "SourceResult",
    "UnknownOrganisationError",
    "ae_england_monthly",
    "ae_major_departments",
    "read_ae_attendances",
    "read_observations_by_org",
    "read_observations_csv",
    "read_ods_trusts",
    "read_plan_csv",
    "read_plan_frame",
    "read_plan_parquet",
    "read_rtt_full_csv",
    "write_observations_csv",
]
