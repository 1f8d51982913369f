"""Generate one docs page per shipped guidance edition from the catalog data (mkdocs-gen-files).

Run by ``mkdocs build``; the pages are never hand-copied, so they cannot drift from the data.
"""

import mkdocs_gen_files

import nhsplan
from nhsplan.cli import _text

for edition in nhsplan.editions():
    guidance = nhsplan.load_guidance(edition)
    slug = edition.replace("/", "-")
    with mkdocs_gen_files.open(f"catalog/{slug}.md", "w") as page:
        page.write(_text.markdown(guidance))
