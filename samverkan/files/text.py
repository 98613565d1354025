"""The text of a file a Swedish office saved: UTF-8 with or without a BOM, else Windows-1252
(what Excel writes in Sweden), with the name of the encoding found, for the report. Shared by
the register import and the population import."""

import codecs

from django.utils.translation import gettext as _


def decode_text(data: bytes, *, utf16: bool = False) -> tuple[str, str] | None:
    """The text and the name of its encoding, or None for bytes in none of them. With `utf16`,
    a UTF-16 file (with its BOM) is read too."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), _("UTF-8 med BOM")
        if utf16 and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "UTF-16"
    except UnicodeDecodeError:
        return None
    for codec, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            pass
    return None
