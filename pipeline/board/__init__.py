"""What a safeguarding board does with an ingested toolkit: excerpt packs, the sections
view and suggestions for a newly published chapter."""
