"""From PDF files to an index generation: extract, number the printed pages, split into
sections, record the manifest, and publish. Read in that order: `extract`, `workers`,
`pages`, `sections`, `cache`, `manifest`, `audit`, `history`, `runner`."""
