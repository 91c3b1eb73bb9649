"""Importable modules that stand in for third-party plugins in the plugin-loading tests."""
