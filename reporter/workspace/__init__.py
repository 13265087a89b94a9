"""The workspace: its folders, its configuration and the campaign read from it.

``open_workspace(root)`` gives the ``Workspace``; its ``campaign`` is read from
``inputs/配置.toml`` once, validated against the declared schema (``config``) with every
problem reported by key path.
"""

from reporter.workspace.config import BOOKLET_PARTS
from reporter.workspace.filenames import safe_file_stem
from reporter.workspace.paths import (
           CONFIG_NAME,
           TASKS_NAME,
           Workspace,
           load_campaign,
           open_workspace,
)
from reporter.workspace.reading import read_campaign

__all__ = ["BOOKLET_PARTS", "CONFIG_NAME", "TASKS_NAME", "Workspace", "load_campaign", "open_workspace",
           "read_campaign", "safe_file_stem"]
