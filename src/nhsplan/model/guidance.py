"""The structure of a guidance edition: priorities, requirements, funding, frameworks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType

import attrs

from nhsplan import units
from nhsplan.calendar import DeadlineKind, FinancialYear, Period
from nhsplan.errors import CatalogError, InvalidValueError
from nhsplan.model import display as _display
from nhsplan.model._guidance_checks import indexed, part_problems, target_unit_problems, unknown
from nhsplan.model._inputs import optional_upper, upper
from nhsplan.model._validators import (
    _non_empty,
    _org_types,
    _plain_id,
    _snake_id,
    _tuple_of_discrepancy,
    _tuple_of_financialyear,
    _tuple_of_framework,
    _tuple_of_frameworkitem,
    _tuple_of_funding,
    _tuple_of_metric,
    _tuple_of_priority,
    _tuple_of_requirement,
    _tuple_of_str,
    _tuple_of_target,
    to_org_types,
)
from nhsplan.model.citations import Citation, Deadline
from nhsplan.model.enums import Comparison, OrgType
from nhsplan.model.formats import upper_ascii
from nhsplan.model.metrics import Metric
from nhsplan.model.targets import (
    Target,
)
from nhsplan.units import same_dimension


@attrs.frozen(kw_only=True)
class Requirement:
    """One ask of the guidance (a bullet), with the organisations it is asked of."""

    id: str = attrs.field(validator=_plain_id)
    priority: str = attrs.field(converter=upper, validator=_non_empty)
    """The code of the priority it sits under (``C2``; stored upper case)."""
    text: str = attrs.field(validator=_non_empty)
    owners: frozenset[OrgType] = attrs.field(
        converter=to_org_types, validator=_org_types, factory=frozenset
    )
    citation: Citation
    deadline: Deadline | None = None
    """When the ask applies, in the guidance's words (a covering window for a plan's period)."""
    targets: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Ids of the targets that measure the ask."""
    due: Deadline | None = None
    """When the ask is due where the guidance says so elsewhere than in :attr:`deadline`
    (the H1 delivery plans cover April-September 2021 and are due "by 3 June", §F5)."""
    due_citation: Citation | None = None
    """Where :attr:`due` is given."""

    @property
    def due_by(self) -> Deadline | None:
        """When the ask is due: :attr:`due`, else :attr:`deadline` unless that is a period covered.

        A covering window is not a due date, so without :attr:`due` it gives None.
        """
        if self.due is not None:
            return self.due
        if self.deadline is not None and self.deadline.kind is DeadlineKind.COVERING:
            return None
        return self.deadline


@attrs.frozen(kw_only=True)
class Priority:
    """A priority of the guidance (A … F) with its sub-priorities (A1 … A4)."""

    code: str = attrs.field(converter=upper, validator=_plain_id)
    """The code (``"C2"``), stored upper case: ``"c2"`` reads as ``"C2"``."""
    title: str = attrs.field(validator=_non_empty)
    citation: Citation
    summary: str = ""
    children: tuple[Priority, ...] = attrs.field(default=(), converter=_tuple_of_priority)

    def walk(self) -> Iterator[Priority]:
        """This priority, then every descendant, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return _display.priority_repr(self)

    def _repr_html_(self) -> str:
        return _display.priority_html(self)


@attrs.frozen(kw_only=True)
class Discrepancy:
    """Another source's different figure for the same fact, kept beside the one used."""

    value: str = attrs.field(validator=_non_empty)
    citation: Citation
    note: str = ""


@attrs.frozen(kw_only=True)
class Funding:
    """A funding line: an amount of money for a purpose and period.

    A line that is part of another (the £1bn Elective Recovery Fund within the £1.5bn for
    elective recovery, mental health and workforce) names it in :attr:`part_of`, so a total
    (:meth:`Guidance.funding_total`) counts it once. The guidance's own qualifier ("more than
    £80m", "around £3 per head") is kept in :attr:`comparison`.
    """

    id: str = attrs.field(validator=_plain_id)
    name: str = attrs.field(validator=_non_empty)
    amount: units.Quantity = attrs.field()
    citation: Citation
    period: Period | None = None
    recipients: frozenset[OrgType] = attrs.field(
        converter=to_org_types, validator=_org_types, factory=frozenset
    )
    priority: str | None = attrs.field(default=None, converter=optional_upper)
    conditions: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    discrepancies: tuple[Discrepancy, ...] = attrs.field(
        default=(), converter=_tuple_of_discrepancy
    )
    description: str = ""
    comparison: Comparison | None = None
    """How the guidance words the amount: None for the amount itself, ``ABOVE`` for "more
    than £80m", ``AROUND`` for "around", ``UP_TO`` for "up to"."""
    part_of: str | None = None
    """The id of the funding line this one is part of (counted once, in that line)."""

    @property
    def words(self) -> str:
        """The amount as the guidance words it: ``"more than £80m"``."""
        qualifier = {
            Comparison.ABOVE: "more than ",
            Comparison.AT_LEAST: "at least ",
            Comparison.AROUND: "around ",
            Comparison.UP_TO: "up to ",
            Comparison.AT_MOST: "at most ",
            Comparison.BELOW: "less than ",
        }
        prefix = qualifier[self.comparison] if self.comparison is not None else ""
        return f"{prefix}{self.amount.format()}"

    @amount.validator
    def _check_amount(
        self, attribute: attrs.Attribute[units.Quantity], value: units.Quantity
    ) -> None:
        if not same_dimension(value.unit, "GBP"):
            raise InvalidValueError(
                f"{value} is not money", field=attribute.name, example="'£120m'"
            )
        if value.magnitude < 0:
            raise InvalidValueError(f"{value} is negative", field=attribute.name, example="'£120m'")


@attrs.frozen(kw_only=True)
class FrameworkItem:
    """One named part of a framework: a theme, segment, domain, rating or support level."""

    name: str = attrs.field(validator=_non_empty)
    number: int | None = None
    """Its number where the framework numbers them (segment 1 = maximum autonomy)."""
    description: str = ""


@attrs.frozen(kw_only=True)
class Framework:
    """An oversight or assessment framework the guidance applies.

    The Single Oversight Framework for providers (themes, segments); the CCG Improvement and
    Assessment Framework (domains, clinical areas, ratings, support levels).
    """

    id: str = attrs.field(validator=_snake_id)
    name: str = attrs.field(validator=_non_empty)
    citation: Citation
    applies_to: frozenset[OrgType] = attrs.field(
        converter=to_org_types, validator=_org_types, factory=frozenset
    )
    description: str = ""
    themes: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    segments: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    domains: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    clinical_areas: tuple[FrameworkItem, ...] = attrs.field(
        default=(), converter=_tuple_of_frameworkitem
    )
    ratings: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    support_levels: tuple[FrameworkItem, ...] = attrs.field(
        default=(), converter=_tuple_of_frameworkitem
    )


@attrs.frozen(kw_only=True)
class DueItem:
    """Something the guidance asks to be done by, during or from a deadline."""

    id: str
    """The requirement or target id."""
    text: str
    deadline: Deadline
    owners: frozenset[OrgType]
    citation: Citation


@attrs.frozen(kw_only=True)
class Guidance:
    """One edition of the planning guidance (or a system's local priorities), validated.

    Construction checks the whole edition and reports every inconsistency at once in a
    :class:`~nhsplan.errors.CatalogError`: duplicate ids, a target naming an unknown metric,
    a requirement under an unknown priority, a proportion threshold outside 0-100 %.
    """

    id: str = attrs.field(validator=_non_empty)
    title: str = attrs.field(validator=_non_empty)
    year: FinancialYear
    """The (first) financial year the edition covers; deadline words are read in it."""
    citation: Citation
    published: date | None = None
    years: tuple[FinancialYear, ...] = attrs.field(default=(), converter=_tuple_of_financialyear)
    """Every financial year covered, where more than one (2017-19)."""
    priorities: tuple[Priority, ...] = attrs.field(default=(), converter=_tuple_of_priority)
    requirements: tuple[Requirement, ...] = attrs.field(default=(), converter=_tuple_of_requirement)
    metrics: tuple[Metric, ...] = attrs.field(default=(), converter=_tuple_of_metric)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_tuple_of_target)
    funding: tuple[Funding, ...] = attrs.field(default=(), converter=_tuple_of_funding)
    frameworks: tuple[Framework, ...] = attrs.field(default=(), converter=_tuple_of_framework)
    extends: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Editions whose metrics this one may name (local priorities extend a national edition)."""
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)

    _by_code: Mapping[str, Priority] = attrs.field(init=False, eq=False, repr=False)
    _by_target: Mapping[str, Target] = attrs.field(init=False, eq=False, repr=False)
    _by_metric: Mapping[str, Metric] = attrs.field(init=False, eq=False, repr=False)
    _by_requirement: Mapping[str, Requirement] = attrs.field(init=False, eq=False, repr=False)
    _by_framework: Mapping[str, Framework] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        by_code = indexed(
            (p.code, f"$.priorities..{p.code}", p) for top in self.priorities for p in top.walk()
        )
        by_target = indexed((t.id, f"$.targets[{i}]", t) for i, t in enumerate(self.targets))
        by_metric = indexed((m.id, f"$.metrics[{i}]", m) for i, m in enumerate(self.metrics))
        by_req = indexed((r.id, f"$.requirements[{i}]", r) for i, r in enumerate(self.requirements))
        by_fund = indexed((f.id, f"$.funding[{i}]", f) for i, f in enumerate(self.funding))
        by_framework = indexed(
            (f.id, f"$.frameworks[{i}]", f) for i, f in enumerate(self.frameworks)
        )
        for index in (by_code, by_target, by_metric, by_req, by_fund, by_framework):
            problems += index.problems
        object.__setattr__(self, "_by_code", MappingProxyType(by_code.items))
        object.__setattr__(self, "_by_target", MappingProxyType(by_target.items))
        object.__setattr__(self, "_by_metric", MappingProxyType(by_metric.items))
        object.__setattr__(self, "_by_requirement", MappingProxyType(by_req.items))
        object.__setattr__(self, "_by_framework", MappingProxyType(by_framework.items))
        problems += self._reference_problems()
        if problems:
            raise CatalogError(problems, source=f"guidance {self.id!r}")

    def __repr__(self) -> str:
        return _display.guidance_repr(self)

    def _repr_html_(self) -> str:
        return _display.guidance_html(self)

    def _reference_problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        for i, target in enumerate(self.targets):
            path = f"$.targets[{i}]"
            metric_id = target.metric
            if metric_id is not None and metric_id not in self._by_metric:
                known = ", ".join(sorted(self._by_metric)[:5]) or "none defined"
                problems.append(
                    (f"{path}.metric", f"unknown metric {metric_id!r} (known: {known})")
                )
            metric = self._by_metric.get(metric_id) if metric_id else None
            if metric is not None:
                problems += target_unit_problems(target, metric, path)
            if target.priority is not None and target.priority not in self._by_code:
                problems.append((f"{path}.priority", f"unknown priority {target.priority!r}"))
        for i, req in enumerate(self.requirements):
            path = f"$.requirements[{i}]"
            if req.priority not in self._by_code:
                problems.append((f"{path}.priority", f"unknown priority {req.priority!r}"))
            problems += [
                (f"{path}.targets", f"unknown target {tid!r}")
                for tid in req.targets
                if tid not in self._by_target
            ]
        by_fund = {f.id: f for f in self.funding}
        for i, fund in enumerate(self.funding):
            if fund.priority is not None and fund.priority not in self._by_code:
                problems.append((f"$.funding[{i}].priority", f"unknown priority {fund.priority!r}"))
            if fund.part_of is not None:
                problems += part_problems(fund, by_fund, f"$.funding[{i}].part_of")
        return problems

    # -- look-ups ------------------------------------------------------------------------------

    def funding_total(self, *, period: Period | None = None) -> units.Quantity:
        """The money the funding lines add up to, each counted once.

        A line that is part of another (:attr:`Funding.part_of`) is inside that line's
        amount, so only lines that are part of none are summed. With *period*, only lines for
        that period. Qualified amounts ("more than £80m") count at their stated amount.

        >>> from nhsplan.catalog import load_guidance
        >>> print(load_guidance("2021/22").funding_total(period=FinancialYear(2021)).format())
        £1.63bn
        """
        lines = [
            f for f in self.funding if f.part_of is None and (period is None or f.period == period)
        ]
        return units.quantity(sum(f.amount.to("GBP").magnitude for f in lines), "GBP")

    def parts(self, funding_id: str) -> tuple[Funding, ...]:
        """The funding lines that are part of the line *funding_id*."""
        return tuple(f for f in self.funding if f.part_of == funding_id)

    def priority(self, code: str) -> Priority:
        """The priority or sub-priority with *code* (``"C2"``, or ``"c2"``: any case).

        Raises:
            UnknownIdError: no priority has that code; the closest codes are named.
        """
        key = upper_ascii(code.strip()) if isinstance(code, str) else code
        try:
            return self._by_code[key]
        except (KeyError, TypeError):
            raise unknown("priority", str(code), self._by_code) from None

    def target(self, target_id: str) -> Target:
        """The target with *target_id*; :class:`~nhsplan.errors.UnknownIdError` if none."""
        try:
            return self._by_target[target_id]
        except KeyError:
            raise unknown("target", target_id, self._by_target) from None

    def metric(self, metric_id: str) -> Metric:
        """The metric with *metric_id*; :class:`~nhsplan.errors.UnknownMetricError` if none."""
        try:
            return self._by_metric[metric_id]
        except KeyError:
            raise unknown("metric", metric_id, self._by_metric) from None

    def requirement(self, requirement_id: str) -> Requirement:
        """The requirement with *requirement_id*; UnknownIdError if none."""
        try:
            return self._by_requirement[requirement_id]
        except KeyError:
            raise unknown("requirement", requirement_id, self._by_requirement) from None

    def framework(self, framework_id: str) -> Framework:
        """The framework with *framework_id*; :class:`~nhsplan.errors.UnknownIdError` if none."""
        try:
            return self._by_framework[framework_id]
        except KeyError:
            raise unknown("framework", framework_id, self._by_framework) from None

    def targets_for(self, org_type: OrgType) -> tuple[Target, ...]:
        """The targets that ask something of organisations of *org_type*."""
        return tuple(t for t in self.targets if t.applies_to_type(org_type))

    def targets_for_metric(self, metric_id: str) -> tuple[Target, ...]:
        """The targets measured by *metric_id*."""
        return tuple(t for t in self.targets if t.metric == metric_id)

    def requirements_for(self, org_type: OrgType) -> tuple[Requirement, ...]:
        """The asks made of organisations of *org_type* (or of everyone)."""
        return tuple(r for r in self.requirements if not r.owners or org_type in r.owners)

    @property
    def deadlines(self) -> tuple[DueItem, ...]:
        """Every dated ask (requirements and targets), in date order."""
        items = [
            # A plan's due date where the guidance gives one, else its own words (a covering
            # window is listed at the start of the period it covers, as "covering").
            DueItem(id=r.id, text=r.text, deadline=due, owners=r.owners, citation=r.citation)
            for r in self.requirements
            if (due := r.due_by or r.deadline) is not None
        ]
        items += [
            DueItem(
                id=t.id, text=t.name, deadline=t.deadline, owners=t.applies_to, citation=t.citation
            )
            for t in self.targets
            if t.deadline is not None
        ]
        return tuple(sorted(items, key=lambda item: (item.deadline.resolved, item.id)))


def read_guidance(value: object, *, field: str = "guidance") -> Guidance:
    """The edition an evaluation is asked of: a :class:`Guidance`, checked where it enters.

    Raises:
        InvalidValueError: anything else (a DataFrame given first, an edition's name), naming
            *field* with an example, rather than failing later on an attribute.
    """
    if isinstance(value, Guidance):
        return value
    hint = " (an edition's name: load it first)" if isinstance(value, str) else ""
    raise InvalidValueError(
        f"a {type(value).__name__} is not a Guidance{hint}",
        field=field,
        example="load_guidance('2021/22')",
    )
