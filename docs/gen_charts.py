"""Render the SPC chart of England's 4-hour performance from the bundled A&E data.

Run by ``mkdocs build`` through mkdocs-gen-files; needs the ``plot`` extra (matplotlib).
"""

import io

import mkdocs_gen_files

import nhsplan
from nhsplan.sources import ENGLAND, read_ae_attendances
from nhsplan.spc import plot_spc, xmr

england = read_ae_attendances().select(org=ENGLAND)
chart = xmr(
    [o.amount.magnitude for o in england],
    labels=[str(o.period) for o in england],
    polarity=nhsplan.Polarity.HIGHER_IS_BETTER,
    target=95.0,
)
figure = plot_spc(chart, title="England: A&E attendances within 4 hours (all types)")
buffer = io.BytesIO()
figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
with mkdocs_gen_files.open("images/ae-england-spc.png", "wb") as image:
    image.write(buffer.getvalue())
