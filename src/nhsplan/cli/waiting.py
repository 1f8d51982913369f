"""``nhsplan waiting forecast RTT_FILE --org CODE --edition E``: RTT targets on a projection.

Reads the provider's waiting list by weeks waited and its month's clock starts and stops from
a published RTT full CSV, projects the list to the deadlines of the edition's RTT targets,
and prints, per target: the level, the projected figure at the deadline, whether it is met,
the clock stops a month that meet it and the clock starts a month that would do instead.
``--capacity`` and ``--demand`` replace the file's clock stops and starts; ``--chart FILE``
draws the projected 18-week share against the targets (needs matplotlib).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from nhsplan.cli._common import (
    CommandError,
    Parser,
    Subparsers,
    add_output,
    check_writable,
    iso_date,
    open_input,
    org_code,
    printable,
)

if TYPE_CHECKING:
    from nhsplan.waiting import Forecast, Outcome

__all__ = ["register", "render", "run"]

_RULES = {"longest-first": "longest_first", "calibrated": "proportional"}


def _count(text: str) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of pathways a month; for example 4469"
        ) from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of pathways a month of at least 0; for example 4469"
        )
    return value


def register(commands: Subparsers) -> None:
    """Add ``waiting`` (with its ``forecast`` subcommand) to *commands*."""
    parser = commands.add_parser(
        "waiting",
        help="waiting lists: the RTT targets against a projected list",
        description="Waiting-list forecasts tied to the guidance's RTT targets.",
    )
    parser.set_defaults(run=lambda _args, out: parser.print_help(out))
    sub = parser.add_subparsers(dest="waiting_command", metavar="SUBCOMMAND", parser_class=Parser)
    forecast = sub.add_parser(
        "forecast",
        help="project a provider's RTT waiting list and judge the edition's RTT targets on it",
        description=(
            "Project a provider's RTT waiting list month by month from a published RTT full "
            "CSV (its incomplete pathways by weeks waited, and the month's completed pathways "
            "and new periods as clock stops and starts) and judge the edition's RTT targets "
            "at their deadlines."
        ),
    )
    forecast.add_argument("rtt_file", metavar="RTT_FILE", help="NHS England RTT full CSV")
    forecast.add_argument(
        "--org", required=True, type=org_code, help="the provider's ODS code (RBD)"
    )
    forecast.add_argument(
        "--edition", required=True, help="edition id (2025/26) or a guidance file"
    )
    forecast.add_argument(
        "--capacity",
        type=_count,
        metavar="N",
        help=(
            "clock stops a month, a plan's say: the shortfall column is against it (default: "
            "the file's completed pathways for the month)"
        ),
    )
    forecast.add_argument(
        "--demand",
        type=_count,
        metavar="N",
        help="clock starts a month (default: the file's new RTT periods for the month)",
    )
    forecast.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="targets that ended before DATE are left out (default: the file's month end)",
    )
    forecast.add_argument(
        "--rule",
        choices=tuple(_RULES),
        default="longest-first",
        help=(
            "which pathways a clock stop takes: longest-first (in order of waiting, the "
            "default) or calibrated (in proportion to the month's completed pathways by "
            "weeks waited)"
        ),
    )
    forecast.add_argument(
        "--monthly", action="store_true", help="also print the projection month by month"
    )
    forecast.add_argument(
        "--chart", type=Path, metavar="PNG", help="draw the projected 18-week share to PNG"
    )
    add_output(forecast)
    forecast.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Read the file, forecast, print (and draw the chart if asked)."""
    from nhsplan import load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.waiting import StopRule, forecast, read_rtt_snapshots  # noqa: PLC0415

    if args.chart is not None:
        check_writable(args.chart, what="chart")
    guidance = load_guidance(args.edition)
    with open_input(args.rtt_file) as stream:
        snapshots = read_rtt_snapshots(stream)
    org: str = args.org
    mine = [s for s in snapshots if s.org == org]
    if not mine:
        found = sorted({s.org for s in snapshots})
        shown = ", ".join(found[:10]) + (" ..." if len(found) > 10 else "")
        raise CommandError(
            f"{args.rtt_file}: no incomplete pathways for provider {org!r}; "
            f"providers in the file: {shown or 'none'}"
        )
    snapshot = mine[-1]
    result = forecast(
        guidance,
        snapshot,
        as_of=args.as_of,
        stops=args.capacity,
        starts=args.demand,
        rule=StopRule(_RULES[args.rule]),
    )
    out.write(render(result, monthly=args.monthly))
    if args.chart is not None:
        from nhsplan.waiting.chart import plot_forecast  # noqa: PLC0415 - matplotlib on demand

        plot_forecast(result).savefig(args.chart, dpi=120)
        out.write(f"\nChart written to {printable(str(args.chart))}\n")


def _level(outcome: Outcome) -> str:
    value = outcome.required if outcome.required is not None else outcome.goal.required
    if value is None:
        return "-"
    sign = {"at_least": ">=", "at_most": "<=", "above": ">", "below": "<"}.get(
        outcome.goal.comparison.value, outcome.goal.comparison.value
    )
    return f"{sign} {_figure(outcome, value)}"


def _figure(outcome: Outcome, value: float | None) -> str:
    if value is None:
        return "-"
    if outcome.goal.metric.endswith("_share") or outcome.goal.metric == "rtt_18_weeks_incomplete":
        return f"{100 * value:.1f} %"
    return f"{value:,.0f}"


def _flow(value: float | None) -> str:
    return "not reachable" if value is None else f"{value:,.0f}"


def render(result: Forecast, *, monthly: bool = False) -> str:
    """The forecast as text: the snapshot, the flows, one line per target, notes."""
    s = result.snapshot
    share = sum(s.bands[:18]) / s.waiting if s.waiting else 1.0
    taken = "longest waits first" if result.rule.value == "longest_first" else "as calibrated"
    lines = [
        (
            f"{s.org} RTT waiting list, {s.month}: {s.waiting:,} pathways, "
            f"{100 * share:.1f} % within 18 weeks, {sum(s.bands[52:]):,} over 52 weeks"
        ),
        (
            f"Edition {result.edition}, as of {result.as_of}; clock starts "
            f"{result.starts:,.0f} and clock stops {result.stops:,.0f} a month (pathways; "
            f"stops taken {taken})"
        ),
        "",
    ]
    header = (
        "target",
        "judged",
        "required",
        "projected",
        "met",
        "stops/month to meet",
        "shortfall",
        "starts/month allowed",
    )
    rows = [header]
    notes: list[str] = []
    for o in result.outcomes:
        judged = str(o.month or o.goal.months[-1])
        met = "-" if o.met is None else ("yes" if o.met else "no")
        name = o.goal.target.id + (f" [{len(notes) + 1}]" if o.goal.note else "")
        if o.goal.note:
            notes.append(o.goal.note)
        rows.append(
            (
                name,
                judged,
                _level(o),
                _figure(o, o.projected),
                met,
                _flow(o.stops_needed),
                "-" if o.stops_shortfall is None else f"{o.stops_shortfall:+,.0f}",
                _flow(o.starts_allowed),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines.extend(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )
    if not result.outcomes:
        lines.append(f"(no RTT target of edition {result.edition} in force on {result.as_of})")
    lines.append("")
    for i, note in enumerate(notes, 1):
        lines.append(f"[{i}] {note}")
    lines.extend(f"{target_id}: not judged: {why}" for target_id, why in result.skipped)
    lines.append(
        "Stops and starts are constant a month from the month after the file's (after the "
        "baseline month, for a target on a later baseline); a projection is an expectation, "
        "not a promise: see docs/guide/waiting.md."
    )
    if monthly:
        p = result.projection
        lines += ["", "month    waiting  within 18 wk  over 52  over 65  over 78  over 104"]
        for j, month in enumerate(p.months):
            lines.append(
                f"{month!s:7}  {p.total[0, j]:7,.0f}  {100 * p.share_18[0, j]:11.1f} %"
                f"  {p.over[52][0, j]:7,.0f}  {p.over[65][0, j]:7,.0f}"
                f"  {p.over[78][0, j]:7,.0f}  {p.over[104][0, j]:8,.0f}"
            )
    return "\n".join(lines) + "\n"
