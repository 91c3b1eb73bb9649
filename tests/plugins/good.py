"""A well-behaved plugin module: plain objects and a factory."""

from __future__ import annotations


def shout(text: str) -> str:
    """A stand-in extension: any object can be registered in a host's own registry."""
    return text.upper()


def whisper(text: str) -> str:
    """A second extension from the same module."""
    return text.lower()
