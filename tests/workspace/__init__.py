"""Tests of reporter.workspace: the configuration schema and the campaign read with it."""
