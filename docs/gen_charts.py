"""Render the SPC guide's charts: England's 4-hour performance, and a chart with a trajectory.

Run by ``mkdocs build`` through mkdocs-gen-files; needs the ``plot`` extra (matplotlib).
"""

import io

import mkdocs_gen_files

import nhsplan
from nhsplan.io.readers import ENGLAND, read_ae_attendances
from nhsplan.spc import SpcOptions, plot_spc, xmr


def save(figure, name):  # noqa: ANN001, ANN201 - a docs-build script
    """Write *figure* as the PNG ``images/<name>`` of the built site."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    with mkdocs_gen_files.open(f"images/{name}", "wb") as image:
        image.write(buffer.getvalue())


england = read_ae_attendances().select(org=ENGLAND)
chart = xmr(
    [o.amount.magnitude for o in england],
    labels=[str(o.period) for o in england],
    polarity=nhsplan.Polarity.HIGHER_IS_BETTER,
    target=95.0,
)
save(
    plot_spc(
        chart,
        title="England: A&E attendances within 4 hours (all types)",
        y_label="attendances within 4 hours",
        x_label="month",
        percent=True,
    ),
    "ae-england-spc.png",
)

# The guide's example trust (docs/guide/spc.md), rebased when its new model started, with the
# trajectory it planned towards 95 %.
months = [f"{y}-{m:02d}" for y in (2021, 2022, 2023) for m in range(1, 13)][3:27]
performance = [88.1, 87.4, 86.9, 87.8, 88.5, 87.2, 86.8, 87.9, 88.3, 87.1, 87.6, 88.0,
               89.0, 89.4, 89.2, 89.9, 90.1, 89.6, 90.3, 89.8, 90.5, 89.7, 90.2, 89.9]  # fmt: skip
example = xmr(
    performance,
    labels=months,
    target=95.0,
    options=SpcOptions(rebase_at=("2022-04",)),
)
save(
    plot_spc(
        example,
        title="An example trust: 4-hour A&E performance, rebased at its new model",
        y_label="attendances within 4 hours",
        x_label="month",
        percent=True,
        trajectory=[None] * 12 + [89.0 + 0.5 * i for i in range(12)],
        annotations={"2022-04": "new streaming model"},
    ),
    "spc-trajectory.png",
)
