"""CSE Toolkit Search: make a safeguarding board's chapter PDFs searchable by section and printed page."""

__version__ = "0.1.0"

# Bumped whenever extraction, page numbering or sectioning changes what ends up in the
# index, so that caches and indexes built by an older pipeline are rebuilt, not trusted.
PIPELINE_VERSION = "1"
