"""Locales and the library's own translated messages, through Babel.

Messages are English msgids translated by gettext catalogs, one domain per
package (``cxcore``, ``cxcore-sla``, ``cxcore-language``, ``cxcore-escalation``,
``cxcore-reporting``, ``cxcore-routing``) under ``cxcore/locale``. A requested
locale is negotiated down (``ko-KR`` → ``ko`` → ``en``); a missing translation
falls back to English and never fails.
"""

from __future__ import annotations

import functools
from importlib import resources

import babel
from babel.support import NullTranslations, Translations

from ._errors import ValidationError

__all__ = ["MESSAGE_LOCALES", "message_locale", "parse_locale", "translate"]

#: Locales whose catalogs are complete.
MESSAGE_LOCALES = ("en", "ko")


def parse_locale(value: object, name: str = "locale") -> babel.Locale:
    """``"ko-KR"``, ``"ko_KR"``, ``"en"`` or a :class:`babel.Locale`, as a Locale."""
    if isinstance(value, babel.Locale):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            f"{name} must be a locale identifier such as 'ko-KR' or 'en' (got {value!r})"
        )
    try:
        return babel.Locale.parse(value.strip().replace("-", "_"))
    except (ValueError, TypeError, babel.UnknownLocaleError):
        raise ValidationError(
            f"{name}: {value!r} is not a known locale; use an identifier such as 'ko-KR' or 'en'"
        ) from None


def message_locale(value: object, name: str = "locale") -> str:
    """The catalog language for ``value``: its language if we ship it, else ``"en"``."""
    loc = parse_locale(value, name)
    return loc.language if loc.language in MESSAGE_LOCALES else "en"


@functools.cache
def _catalog(domain: str, language: str) -> NullTranslations:
    directory = resources.files("cxcore") / "locale"
    with resources.as_file(directory) as path:
        return Translations.load(str(path), locales=[language], domain=domain)


def translate(domain: str, locale: object, message: str, /, **params: object) -> str:
    """``message`` translated into ``locale`` (negotiated) and formatted with ``params``."""
    text = _catalog(domain, message_locale(locale)).gettext(message)
    return text.format(**params) if params else text
