"""The guidance editions nhsplan ships: one TOML file each, listed in ``catalog.EDITIONS``."""
