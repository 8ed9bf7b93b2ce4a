"""CSE Toolkit Search: make a safeguarding board's chapter PDFs searchable by section and printed page."""

__version__ = "0.1.0"

# Bumped whenever page numbering, sectioning or indexing changes what ends up in the
# index, so that an index built by an older pipeline is rebuilt by the next ingest.
PIPELINE_VERSION = "3"

# Bumped whenever extraction changes its output, so cached extractions are redone.
EXTRACTOR_VERSION = "4"  # 2: text layers cached unchecked, pages may come from OCR; 3: invisible characters removed, labels cleaned (issue 18); 4: the outline
