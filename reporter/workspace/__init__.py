"""The workspace: its folders, its configuration and the campaign read from it."""
