"""The toolkit configuration: its plain data (`model`), validation (`check`) and loading (`load`).

Importing this package never imports YAML: only validating a config file does, so a
search that reuses an ingest's snapshot of the config never pays for the parser.
"""

from pipeline.config.load import load_config, parse_config, save_snapshot
from pipeline.config.model import ID_PATTERN, Audience, ChapterSpec, Limits, Role, SectionSpec, Toolkit

__all__ = [
    "ID_PATTERN",
    "Audience",
    "ChapterSpec",
    "Limits",
    "Role",
    "SectionSpec",
    "Toolkit",
    "load_config",
    "parse_config",
    "save_snapshot",
]
