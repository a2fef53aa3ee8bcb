"""Characters no text should carry, read the same way wherever text enters the library.

Control, bidi-override and byte-order characters are dropped, line and paragraph separators become newlines,
and C1 control characters are read as the Windows-1252 punctuation they were. ingest.py reads bytes and pastes
through it; clean.py reads through it the documents a library caller made itself (`summarize()` given raw
text), so both see the same text.
"""

from __future__ import annotations

import re

_BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _windows_1252(code: int) -> str | None:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return None  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: no character


# C1 control characters in text are Windows-1252's punctuation read as Latin-1 (a text saved by Windows and
# opened as ISO-8859-1): "\x96" was an en dash, "\x92" an apostrophe, "\x85" an ellipsis. They are read as
# Windows-1252 has them, as browsers read any page labelled ISO-8859-1; before, they were dropped, and a
# dateline's dash with them ("Meadow Lake, Saskatchewan \x96 ...", multiling2011_el M000).
CHAR_MAP: dict[int, str | None] = {
    **{c: None for c in range(0x00, 0x20) if chr(c) not in "\n\t"},
    0x7F: None,
    **{c: _windows_1252(c) for c in range(0x80, 0xA0)},
    **{c: None for c in _BIDI_CONTROLS},
    **{c: None for c in range(0xD800, 0xE000)},  # lone surrogates cannot be encoded
    0x0B: "\n",  # vertical tab
    0x0C: "\n",  # form feed (page breaks in extracted text)
    0x2028: "\n",  # line separator
    0x2029: "\n\n",  # paragraph separator
    0xFEFF: None,  # byte-order mark / zero-width no-break space
}

_ODD = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(CHAR_MAP)) + "]")  # any of CHAR_MAP's


def without_odd_characters(text: str) -> str:
    """`text` with newlines as "\\n" and CHAR_MAP applied; the same string when it holds none of them."""
    if not _ODD.search(text):
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(CHAR_MAP)
