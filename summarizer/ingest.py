"""Ingest stage: a file's bytes or pasted text -> Document (PDF, DOCX, HTML, Markdown, plain text).

The type is sniffed from the content (magic bytes, then structure), never from the file name or a
content-type header; the name only labels messages and `Document.name`. Every failure is one of
the errors in `errors.py`, with a message naming the file; nothing here touches the network.
"""

from __future__ import annotations

import codecs
import functools
import io
import itertools
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from time import monotonic

import docx
import lxml.html
import trafilatura
from charset_normalizer import from_bytes
from lxml import etree
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from trafilatura.settings import set_date_params

from .characters import without_odd_characters
from .errors import DocumentTooLargeError, SummarizerError, UnreadableDocumentError, UnsupportedFileTypeError
from .types import Document, Removed

SUPPORTED = "Use a .txt, .md, .html, .pdf or .docx file, or paste the text."


@dataclass(frozen=True)
class IngestLimits:
    """Bounds on what one file may cost to read; anything beyond is refused, never truncated."""

    max_bytes: int = 5 * 1024 * 1024  # per file
    max_pdf_pages: int = 200
    max_pdf_seconds: float = 10.0  # parse-time bound for a PDF, checked between pages and drawing operators
    # Unpacked bytes of any one stream (a page's drawing instructions, a form): a dense page of text
    # holds 20-100 kB; pypdf parses a page's instructions whole before the time check can run, at
    # about 400 kB a second on a 2-core machine, so this bounds one page to ~2.5 s. Without it a
    # 175 kB file unpacks to 75 MB (pypdf's own bound) and takes minutes.
    max_pdf_stream_bytes: int = 1024 * 1024
    # Font tables pypdf parses for one page or form before its first drawing operator (and so before
    # any time check): each font name's /ToUnicode map (0.37 s of CPU a MB), embedded Type 1 font and
    # width/difference arrays, counted once per name because pypdf parses a shared map once per
    # name. A page's fonts rarely reach 200 kB; 100 names sharing a 1 MB map took over a minute.
    max_pdf_font_bytes: int = 2 * 1024 * 1024
    max_docx_uncompressed: int = 50 * 1024 * 1024  # zip-bomb guard: sum of declared entry sizes
    max_docx_seconds: float = 10.0  # reading time, checked between paragraphs, rows and every 1,024 runs
    # XML nodes (start tags plus attributes) in all of the package's parts, counted from the zip
    # before python-docx parses them: lxml holds 120-230 bytes a node and parses ~0.7 M a second on
    # a 2-core machine, so this is ~250 MB and 1.5 s at most. A 100-page report holds ~200,000;
    # a 158 kB file of 2.2 M empty runs held 4.4 M (1.2 GB, over 30 s).
    max_docx_xml_nodes: int = 1_000_000
    max_docx_entries: int = 2000
    max_html_depth: int = 400  # element nesting; libxml2 alone would silently cut at 256
    # trafilatura's cost grows with elements and attribute text: on a 2-core machine 20,000 bare
    # elements take 1.5 s, 20,000 with 0.9 MB of class attributes 3 s, 5 MB of them over 10 s. A
    # long news page has 2,000-10,000 elements and 100-400 kB of tags: these refuse only what no
    # article page needs.
    max_html_elements: int = 20_000
    max_html_markup: int = 1_000_000  # characters of start tags, attributes included
    max_html_attributes: int = 1_000  # on one element; libxml2 checks duplicates in quadratic time
    # Characters of text between the tags (scripts, styles and comments aside): five articles' worth.
    # trafilatura and htmldate cost ~0.5 s of CPU a MB of it; 5 MB of text took 5 s before the
    # character limit could refuse it.
    max_html_text: int = 1_000_000
    max_html_seconds: float = 10.0  # reading time, checked before parsing, extracting and walking
    max_chars: int = 200_000  # characters of text per document after extraction


class _Clock:
    """A reading-time budget that started when the object was made; `check()` refuses once it is spent."""

    def __init__(self, name: str, kind: str, seconds: float):
        self.name, self.kind, self.seconds = name, kind, seconds
        self.deadline = monotonic() + seconds
        self._ticks = 0

    def check(self) -> None:
        if monotonic() > self.deadline:
            raise DocumentTooLargeError(
                self.name, f"This {self.kind} took more than {self.seconds:g} seconds to read. Paste its text instead."
            )

    def tick(self) -> None:
        """Count one step of a tight loop; look at the clock every 1,024 steps (monotonic() costs ~50 ns)."""
        self._ticks += 1
        if not self._ticks & 1023:
            self.check()


# --- public API ------------------------------------------------------------------------------


def read_document(
    name: str, data: bytes | str, *, limits: IngestLimits = IngestLimits(), charset: str | None = None
) -> Document:
    """Read one uploaded file or pasted text into a Document.

    Args:
        name: the file name as the user gave it; only shown in messages and kept as
            `Document.name` (directory parts dropped). Never opened as a path.
        data: the file's bytes, or text already decoded (a paste).
        limits: size and time bounds.
        charset: the character set a web server declared for `data` (its Content-Type header): used
            when the bytes are not UTF-8, before the page's own declaration and any guess.

    Returns:
        A Document whose text keeps paragraphs apart with blank lines. Empty or blank plain text
        gives a Document with empty text; deciding that there is nothing to summarise is the
        pipeline's job.

    Raises:
        DocumentTooLargeError: the file, its unpacked size, its page count, its nesting, its
            reading time or its text is over a limit.
        UnsupportedFileTypeError: the content is not text, HTML, Markdown, PDF or DOCX.
        UnreadableDocumentError: the file is of a supported type but damaged, encrypted, or a
            PDF without a text layer.
    """
    name = _display_name(name)
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, (bytes, str)):
        raise TypeError(f"read_document() takes bytes or str, not {type(data).__name__}")

    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise DocumentTooLargeError(
            name,
            f"The file is {_size(size)}; each file may be at most {_size(limits.max_bytes)}. "
            "Split it, or paste the part you need.",
        )

    if isinstance(data, bytes):
        if data.lstrip()[:5] == b"%PDF-":
            document = _read_pdf(name, data, limits)
        elif data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            document = _read_docx(name, data, limits)
        else:
            document = _read_text(name, _decode(name, data, charset), limits)
    else:
        document = _read_text(name, data, limits)

    if len(document.text) > limits.max_chars:
        raise DocumentTooLargeError(
            name,
            f"The document has {len(document.text):,} characters of text; the limit is "
            f"{limits.max_chars:,}. Split it, or paste the part you need.",
        )
    return document


def document_from_text(
    text: str,
    *,
    title: str = "",
    url: str | None = None,
    date: str | None = None,
    name: str = "",
    outlet: str = "",
    limits: IngestLimits = IngestLimits(),
) -> Document:
    """Read pasted text (a page's box, an API `text` document, standard input) as an uploaded file of the
    same content is read: HTML source by the HTML reader, Markdown by the Markdown reader, anything else
    as plain text, normalised as files are.

    Pasted HTML must look like a page or a fragment of one (it opens with a tag, or holds several): a
    lone "<p>" quoted in prose does not make a paste HTML, as it would a file.

    Metadata given here wins over what the text says; it is passed through with surrounding whitespace
    removed, and empty strings become "" for `title`, `name` and `outlet` and None for `url` and `date`.

    Raises:
        DocumentTooLargeError: pasted HTML over one of the limits on a web page's shape.
        UnreadableDocumentError: pasted HTML in which no article text was found.
    """
    name = _display_name(name)
    read = _read_text(name, text, limits, pasted=True)
    return replace(
        read,
        title=_one_line(title) or read.title,
        title_typed=bool(_one_line(title)),
        url=_one_line(url or "") or read.url,
        date=_one_line(date or "") or read.date,
        outlet=_one_line(outlet) or read.outlet,
    )


# A line of three or more dashes, alone on its line (spaces around it allowed).
_DASH_LINE = re.compile(r"[ \t]*-{3,}[ \t]*")


def split_pasted(text: str) -> list[str]:
    """Split a paste holding several articles at lines of three or more dashes (`---`, `-----`).

    In a paste that reads as Markdown, a dash line right under a short line that does not end as a
    sentence or a tag does ("What changed") underlines a heading (a setext heading) and does not split;
    under the end of an article ("...officials said.", "</html>") or after a blank line it splits. In
    any other paste every dash line splits, as `---` always has.

    Returns the non-empty pieces, stripped, in order.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    markdown = _looks_like_markdown(text)
    pieces: list[str] = []
    current: list[str] = []
    under_heading = False  # the line before could be a setext heading's text
    for line in text.split("\n"):
        if _DASH_LINE.fullmatch(line) and not (markdown and under_heading):
            pieces.append("\n".join(current))
            current = []
            under_heading = False
            continue
        current.append(line)
        under_heading = _could_be_heading(line)
    pieces.append("\n".join(current))
    return [piece.strip() for piece in pieces if piece.strip()]


_SETEXT_MAX_WORDS = 12  # a heading is a few words; a paragraph's last line is most often longer or a sentence's end
_ENDS_LIKE_TEXT = re.compile(r"""[.!?;:,"'\u201d\u2019>\]]\s*$""")


def _could_be_heading(line: str) -> bool:
    """A line a dash line under it would underline: a few words that do not end as a sentence or a tag."""
    words = line.split()
    return 0 < len(words) <= _SETEXT_MAX_WORDS and not _ENDS_LIKE_TEXT.search(line)


# --- names, sizes and text normalisation ------------------------------------------------------


def _display_name(name: str) -> str:
    """The last path component of `name`, without control or bidi characters (it goes in messages)."""
    base = re.split(r"[\\/]", name or "")[-1]
    return _one_line(base)


def _one_line(value: str) -> str:
    return " ".join(_normalise(value).split())


def _size(size: int) -> str:
    """A byte count as a person reads it: 812 bytes, 40 KB, 5 MB, 6.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


# Compatibility characters are read as what they stand for (NFKC): ligatures ("ﬁ" -> "fi", which PDFs
# printed from a browser are full of), full-width and half-width forms, no-break spaces, letter-like
# symbols. Kept as they are: superscripts and subscripts ("10⁶" is not "106"), fractions ("1½" is not
# "11⁄2"), the ellipsis, spacing accents, which NFKC turns into a space and a combining mark, and
# full-width punctuation ("，", "？", "："), the ordinary punctuation of Chinese and Japanese text.
_KEPT_COMPATIBILITY = ("<super>", "<sub>", "<fraction>")
_KEPT_CHARACTERS = frozenset("\u2026")


@functools.lru_cache(maxsize=8192)
def _compatibility_form(char: str) -> str:
    """`char` as NFKC reads it, or `char` itself where that would change its meaning or look."""
    decomposition = unicodedata.decomposition(char)
    if char in _KEPT_CHARACTERS or decomposition.startswith(_KEPT_COMPATIBILITY):
        return char
    if decomposition.startswith("<wide>") and not char.isalnum():
        return char
    folded = unicodedata.normalize("NFKC", char)
    if folded[:1].isspace() and any(unicodedata.combining(c) for c in folded):
        return char  # "´" -> " ́"
    return folded


def _fold_compatibility(text: str) -> str:
    table = {ord(c): _compatibility_form(c) for c in set(text) if c >= "\u00a0"}
    return text.translate({code: form for code, form in table.items() if form != chr(code)})


def _normalise(text: str) -> str:
    """NFC, with compatibility characters folded (see _compatibility_form); newlines as `\\n`; no
    control, bidi-override or BOM characters; lines right-stripped; at most one blank line between
    paragraphs; no blank lines at either end."""
    text = without_odd_characters(text)
    text = unicodedata.normalize("NFC", _fold_compatibility(text))
    text = "\n".join(line.rstrip(" \t\u00a0") for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n").strip()


def _paragraphs(blocks: list[str]) -> str:
    return _normalise("\n\n".join(b.strip() for b in blocks if b and b.strip()))


# --- decoding bytes of unknown encoding -------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text in any 8-bit or multi-byte encoding we accept (ESC, 0x1B, is
# allowed for ISO-2022-JP). A stray one is dropped with the other control characters; more than
# 1% of the file means binary data (random bytes hold about 11%, text without a BOM none).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_MAGIC = (
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office file (.doc, .xls or .ppt); save it as .docx first"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt first"),
)


def _unsupported(name: str, what: str = "") -> UnsupportedFileTypeError:
    lead = f"This is {what}, which the summariser cannot read." if what else (
        "This is not a file type the summariser can read."
    )
    return UnsupportedFileTypeError(name, f"{lead} {SUPPORTED}")


def _decode(name: str, data: bytes, served_as: str | None = None) -> str:
    """Text from bytes: BOM, then strict UTF-8, then the charset the server declared (`served_as`), then
    a web page's own declaration, then charset-normalizer's best guess.

    UTF-8 goes before the server's word: a page in UTF-8 served as ISO-8859-1 is a common slip, and
    legacy bytes are almost never valid UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableDocumentError(
                    name, f"The file says it is {encoding.upper()} text but is damaged. {SUPPORTED}"
                ) from exc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _unsupported(name, what)
    if (len(data) - len(data.translate(None, _CONTROL_BYTES))) * 100 > len(data):
        raise _unsupported(name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    served = _page_encoding(served_as) if served_as else None
    if served and not served.startswith(NOT_A_CHARSET):
        try:
            return data.decode(served)
        except UnicodeError:
            pass  # the server's word is wrong: read on as if it had said nothing
    declared = _declared_charset(data)
    if declared and declared.startswith(NOT_A_CHARSET):
        raise _unsupported(
            name,
            f"a web page that declares its character set as \"{declared[len(NOT_A_CHARSET):]}\", which is not "
            "a text encoding; save the page again as UTF-8, or paste its text",
        )
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeError, LookupError):  # UnicodeError too: idna and "undefined" raise it bare
            pass  # the declaration is wrong; guess as if there were none
    try:
        matches = from_bytes(data)
        if not matches:
            # Short CJK texts can score just above the default chaos threshold (0.2); a looser
            # one still ranks the right codec first, and the control-byte check above already
            # turned away binary data.
            matches = from_bytes(data, threshold=0.5)
        best = matches.best()
        if best is None:
            raise _unsupported(name)
        # Ties between Western single-byte codecs are broken arbitrarily (cp1250 often wins);
        # Windows-1252 is by far the commonest of them for news text, so it wins a tie.
        for match in matches:
            if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
                best = match
        return str(best)
    except SummarizerError:
        raise
    except Exception as exc:  # charset-normalizer on hostile input
        raise _unsupported(name) from exc


_DECLARED_CHARSET = re.compile(
    rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)|<\?xml\b[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)",
    re.IGNORECASE,
)


_NOT_PAGE_ENCODINGS = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7", "charmap", "mbcs", "oem"}
)


NOT_A_CHARSET = "not a charset: "  # _declared_charset's answer for a codec that is no character set


def _declared_charset(data: bytes) -> str | None:
    """The encoding a web page declares near its start (`<meta charset>`, `<?xml encoding>`).

    Labels are read as browsers read them (WHATWG): latin-1 and ASCII mean Windows-1252, and a
    UTF-16 label on bytes we could read the label from is wrong. charset-normalizer alone may
    overrule a declaration on short pages (it read a cp1252 page labelled latin-1 as cp1257).
    """
    match = _DECLARED_CHARSET.search(data, 0, 4096)
    if not match:
        return None
    return _page_encoding((match.group(1) or match.group(2)).decode("ascii"))


def _page_encoding(label: str) -> str | None:
    """The codec a charset label names, as browsers read labels; None for one no page is written in,
    NOT_A_CHARSET + label for a codec that is no character set at all."""
    label = label.strip().lower()
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # Python also has codecs a page cannot be written in: bytes-to-bytes ones (base64, hex, zlib, bz2,
    # uu, quopri) and rot13 are no character sets at all, and such a declaration is refused by
    # _decode (bytes.decode("base64") raised LookupError: it was a 500). Text codecs no browser
    # knows are ignored, as browsers ignore them, and the encoding is guessed.
    if not info._is_text_encoding:
        return NOT_A_CHARSET + label
    if info.name in _NOT_PAGE_ENCODINGS:
        return None
    encoding = info.name
    if encoding in ("iso8859-1", "ascii"):
        return "cp1252"
    if encoding.startswith(("utf-16", "utf-32")):
        return None
    return encoding


# --- text, HTML and Markdown ------------------------------------------------------------------

_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_SPACES = re.compile(r"\s*")
_HTML_TAG = re.compile(
    r"<(?:p|div|body|head|title|meta|article|section|main|span|br|table|h[1-6]|ul|ol|script|style)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_HTML_END_TAG = re.compile(
    r"</(?:p|div|body|head|title|article|section|main|span|table|h[1-6]|ul|ol|li|a|script|style)\s*>",
    re.IGNORECASE,
)
_HTML_SNIFF_CHARS = 2048  # "near the start": the head of a page, a paste's first paragraphs
_PASTED_HTML_TAGS = 4  # start and end tags of page structure that make a paste HTML: "<p>...</p>" twice
_MARKDOWN_NAME = re.compile(r"\.(?:md|markdown)$", re.IGNORECASE)
# Every repeated class below stops at the character that ends it (or at a bracket), so no
# pattern rescans the text from each start: hostile input stays linear.
# Strong emphasis (`**Bold**`) and a line that opens with emphasis (`*By Staff Reporter* | [Share]`)
# count too; a lone `*` ("5* hotel", "2 * 3") does not.
_MARKDOWN_SIGNS = re.compile(
    r"^\#{1,6}[ \t]+\S|^[ \t]*(?:```|~~~)|\[[^\[\]\n]+\]\([^()\[\]\s]+[)\s]"
    r"|\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*|^[ \t]*\*[^*\s](?:[^*\n]*[^*\s])?\*(?![*\w])",
    re.MULTILINE,
)


def _starts_like_html(text: str) -> bool:
    """Whether the text opens with a doctype, <html>, <head> or <body>, after any XML declaration
    and comments (skipped with str.find: a regex here backtracks badly on many comments)."""
    at = _SPACES.match(text).end()
    if text.startswith("<?xml", at):
        at = text.find(">", at) + 1
        if at == 0:
            return False
    while True:
        at = _SPACES.match(text, at).end()
        if not text.startswith("<!--", at):
            return _HTML_ROOT.match(text, at) is not None
        at = text.find("-->", at + 4) + 3
        if at == 2:
            return False


def _looks_like_markdown(text: str) -> bool:
    return _MARKDOWN_SIGNS.search(text) is not None


def _looks_like_pasted_html(text: str) -> bool:
    """Whether a paste that does not open like a page is a fragment of one: it opens with a tag of
    page structure, or holds several of them near its start. A file needs only one (it was saved
    from somewhere); a paste of prose may quote a "<p>" or two."""
    at = _SPACES.match(text).end()
    if _HTML_TAG.match(text, at):
        return True
    head = text[:_HTML_SNIFF_CHARS]
    tags = 0
    for _ in itertools.chain(_HTML_TAG.finditer(head), _HTML_END_TAG.finditer(head)):
        tags += 1
        if tags >= _PASTED_HTML_TAGS:
            return True
    return False


def _read_text(name: str, text: str, limits: IngestLimits, *, pasted: bool = False) -> Document:
    """HTML, Markdown or plain text, told apart by content (and a .md name)."""
    text = _normalise(text)
    if _starts_like_html(text):
        return _read_html(name, text, limits)
    if _MARKDOWN_NAME.search(name):
        return _read_markdown(name, text, limits)
    if _looks_like_pasted_html(text) if pasted else _HTML_TAG.search(text, 0, _HTML_SNIFF_CHARS):
        return _read_html(name, text, limits)
    if _looks_like_markdown(text):
        return _read_markdown(name, text, limits)
    return Document(text=text, name=name)


_HTML_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen command basefont "
    "frame isindex".split()
)
# Elements whose end tag may be left out (the parser closes them) do not count towards nesting.
_HTML_OPTIONAL_END = frozenset(
    "html head body p li dt dd option optgroup tr td th thead tbody tfoot colgroup rt rp".split()
)
_HTML_SCAN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|xmp|noscript|template)\b[^<>]*>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>",
    re.IGNORECASE | re.DOTALL,
)


_HTML_ATTRIBUTE = re.compile(r"""\s[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_LONG_TAG = 2000  # characters; only start tags this long have their attributes counted


# Past any of these a page is read by trafilatura's own extractor alone ("fast": no readability or
# jusText fallback) and its date only from metadata, not by a search of the whole text. On a
# 2-core machine the fallbacks and the date search cost, beyond the linear work: jusText's
# classification is quadratic in consecutive short blocks (4,000 took 2.8 s, 19,000 over 200 s);
# readability walks every container's descendants and copies their text (19,000 divs nested 390
# deep took 9 s); htmldate searches the text with ~10 patterns (0.7 s a MB). A long news page has
# 300-1,200 text blocks, 30-150 kB of text and nests 10-30 deep, well inside all four; the
# cheap path reads the heaviest legal page (20,000 elements, 1 MB of text, 390 deep) in ~2 s.
_HTML_FULL_MAX_BLOCKS = 1_500  # runs of text between tags
_HTML_FULL_MAX_TEXT = 250_000  # characters of text between tags
_HTML_FULL_MAX_ELEMENT_DEPTH = 150_000  # sum over elements of how deep each sits
_HTML_FULL_MAX_TEXT_DEPTH = 10_000_000  # sum over characters of text of how deep each sits


@dataclass
class _HtmlShape:
    """What a linear scan of a page's tags found: a reason to refuse it, or whether it is heavy."""

    problem: str | None = None
    elements: int = 0
    text: int = 0  # characters between tags, not counting scripts, styles and comments
    blocks: int = 0  # runs of text between tags that are not blank
    element_depth: int = 0
    text_depth: int = 0

    @property
    def heavy(self) -> bool:
        return (
            self.blocks > _HTML_FULL_MAX_BLOCKS
            or self.text > _HTML_FULL_MAX_TEXT
            or self.element_depth > _HTML_FULL_MAX_ELEMENT_DEPTH
            or self.text_depth > _HTML_FULL_MAX_TEXT_DEPTH
        )


def _html_shape(html: str, limits: IngestLimits) -> _HtmlShape:
    """Why the page would cost too much to parse (nesting, elements, attributes, text), and how
    heavy it is, by a linear scan of the tags before parsing."""
    shape = _HtmlShape()
    stack: list[str] = []
    markup = last = 0
    for match in _HTML_SCAN.finditer(html):
        start, end = match.span()
        if start > last and not html[last:start].isspace():
            shape.text += start - last
            shape.blocks += 1
            shape.text_depth += (start - last) * len(stack)
            if shape.text > limits.max_html_text:
                shape.problem = (
                    f"This web page holds more than {limits.max_html_text:,} characters of text; an article "
                    f"may have at most {limits.max_chars:,}."
                )
                return shape
        last = end
        closing, tag, self_closing = match.group(2, 3, 4)
        if tag is None:
            continue
        if not closing:
            shape.elements += 1
            shape.element_depth += len(stack)
            markup += end - start
            if shape.elements > limits.max_html_elements:
                shape.problem = f"This web page has more than {limits.max_html_elements:,} elements."
                return shape
            if markup > limits.max_html_markup:
                shape.problem = (
                    f"This web page's tags and attributes take more than {limits.max_html_markup:,} characters."
                )
                return shape
            if end - start > _LONG_TAG and (
                len(_HTML_ATTRIBUTE.findall(html, start, end)) > limits.max_html_attributes
            ):
                shape.problem = f"An element of this web page has more than {limits.max_html_attributes:,} attributes."
                return shape
        tag = tag.lower()
        if tag in _HTML_VOID or tag in _HTML_OPTIONAL_END or self_closing:
            continue
        if closing:
            if tag in stack:
                del stack[len(stack) - 1 - stack[::-1].index(tag) :]
        else:
            stack.append(tag)
            if len(stack) > limits.max_html_depth:
                shape.problem = f"This web page nests its elements more than {limits.max_html_depth} levels deep."
                return shape
    if len(html) > last and not html[last:].isspace():
        shape.text += len(html) - last
        shape.blocks += 1
        if shape.text > limits.max_html_text:
            shape.problem = (
                f"This web page holds more than {limits.max_html_text:,} characters of text; an article "
                f"may have at most {limits.max_chars:,}."
            )
    return shape


def _read_html(name: str, html: str, limits: IngestLimits) -> Document:
    """Main text and metadata of a web page, by trafilatura on a tree we parse ourselves."""
    clock = _Clock(name, "web page", limits.max_html_seconds)
    shape = _html_shape(html, limits)
    if shape.problem:
        raise DocumentTooLargeError(
            name, f"{shape.problem} Copy the article's text from your browser and paste it instead."
        )
    # lxml refuses str input that declares an encoding; the text is decoded already.
    html = re.sub(r"\A\s*<\?xml[^>]*>", "", html)
    clock.check()
    try:
        # huge_tree lifts libxml2's 256-level cap, which drops deeper text without a word; the
        # scan above keeps nesting within what trafilatura's recursive walks handle.
        parser = lxml.html.HTMLParser(
            huge_tree=True, remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
        )
        tree = lxml.html.document_fromstring(html, parser=parser)
        clock.check()
        heavy = shape.heavy
        result = trafilatura.bare_extraction(
            tree,
            fast=heavy,
            date_extraction_params=set_date_params(extensive=not heavy),
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except SummarizerError:
        raise
    except Exception as exc:  # lxml's ParserError on an empty page, anything trafilatura raises
        raise UnreadableDocumentError(
            name, "This web page could not be read. Copy the article's text and paste it instead."
        ) from exc

    clock.check()
    body = getattr(result, "body", None)
    if body is not None:
        text = _paragraphs(_tree_blocks(body))
    else:  # trafilatura's text has one line per block, list items marked "- "
        text = _paragraphs((getattr(result, "text", None) or "").split("\n"))
    if not text:
        raise UnreadableDocumentError(
            name,
            "No article text was found in this web page; it may need JavaScript to show it. "
            "Copy the article's text from your browser and paste it instead.",
        )
    url = _one_line(getattr(result, "url", None) or "")
    date = getattr(result, "date", None) or ""
    return Document(
        text=text,
        title=_one_line(getattr(result, "title", None) or ""),
        url=url if re.match(r"https?://\S+\Z", url, re.IGNORECASE) else None,
        date=date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", date) else None,
        name=name,
        outlet=_site_name(getattr(result, "sitename", None)),
    )


def _site_name(sitename: str | None) -> str:
    """The page's own name for its site (og:site_name, a publisher tag, the title's "| The Local"), or ""
    when trafilatura fell back on a host name ("thelocal.se"): naming a site by its host is left to the
    label, which knows the address too."""
    name = _one_line(sitename or "")
    if len(name) > 80 or re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", name, re.IGNORECASE):
        return ""
    return name


# Elements of trafilatura's output tree that start a block of their own; the rest are inline.
_BLOCK_TAGS = frozenset(
    {"body", "doc", "main", "div", "p", "head", "list", "item", "table", "row", "cell", "quote", "code"}
)


def _tree_blocks(root: etree._Element) -> list[str]:
    """Text blocks of trafilatura's output tree, in order: each paragraph, heading, list item,
    table cell, quotation and code block apart (no list markers or table rules); a line break
    inside a block stays a single newline."""
    blocks: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        text = "".join(parts).strip()
        if text:
            blocks.append(text)
        parts.clear()

    def walk(element: etree._Element) -> None:  # recursion depth is bounded by the nesting check before parsing
        block = element.tag in _BLOCK_TAGS
        if block:
            flush()
        parts.append("\n" if element.tag == "lb" else element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if block:
            flush()

    walk(root)
    flush()
    return blocks


_FENCE = re.compile(r"^(`{3,}|~{3,})")
_ATX = re.compile(r"(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_RULE = re.compile(r"^([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+")
_REFERENCE = re.compile(r"^\[[^\]]+\]:[ \t]*\S+")
_TABLE_RULE = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$")
_INLINE = (
    (re.compile(r"!\[[^\[\]]*\](?:\([^()]*\)|\[[^\[\]]*\])"), ""),  # images
    (re.compile(r"\[([^\[\]]+)\]\([^()\s]*(?:\s+(?:\"[^\"()]*\"|'[^'()]*'))?\)"), r"\1"),  # links
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    # A run of backticks is taken whole (possessive, and never entered from inside): the old
    # `+([^`]+)`+ retried every suffix of a long run, 28 s for 60 kB of backticks.
    (re.compile(r"(?<!`)`++([^`]++)`+"), r"\1"),  # code spans
)
_EMPHASIS = (  # run twice, so that emphasis inside strong (or the reverse) goes too
    (re.compile(r"\*\*(?=[^\s*])([^*]+)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)__(?=[^\s_])([^_]+)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=[^\s~])([^~]+)(?<=\S)~~"), r"\1"),
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~<])")
_PLACEHOLDER = 0xF0000  # escaped characters hide in plane 15 (private use) while markup goes


_INLINE_MARKS = re.compile(r"[\\`*_~\[<]")


def _inline_markdown(text: str) -> str:
    if not _INLINE_MARKS.search(text):  # most blocks: 16 substitutions cost ~50 µs for nothing
        return " ".join(text.split())
    text = _ESCAPED.sub(lambda m: chr(_PLACEHOLDER + ord(m.group(1))), text)
    for pattern, replacement in (*_INLINE, *_EMPHASIS, *_EMPHASIS):
        text = pattern.sub(replacement, text)
    text = re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - _PLACEHOLDER), text)
    return " ".join(text.split())


def _atx_text(rest: str) -> str:
    """A heading's text without the optional closing run of #s."""
    rest = rest.strip()
    bare = rest.rstrip("#")
    return bare.rstrip() if bare != rest and (not bare or bare[-1] in " \t") else rest


def _read_markdown(name: str, text: str, limits: IngestLimits) -> Document:
    """Markdown as plain paragraphs: headings, list items and table rows each their own.

    Stops as soon as the blocks read so far are over the character limit: each line costs ~10 µs
    (a block, up to 20 patterns), so 5 MB of one-character lines took 30 s to reach the end."""
    blocks: list[str] = []  # plain text blocks, already converted
    counted = written = 0  # blocks whose characters are counted, and those characters
    lines: list[str] = []  # lines of the paragraph being read
    code: list[str] | None = None  # lines of an open fenced block
    fence = ""
    title = ""

    def flush() -> None:
        if lines:
            blocks.append(_inline_markdown(" ".join(lines)))
            lines.clear()

    for raw in text.split("\n"):
        if len(blocks) > counted:
            written += sum(len(block) + 2 for block in blocks[counted:])
            counted = len(blocks)
            if written > limits.max_chars:
                raise DocumentTooLargeError(
                    name,
                    f"The document has more than {limits.max_chars:,} characters of text; the limit is "
                    f"{limits.max_chars:,}. Split it, or paste the part you need.",
                )
        line = raw.strip()
        if code is not None:
            if line.startswith(fence) and not line.strip(fence[0]):
                blocks.append("\n".join(code))
                code = None
            else:
                code.append(raw.rstrip())
            continue
        if fence_match := _FENCE.match(line):
            flush()
            fence, code = fence_match.group(1), []
            continue
        line = re.sub(r"^(?:>[ \t]?)+", "", line).strip()  # block quotes
        if not line:
            flush()
        elif lines and _SETEXT.match(line):
            heading = _inline_markdown(" ".join(lines))
            lines.clear()
            blocks.append(heading)
            if line[0] == "=" and not title:
                title = heading
        elif _RULE.match(line) or _REFERENCE.match(line) or _TABLE_RULE.match(line) and "|" in line:
            flush()
        elif atx := _ATX.match(line):
            flush()
            heading = _inline_markdown(_atx_text(line[atx.end() :]))
            blocks.append(heading)
            if len(atx.group(1)) == 1 and heading and not title:
                title = heading
        elif item := _LIST_ITEM.match(line):
            flush()
            lines.append(line[item.end() :])
        elif line.startswith("|"):
            flush()
            blocks.append(_inline_markdown(" | ".join(c.strip() for c in line.strip("|").split("|"))))
        else:
            lines.append(line)
    flush()
    if code:
        blocks.append("\n".join(code))
    return Document(text=_paragraphs(blocks), title=title, name=name)


# --- PDF --------------------------------------------------------------------------------------


def _damaged(name: str, kind: str) -> UnreadableDocumentError:
    return UnreadableDocumentError(
        name, f"This {kind} is damaged or incomplete and could not be read. Paste its text instead."
    )


# pypdf's bounds on unpacking one stream (75 MB each by default), lowered to max_pdf_stream_bytes.
_PYPDF_OUTPUT_LIMITS = (
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "jbig2_maximum_output_length",
    "array_based_stream_maximum_output_length",
)


class _OutOfTime(Exception):
    """Raised from pypdf's per-operator callback once a PDF has used up its reading time."""


def _read_pdf(name: str, data: bytes, limits: IngestLimits) -> Document:
    """The text layer of a PDF, page by page, within the page, stream size, time and character limits."""
    with apply_configuration(**dict.fromkeys(_PYPDF_OUTPUT_LIMITS, limits.max_pdf_stream_bytes)):
        return _read_pdf_pages(name, data, limits)


def _read_pdf_pages(name: str, data: bytes, limits: IngestLimits) -> Document:
    deadline = monotonic() + limits.max_pdf_seconds
    too_slow = DocumentTooLargeError(
        name, f"This PDF took more than {limits.max_pdf_seconds:g} seconds to read. Paste its text instead."
    )
    too_dense = DocumentTooLargeError(
        name,
        f"A page of this PDF unpacks to more than {_size(limits.max_pdf_stream_bytes)} of drawing instructions. "
        "Paste its text instead.",
    )

    def check_clock(*_operator) -> None:  # pypdf calls it before each drawing operator of a page
        if monotonic() > deadline:
            raise _OutOfTime

    def too_many_pages(count: int) -> DocumentTooLargeError:
        return DocumentTooLargeError(
            name,
            f"This PDF has {count} pages; the limit is {limits.max_pdf_pages}. Split it, or paste the part you need.",
        )

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # an unsupported algorithm, a missing crypto library
                opened = 0
            if not opened:
                raise UnreadableDocumentError(
                    name, "This PDF is password-protected. Remove the password, or paste its text instead."
                )
        # The count the file declares refuses a long PDF at once; walking the page tree (below,
        # for the true count) takes seconds for tens of thousands of pages.
        declared = reader.trailer["/Root"]["/Pages"].get("/Count")
        if isinstance(declared, int) and declared > limits.max_pdf_pages:
            raise too_many_pages(declared)
        page_count = len(reader.pages)
    except SummarizerError:
        raise
    except Exception as exc:
        raise _damaged(name, "PDF") from exc
    if page_count == 0:
        raise _damaged(name, "PDF")
    if page_count > limits.max_pdf_pages:
        raise too_many_pages(page_count)

    pages: list[str] = []
    chars = 0
    for index in range(page_count):
        if monotonic() > deadline:
            raise too_slow
        try:
            page_object = reader.pages[index]
            contents = page_object.get_contents()
            # pypdf parses a page's instructions whole before it reads the first one: refuse first.
            if contents is not None and len(contents.get_data()) > limits.max_pdf_stream_bytes:
                raise too_dense
            # ...and builds every font the page (or a form it draws) names before that: refuse first too.
            font_bytes = _pdf_font_bytes(page_object, deadline)
            if font_bytes > limits.max_pdf_font_bytes:
                raise DocumentTooLargeError(
                    name,
                    f"A page of this PDF uses more than {_size(limits.max_pdf_font_bytes)} of font tables "
                    f"({_size(font_bytes)}, counting a table again for each font name that shares it). "
                    "Paste its text instead.",
                )
            raw = page_object.extract_text(visitor_operand_before=check_clock) or ""
        except SummarizerError:
            raise
        except _OutOfTime:
            raise too_slow from None
        except LimitReachedError:
            raise too_dense from None
        except Exception as exc:
            raise _damaged(name, "PDF") from exc
        page = _normalise(raw)
        if page:
            pages.append([line.strip() for line in page.split("\n")])
            chars += len(page) + 2
            if chars > limits.max_chars:
                raise DocumentTooLargeError(
                    name,
                    f"This PDF has more than {limits.max_chars:,} characters of text. "
                    "Split it, or paste the part you need.",
                )

    pages, removed, url = _strip_page_furniture(pages)
    text = _paragraphs([_reflow_pdf_page("\n".join(lines)) for lines in pages])
    if not text:
        if b"%%EOF" not in data[-1024:]:
            raise _damaged(name, "PDF")
        raise UnreadableDocumentError(
            name, "This PDF has no text layer; it may be a scanned image. Paste its text instead."
        )
    return Document(text=text, title=_pdf_title(reader), url=url, name=name, removed=removed)


# Page headers and footers: what a browser prints on every page, and lines repeated at the edges of pages.
PAGE_FURNITURE = "page header"  # the kind of Removed they are reported as
_PAGE_EDGE_LINES = 3  # lines at either end of a page's text; Chromium draws its header and footer last
_REPEATED_MAX_CHARS = 200  # a header or footer is one short line; a longer repeated line is left alone
_REPEATED_FIGURES_MAX_WORDS = 8  # a line told apart only by its figures ("Page 2 of 5") is this short
# "12/1/26, 9:30 AM Goteborg fire", "01.12.2026, 09:30 Title": when the page was printed, then its title.
_PRINT_HEADER = re.compile(
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+\S.*)?"
)
# "file:///home/x/page.html 1/1", "https://site/article 2 of 3": the page's address and its page number.
_PRINT_FOOTER = re.compile(r"(?P<address>(?:https?|file)://\S+|about:blank)\s+\d{1,4}\s*(?:/|of)\s*\d{1,4}", re.I)
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4}|page\s+\d{1,4}", re.IGNORECASE)


def _strip_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], tuple[Removed, ...], str | None]:
    """Take page headers and footers off the pages' lines: the date, title, address and page number a
    browser prints on each page (found by their shape, so on a one-page PDF too), and any short line
    found at the edge of at least half the pages (two at least), compared as is or, when short, with
    its figures blanked ("Page 2 of 5", "https://site/a 2/3", a date that changes).

    Returns:
        The pages' lines without them; each removed line once, as a Removed of kind "page header";
        the address of a printed http(s) page, the article's own.
    """

    def edges(lines: list[str]) -> list[int]:
        filled = [i for i, line in enumerate(lines) if line]
        if len(filled) <= 2 * _PAGE_EDGE_LINES:
            return filled
        return filled[:_PAGE_EDGE_LINES] + filled[-_PAGE_EDGE_LINES:]

    def as_is(line: str) -> str:
        return " ".join(line.casefold().split())

    def figures_blanked(line: str) -> str:
        return re.sub(r"\d+", "#", as_is(line))

    repeated: Counter[str] = Counter()
    if len(pages) >= 2:
        for lines in pages:
            keys = set()
            for i in edges(lines):
                if len(lines[i]) <= _REPEATED_MAX_CHARS:
                    keys.add(as_is(lines[i]))
                    if len(lines[i].split()) <= _REPEATED_FIGURES_MAX_WORDS:
                        keys.add("\0" + figures_blanked(lines[i]))
            repeated.update(keys)
    needed = max(2, -(-len(pages) // 2))

    def reason_to_drop(line: str) -> str | None:
        if _PRINT_HEADER.fullmatch(line):
            return "Page header printed by the browser: the date and time of printing and the page's title"
        if _PRINT_FOOTER.fullmatch(line):
            return "Page footer printed by the browser: the page's address and the page number"
        if _PAGE_NUMBER.fullmatch(line):
            return "Page number"
        if len(line.split()) > _REPEATED_FIGURES_MAX_WORDS and line.endswith((".", "!", "?")):
            return None  # a sentence, not a running head, even if a page break happens to fall after it
        if repeated[as_is(line)] >= needed or repeated["\0" + figures_blanked(line)] >= needed:
            return "Line repeated at the top or bottom of the pages (a page header or footer)"
        return None

    removed: dict[str, Removed] = {}
    url = None
    kept_pages = []
    for lines in pages:
        dropped = set()
        filled = [i for i, line in enumerate(lines) if line]
        # Peeled from each end inwards: the first line that is not furniture ends the page's edge.
        for order in (filled[:_PAGE_EDGE_LINES], filled[::-1][:_PAGE_EDGE_LINES]):
            for i in order:
                reason = reason_to_drop(lines[i]) if i not in dropped else None
                if reason is None:
                    break
                dropped.add(i)
                removed.setdefault(lines[i], Removed(PAGE_FURNITURE, reason, lines[i]))
                footer = _PRINT_FOOTER.fullmatch(lines[i])
                if url is None and footer and footer.group("address").lower().startswith(("http://", "https://")):
                    url = footer.group("address")
        kept_pages.append([line for i, line in enumerate(lines) if i not in dropped])
    return kept_pages, tuple(removed.values()), url


_PDF_ARRAY_ITEM_BYTES = 16  # what one entry of a /Widths, /W or /Differences array costs pypdf, in map bytes
_PDF_MAX_FORMS = 5_000  # forms walked per page: pypdf's own cap on form invocations per extraction


def _pdf_font_bytes(page: object, deadline: float) -> int:
    """The most font-table bytes pypdf parses for any one resource dictionary of the page (the page's
    own, or a form's it reaches) before that content's first drawing operator.

    pypdf builds each font *name* in a resource dictionary afresh (pypdf 7: Font.from_font_resource
    per name, no cache), so a map shared by many names counts once per name. Forms are counted
    apart: pypdf calls our clock between form invocations, so only one dictionary's fonts are ever
    parsed without a time check. Streams are decoded once (pypdf keeps the decoded data).
    """
    worst = 0
    seen: set[int] = set()
    pending = [page]
    forms = 0
    while pending and forms <= _PDF_MAX_FORMS:
        if monotonic() > deadline:
            raise _OutOfTime
        holder = pending.pop()
        resources = _pdf_get(holder, "/Resources")
        if not isinstance(resources, dict):
            continue
        total = 0
        fonts = _pdf_get(resources, "/Font")
        for key in fonts if isinstance(fonts, dict) else ():
            if monotonic() > deadline:
                raise _OutOfTime
            total += _pdf_one_font_bytes(_pdf_get(fonts, key))
        worst = max(worst, total)
        xobjects = _pdf_get(resources, "/XObject")
        for key in xobjects if isinstance(xobjects, dict) else ():
            form = _pdf_get(xobjects, key)
            if isinstance(form, dict) and _pdf_get(form, "/Subtype") == "/Form" and id(form) not in seen:
                seen.add(id(form))
                pending.append(form)
                forms += 1
    return worst


def _pdf_get(container: object, key: object) -> object:
    """container[key] with indirect references resolved; None for anything missing or broken."""
    try:
        value = container[key]  # type: ignore[index]
        return value.get_object() if hasattr(value, "get_object") else value
    except Exception:
        return None


def _pdf_array_bytes(value: object) -> int:
    """Entries of an array (one level of nested arrays included, as /W holds), in map bytes."""
    if not isinstance(value, list):
        return 0
    count = len(value)
    for item in value:
        if isinstance(item, list):
            count += len(item)
    return count * _PDF_ARRAY_ITEM_BYTES


def _pdf_stream_bytes(value: object) -> int:
    try:
        return len(value.get_data()) if hasattr(value, "get_data") else 0  # type: ignore[union-attr]
    except LimitReachedError:
        raise
    except Exception:
        return 0


def _pdf_one_font_bytes(font: object) -> int:
    """What pypdf parses to build one font: its /ToUnicode map (or, for a Type 1 font without one,
    the embedded font file), its encoding differences and its width arrays."""
    if not isinstance(font, dict):
        return 0
    cost = _pdf_stream_bytes(_pdf_get(font, "/ToUnicode"))
    if not cost and _pdf_get(font, "/Subtype") == "/Type1":
        cost = _pdf_stream_bytes(_pdf_get(_pdf_get(font, "/FontDescriptor") or {}, "/FontFile"))
    encoding = _pdf_get(font, "/Encoding")
    if isinstance(encoding, dict):
        cost += _pdf_array_bytes(_pdf_get(encoding, "/Differences"))
    cost += _pdf_array_bytes(_pdf_get(font, "/Widths"))
    descendants = _pdf_get(font, "/DescendantFonts")
    for descendant in descendants if isinstance(descendants, list) else ():
        descendant = descendant.get_object() if hasattr(descendant, "get_object") else descendant
        if isinstance(descendant, dict):
            cost += _pdf_array_bytes(_pdf_get(descendant, "/W"))
    return cost


_SHORT_LINE = 0.75  # a line under 3/4 of the page's longest ends a paragraph (or is a heading)


def _reflow_pdf_page(text: str) -> str:
    """Join a page's visual lines into paragraphs; undo hyphenation at line ends."""
    lines = [line.strip() for line in text.split("\n")]
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if not current:
            current = line
        elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        if len(line) < _SHORT_LINE * longest:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _pdf_title(reader: PdfReader) -> str:
    """The PDF's own title, unless it is a file name or a converter's label."""
    try:
        title = _one_line(str((reader.metadata or {}).get("/Title") or ""))
    except Exception:  # metadata is optional; a damaged dictionary is no title
        return ""
    if re.search(r"\.\w{2,4}\Z|\Amicrosoft \w+ - |\Auntitled", title, re.IGNORECASE) or len(title) > 300:
        return ""
    return title


# --- DOCX -------------------------------------------------------------------------------------


def _read_docx(name: str, data: bytes, limits: IngestLimits) -> Document:
    """Body paragraphs and table cells of a Word document, after checking the zip's size and node count."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except Exception as exc:
        if b"word/document.xml" in data:
            raise _damaged(name, "Word document") from exc
        raise _unsupported(name) from exc
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise _unsupported(name, "a ZIP archive but not a Word (.docx) document")
    if len(entries) > limits.max_docx_entries:
        raise DocumentTooLargeError(
            name,
            f"This Word document holds {len(entries):,} parts; the limit is {limits.max_docx_entries:,}. "
            "Paste its text instead.",
        )
    # Declared sizes are binding: zipfile stops reading an entry at its declared size.
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_docx_uncompressed:
        raise DocumentTooLargeError(
            name,
            f"This Word document unpacks to {_size(unpacked)}; the limit is "
            f"{_size(limits.max_docx_uncompressed)}. Paste its text instead.",
        )

    clock = _Clock(name, "Word document", limits.max_docx_seconds)
    nodes = _docx_xml_nodes(name, archive, entries, limits.max_docx_xml_nodes, clock)
    if nodes > limits.max_docx_xml_nodes:
        raise DocumentTooLargeError(
            name,
            f"This Word document is made of more than {limits.max_docx_xml_nodes:,} pieces of formatting "
            "(runs, tags and attributes), too many to read safely; Word splits text into a run at each "
            "change of formatting. Save it as plain text (.txt) or paste its text instead.",
        )
    clock.check()
    try:
        word = docx.Document(io.BytesIO(data))
        clock.check()
        # Paragraph.style searches every style on each call (a 40 kB file of 20,000 paragraphs took
        # 27 s): find the ids of the Title style once and compare each paragraph's style id.
        title_ids = {style.style_id for style in word.styles if style.name == "Title"}
        reading = _DocxText(name, limits, clock)
        for element in word.element.body.iterchildren(_W_P, _W_TBL):
            clock.check()
            if element.tag == _W_TBL:
                reading.table(element)
            else:
                reading.paragraph(element, title_ids)
        title = word.core_properties.title or reading.first_title
    except SummarizerError:
        raise
    except Exception as exc:
        raise _damaged(name, "Word document") from exc
    return Document(text=_paragraphs(reading.blocks), title=_one_line(title), name=name)


def _docx_xml_nodes(
    name: str, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limit: int, clock: _Clock
) -> int:
    """About how many XML nodes (start tags and attributes) the package's parts hold, counted from
    the unpacked bytes in 1 MB chunks without parsing; stops counting once over `limit`.

    Every part is counted, whatever its name: python-docx parses the parts the package's
    relationships name, and any of them can be the big one. Binary parts (images) add a stray
    count per 256 bytes at most, noise beside the limit.
    """
    nodes = 0
    try:
        for entry in entries:
            with archive.open(entry) as part:
                while chunk := part.read(1 << 20):
                    clock.check()
                    nodes += (
                        chunk.count(b"<") - chunk.count(b"</") + chunk.count(b'="') + chunk.count(b"='")
                    )
                    if nodes > limit:
                        return nodes
    except SummarizerError:
        raise
    except Exception as exc:  # a bad CRC, an encrypted or truncated entry
        raise _damaged(name, "Word document") from exc
    return nodes


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_R, _W_T, _W_TBL, _W_TR, _W_TC = (_W + tag for tag in ("p", "r", "t", "tbl", "tr", "tc"))
_W_HYPERLINK, _W_BR, _W_PPR, _W_PSTYLE, _W_TCPR, _W_VMERGE, _W_VAL, _W_TYPE = (
    _W + tag for tag in ("hyperlink", "br", "pPr", "pStyle", "tcPr", "vMerge", "val", "type")
)
# What python-docx's Run.text makes of a run's children besides <w:t> and <w:br> (a line break
# unless w:type says page or column).
_W_RUN_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


class _DocxText:
    """Text of a Word document's body read straight from lxml, as python-docx's Paragraph.text and
    Cell.text read it, but with the clock checked inside every loop and the character limit
    checked as text accrues: python-docx's own properties run an XPath per run (76 µs each), so
    one paragraph of a million runs was one uninterruptible minute."""

    def __init__(self, name: str, limits: IngestLimits, clock: _Clock):
        self.name, self.limits, self.clock = name, limits, clock
        self.blocks: list[str] = []
        self.chars = 0
        self.first_title = ""

    def _add(self, text: str) -> None:
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise DocumentTooLargeError(
                self.name,
                f"This Word document has more than {self.limits.max_chars:,} characters of text; the limit is "
                f"{self.limits.max_chars:,}. Split it, or paste the part you need.",
            )

    def _text(self, p: etree._Element) -> str:
        """One paragraph's text: its runs, and the runs of its hyperlinks."""
        parts: list[str] = []
        tick = self.clock.tick
        for child in p:
            tick()
            if child.tag == _W_R:
                runs = (child,)
            elif child.tag == _W_HYPERLINK:
                runs = child
            else:
                continue
            for run in runs:
                if run.tag != _W_R:
                    continue
                for item in run:
                    tick()
                    tag = item.tag
                    if tag == _W_T:
                        text = item.text or ""
                        self._add(text)
                        parts.append(text)
                    elif tag == _W_BR:
                        if item.get(_W_TYPE, "textWrapping") == "textWrapping":
                            parts.append("\n")
                    elif tag in _W_RUN_CHARS:
                        parts.append(_W_RUN_CHARS[tag])
        return "".join(parts)

    def paragraph(self, p: etree._Element, title_ids: set[str]) -> None:
        text = self._text(p)
        self.blocks.append(text)
        if not self.first_title and text.strip():
            style = p.find(f"{_W_PPR}/{_W_PSTYLE}")
            if style is not None and style.get(_W_VAL) in title_ids:
                self.first_title = text

    def table(self, tbl: etree._Element) -> None:
        """Each cell's paragraphs once: a horizontally merged cell is one <w:tc>, and the rows a
        vertically merged cell continues into are skipped (python-docx repeated its text per row,
        walking back up the table from each: quadratic in rows)."""
        for row in tbl.iterchildren(_W_TR):
            self.clock.check()
            seen: set[str] = set()
            for cell in row.iterchildren(_W_TC):
                self.clock.tick()
                merge = cell.find(f"{_W_TCPR}/{_W_VMERGE}")
                if merge is not None and merge.get(_W_VAL, "continue") == "continue":
                    continue
                text = "\n".join(self._text(p) for p in cell.iterchildren(_W_P))
                if text.strip() and text not in seen:
                    seen.add(text)
                    self.blocks.append(text)
