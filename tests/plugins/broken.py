"""A plugin whose module raises on import."""

raise RuntimeError("this plugin is broken on purpose")
