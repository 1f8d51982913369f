"""Reading and writing files: what nhsplan puts on disk, and how it keeps it whole."""
