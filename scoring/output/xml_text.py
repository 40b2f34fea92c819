"""Text as the XML inside Word and Excel files can hold it.

XML 1.0 forbids most control characters; a case's text may still hold them (a vertical tab is what
Word's Shift+Enter leaves in pasted text, a NUL what a broken export does), and openpyxl and
python-docx refuse such a string outright, which stopped the whole workbook or report (review EG A2).
"""

from __future__ import annotations

import re

# C0 controls but tab, newline and carriage return; lone surrogates; the two non-characters
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = {"\x0b": " ", "\x0c": " "}  # line and page breaks typed in a cell: the break they meant


def xml_safe(text: str) -> str:
    """``text`` with what XML cannot hold replaced: a vertical tab or form feed by a space, any other
    forbidden character by U+FFFD (shown, not silently dropped)."""
    if _FORBIDDEN.search(text) is None:
        return text
    return _FORBIDDEN.sub(lambda m: _AS_SPACE.get(m[0], "\ufffd"), text)
