"""Hypothesis strategies for nhsplan values: financial calendar periods."""

from __future__ import annotations

from hypothesis import strategies as st

from nhsplan.calendar import MAX_YEAR, MIN_YEAR, FinancialYear, Half, Month, Period, Quarter

__all__ = ["financial_years", "halves", "months", "periods", "quarters"]

_years = st.integers(MIN_YEAR, MAX_YEAR)


def financial_years() -> st.SearchStrategy[FinancialYear]:
    """Any financial year nhsplan represents."""
    return st.builds(FinancialYear, _years)


def halves() -> st.SearchStrategy[Half]:
    """Any half of a financial year nhsplan represents."""
    return st.builds(Half, _years, st.integers(1, 2))


def quarters() -> st.SearchStrategy[Quarter]:
    """Any quarter of a financial year nhsplan represents."""
    return st.builds(Quarter, _years, st.integers(1, 4))


def _month_of(year: FinancialYear, number: int) -> Month:
    return year.months()[number - 1]


def months() -> st.SearchStrategy[Month]:
    """Any month of a financial year nhsplan represents (April 1900 to March 2201)."""
    return st.builds(_month_of, financial_years(), st.integers(1, 12))


def periods() -> st.SearchStrategy[Period]:
    """Any financial year, half, quarter or month."""
    return st.one_of(financial_years(), halves(), quarters(), months())
