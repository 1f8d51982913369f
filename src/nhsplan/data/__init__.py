"""Published NHS data bundled with nhsplan (see ``README.md`` here for provenance and licence).

Read it through :mod:`nhsplan.io.readers`, which finds it with :mod:`importlib.resources`.
"""
