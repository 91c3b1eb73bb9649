"""Hypothesis strategies for hosts and plugin authors."""


def _hypothesis_setup_hook() -> None:
    """Register cxcore's strategies with hypothesis (entry point ``hypothesis``)."""


__all__: list[str] = []
