"""Builders of hostile but legal inputs (issue 8): each stays inside the documented limits
(50 articles, 200,000 characters each, 1,000,000 per request) yet once cost far more work than its size.

Plain functions returning what a client would send, so the tests (through `summarize()`) and
`bench/hostile.py` (over HTTP) build the very same payloads. Deterministic: no randomness without a seed.
"""

from __future__ import annotations

import random
import string

# --- the summarisation pipeline (segment -> group -> score -> select) -----------------------


def _pseudo_word(number: int, length: int = 6) -> str:
    """A distinct letters-only word per number ("baaaaa", "caaaaa", ...): never a stop word, never a figure."""
    letters = []
    for _ in range(length):
        number, digit = divmod(number, 26)
        letters.append(string.ascii_lowercase[digit])
    return "".join(letters)


def _take(pieces, chars: int, separator: str = " ") -> str:
    """Pieces from an iterator, joined by `separator`, up to `chars` characters."""
    out: list[str] = []
    used = 0
    for piece in pieces:
        if used + len(piece) + len(separator) > chars:
            break
        out.append(piece)
        used += len(piece) + len(separator)
    return separator.join(out)


def _fill(sentences, chars: int) -> str:
    """Sentences from an iterator, joined by spaces, up to `chars` characters."""
    return _take(sentences, chars)


def repeated_sentence_articles(articles: int = 5, chars: int = 190_000) -> list[str]:
    """Articles that are one news sentence said over and over (was 3.5 GB, then MemoryError in group.py)."""
    sentence = "The minister said the talks on the new trade agreement would resume in Brussels next week."
    return [_fill(iter(lambda: sentence, None), chars) for _ in range(articles)]


def near_repeat_articles(articles: int = 5, chars: int = 190_000) -> list[str]:
    """One sentence over and over with only a number changed: every pair is a true near-duplicate."""
    counter = iter(range(10**9))
    sentences = (
        f"The minister said the talks on the new trade agreement would resume in Brussels on day {next(counter)}."
        for _ in iter(int, 1)
    )
    return [_fill(sentences, chars) for _ in range(articles)]


def distinct_sentences_sharing_one_word(articles: int = 2, chars: int = 199_000) -> list[str]:
    """Distinct sentences of made-up words that all share one word (was 17 s, 2.6 GB)."""
    counter = iter(range(10**9))
    sentences = (
        " ".join(["Harbour"] + [_pseudo_word(next(counter)) for _ in range(7)]) + "." for _ in iter(int, 1)
    )
    return [_fill(sentences, chars) for _ in range(articles)]


def dated_lines(articles: int = 5, chars: int = 190_000) -> list[str]:
    """Short lines, each with a year, in French: each once a candidate date line read by dateparser
    (9 ms a line without a language; 20,000 lines an article)."""
    lines = (f"Séance {n} du conseil, mars 2024" for n in range(10**9))
    return [_take(lines, chars, "\n") for _ in range(articles)]


def digest_headings(articles: int = 5, chars: int = 190_000) -> list[str]:
    """Paragraphs that each open on a run of wire slugs, places and headlines in capitals ("AB-CD _ ROME _ ...")
    before a sentence: every heading is taken off, a pass of cleaning each until all of them were."""
    heading = " _ ".join(f"{_pseudo_word(n).upper()}-{_pseudo_word(n + 1).upper()} _ PLACE" for n in range(12))
    paragraphs = (f"{heading} _ The council of {_pseudo_word(n)} met." for n in range(10**9))
    return [_take(paragraphs, chars, "\n\n") for _ in range(articles)]


def chinese_paragraphs_with_years(articles: int = 5, chars: int = 190_000) -> list[str]:
    """Chinese paragraphs, one line each with a year: written without spaces, each was one "word" short
    enough to be read as a date line."""
    paragraph = "2024年7月12日下午，杭州市区遭遇强降雨，短时间内多条道路出现严重积水。"
    return [_take(iter(lambda: paragraph, None), chars, "\n\n") for _ in range(articles)]


def eight_word_sentences(chars: int = 100_000, vocabulary: int = 3000, seed: int = 8) -> list[str]:
    """One article of distinct 8-word sentences over a news-sized vocabulary (textrank 31 s, lexrank 25 s)."""
    rng = random.Random(seed)
    words = [_pseudo_word(n + 7) for n in range(vocabulary)]
    sentences = (" ".join(rng.choice(words) for _ in range(8)).capitalize() + "." for _ in iter(int, 1))
    return [_fill(sentences, chars)]


def rare_word_sentences(articles: int = 1, chars: int = 190_000, words_per_sentence: int = 12) -> list[str]:
    """Sentences whose every word is used once in the whole input (lsa: 80 s, 2.7 GB)."""
    counter = iter(range(10**9))
    sentences = (
        " ".join(_pseudo_word(next(counter), 7) for _ in range(words_per_sentence)).capitalize() + "."
        for _ in iter(int, 1)
    )
    return [_fill(sentences, chars) for _ in range(articles)]


def tiny_sentences(articles: int = 5, chars: int = 200_000) -> list[str]:
    """A 1 MB paste of "Go. " cut into articles of the largest allowed size: hundreds of thousands of sentences."""
    return ["Go. " * (chars // 4) for _ in range(articles)]


def tiny_distinct_sentences(articles: int = 5, chars: int = 200_000) -> list[str]:
    """Hundreds of thousands of tiny sentences that are all different ("Go aaaa. Go baaa. ..."), so none group."""
    counter = iter(range(10**9))
    sentences = (f"Go {_pseudo_word(next(counter), 4)}." for _ in iter(int, 1))
    return [_fill(sentences, chars) for _ in range(articles)]


def long_word_sentences(chars: int = 190_000, words_per_sentence: int = 25, vocabulary: int = 3000) -> list[str]:
    """Distinct 25-word sentences over a news-sized vocabulary: sumy's word-by-word work at its largest."""
    rng = random.Random(25)
    words = [_pseudo_word(n + 7) for n in range(vocabulary)]
    sentences = (
        " ".join(rng.choice(words) for _ in range(words_per_sentence)).capitalize() + "." for _ in iter(int, 1)
    )
    return [_fill(sentences, chars)]


# --- uploads (summarizer/ingest.py): each builder returns (filename, bytes) of at most 5 MB -----

_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SENTENCE = "The harbour bridge reopened to traffic on Tuesday after eight months of repairs. "


def _docx_with_body(body_xml: str) -> bytes:
    """A real .docx (made by python-docx) whose word/document.xml body is replaced by `body_xml`."""
    import io
    import zipfile

    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    source = zipfile.ZipFile(io.BytesIO(template.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry in source.infolist():
            if entry.filename == "word/document.xml":
                document = (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<w:document xmlns:w="{_WORD_NS}"><w:body>{body_xml}</w:body></w:document>'
                )
                archive.writestr("word/document.xml", document.encode("utf-8"))
            else:
                archive.writestr(entry.filename, source.read(entry.filename))
    return out.getvalue()


def docx_many_runs(runs: int = 2_200_000) -> tuple[str, bytes]:
    """A ~150 kB .docx whose one paragraph holds 2.2 M one-letter runs (killed a worker at 30 s, 1.2 GB)."""
    return "many-runs.docx", _docx_with_body("<w:p>" + "<w:r><w:t>a</w:t></w:r>" * runs + "</w:p>")


def docx_many_paragraphs(paragraphs: int = 400_000) -> tuple[str, bytes]:
    """A small .docx of 400,000 empty paragraphs (each costs python-docx a proxy object and a style look-up)."""
    return "many-paragraphs.docx", _docx_with_body("<w:p/>" * paragraphs)


def docx_long_table(rows: int = 20_000) -> tuple[str, bytes]:
    """A .docx with one table of 20,000 one-cell rows (python-docx's row.cells walks the whole table)."""
    row = "<w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr>"
    return "long-table.docx", _docx_with_body(f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>{row * rows}</w:tbl>")


def pdf_shared_tounicode(fonts: int = 100, map_bytes: int = 1_000_000) -> tuple[str, bytes]:
    """An ~8 kB PDF whose one page names 100 fonts sharing one 1 MB /ToUnicode CMap (pypdf parsed it per name)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    line = b"<0041> <0041>\n"
    count = map_bytes // len(line)
    cmap = DecodedStreamObject()
    cmap.set_data(
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        + b"%d beginbfchar\n" % count
        + line * count
        + b"endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    cmap_ref = writer._add_object(cmap.flate_encode(level=9))
    font_dict = DictionaryObject()
    for number in range(fonts):
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/ToUnicode"): cmap_ref,
            }
        )
        font_dict[NameObject(f"/F{number}")] = writer._add_object(font)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): font_dict})
    contents = DecodedStreamObject()
    contents.set_data(f"BT /F0 12 Tf 72 720 Td ({_SENTENCE.strip()}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(contents)
    out = io.BytesIO()
    writer.write(out)
    return "shared-tounicode.pdf", out.getvalue()


def txt_heading_then_backticks(size: int = 60_000) -> tuple[str, bytes]:
    """A .txt of a `# Heading` line, then 60 kB of backticks in a paragraph (the code-span regex took 28 s)."""
    return "backticks.txt", b"# Heading\n\nA " + b"`" * size


def md_short_lines(size: int = 5_000_000) -> tuple[str, bytes]:
    """A 5 MB .md of one-word list items: 1.25 M blocks (30 s to read before the character limit refused it)."""
    return "short-lines.md", b"- a\n" * (size // 4)


def html_base64_charset(charset: str = "base64") -> tuple[str, bytes]:
    """A web page declaring `<meta charset="base64">` plus one non-UTF-8 byte (a 500 from ingest._decode)."""
    page = (
        f'<!doctype html><html><head><meta charset="{charset}"><title>Harbour bridge</title></head>'
        f"<body><article><p>{_SENTENCE}The city said so.</p><p>Caf\xe9 owners near the bridge welcomed "
        "the news on Tuesday evening.</p></article></body></html>"
    )
    return f"{charset}-charset.html", page.encode("latin-1")


def _padded_page(body: str, size: int) -> bytes:
    """A page around `body`, padded to `size` bytes with a script (scripts are not text, so it stays legal)."""
    head = "<!doctype html><html><head><title>Harbour bridge</title><script>"
    tail = "</script></head><body>" + body + "</body></html>"
    return (head + "var x = 1;\n" * max(0, (size - len(head) - len(tail)) // 11) + tail).encode("utf-8")


def html_many_elements(size: int = 5_000_000) -> tuple[str, bytes]:
    """A 5 MB web page: 19,000 paragraphs (the element limit is 20,000) of ~900 kB of text, padded by a script."""
    paragraph = "<p>" + _SENTENCE[: 900_000 // 19_000] + "</p>\n"
    return "many-elements.html", _padded_page("<article>" + paragraph * 19_000 + "</article>", size)


def html_deep_nesting(size: int = 5_000_000) -> tuple[str, bytes]:
    """A 5 MB web page: divs nested 390 deep (limit 400) to 19,000 elements, ~900 kB of text, padded by a script."""
    depth, repeats = 390, 19_000 // 390
    filler = ("harbour bridge " * 20)[: 900_000 // (depth * repeats)]
    block = ("<div>" + filler) * depth + "</div>" * depth
    return "deep.html", _padded_page(block * repeats, size)


def html_many_short_blocks(blocks: int = 19_000) -> tuple[str, bytes]:
    """A 250 kB web page of 19,000 one-word paragraphs (jusText's fallback is quadratic in them: over 200 s)."""
    return "short-blocks.html", _padded_page("<p>Bridge</p>\n" * blocks, 0)


def html_one_huge_paragraph(size: int = 5_000_000) -> tuple[str, bytes]:
    """A 5 MB web page that is one paragraph of ~5 M characters (over the text limit only once extracted)."""
    return "one-paragraph.html", (
        "<!doctype html><html><body><article><p>"
        + _SENTENCE * (size // len(_SENTENCE) - 1)
        + "</p></article></body></html>"
    ).encode("utf-8")


# --- HTTP-level: bodies the server refuses before any summarising (web/api.py, web/body.py, nginx) --------


def empty_documents_json(count: int = 400_000) -> bytes:
    """A 1.2 MB JSON body of 400,000 empty document objects (was 17-29 s and 2 GB before its 413)."""
    return b'{"documents": [' + b",".join([b"{}"] * count) + b"]}"


def json_over_size(size: int) -> bytes:
    """A JSON body of one article a little over `size` bytes in all (sent chunked: no Content-Length to refuse)."""
    return b'{"documents": [{"text": "' + b"a" * (size + 1024) + b'"}]}'


def multipart_many_parts(parts: int = 5_000) -> tuple[str, bytes]:
    """(Content-Type, body) of a multipart form of 5,000 tiny text fields (was a 413 blaming the byte size)."""
    boundary = "hostileboundary7d1f"
    body = b"".join(
        b'--%s\r\nContent-Disposition: form-data; name="text"\r\n\r\nx\r\n' % boundary.encode() for _ in range(parts)
    ) + b"--%s--\r\n" % boundary.encode()
    return f"multipart/form-data; boundary={boundary}", body
