"""The command line: `python -m summarizer [options] FILE [FILE ...]` prints one brief of the files.

`-` reads standard input, where several articles may be separated by a line holding only `---`.
An http(s) link is fetched (summarizer/fetch.py; `SUMMARIZER_FETCH_ALLOW_HOSTS` allows hosts that are not
public). A file or link that cannot be read is reported on stderr in one line, skipped and named in the
brief's notes; with nothing left to summarise the exit status is 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from .errors import SummarizerError
from .language import AUTO, LANGUAGES

# The scoring methods, named without importing the scorers (numpy, sumy): `--help` must start fast.
# tests/test_cli.py checks this list against score.algorithm_names().
ALGORITHM_NAMES = ("consensus", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "lead")

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer",
        description="Summarise several news articles on one story into one short brief.",
    )
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--words", type=int, metavar="N", help="length of the brief in words (default 120)")
    length.add_argument("--sentences", type=int, metavar="N", help="length of the brief in sentences")
    parser.add_argument(
        "--about", action="store_true",
        help="with --words: about N words, the last sentence may run over a little (never cut); "
        "without it the brief is never longer than N words",
    )
    parser.add_argument(
        "--algorithm", default="default", metavar="NAME",
        help=f"scoring method: default (= consensus), {', '.join(ALGORITHM_NAMES[1:])}",
    )
    parser.add_argument(
        "--language", default="auto", metavar="LANG",
        help=f"auto (the default: found in each article) or one of: {', '.join(LANGUAGES)}",
    )
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument(
        "files", nargs="+", metavar="FILE",
        help="article files (.txt .md .html .pdf .docx) or http(s) links; - for stdin",
    )
    return parser


def _fail(message: str) -> int:
    print(f"summarizer: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.language.strip().lower() == AUTO:
        from .language.detect import warm

        warm(background=True)
    # Imported once the arguments are read, so that --help and a usage error answer at once.
    from .fetch import FetchError, FetchSettings, allowed_hosts, fetch_pages, links_in, read_page
    from .ingest import IngestLimits, document_from_text, read_document, split_pasted
    from .options import Options
    from .pipeline import left_out_note, summarize
    from .render import to_markdown, to_text

    if args.about and args.sentences is not None:
        return _fail("--about applies to a length in words: use it with --words N, not --sentences.")
    try:
        options = Options(
            max_words=args.words, max_sentences=args.sentences, algorithm=args.algorithm, language=args.language,
            words_mode="about" if args.about else "at_most",
        )
    except SummarizerError as error:
        return _fail(error.message)

    documents, notes = [], []
    limits = IngestLimits()
    try:
        allowed = allowed_hosts(os.environ.get("SUMMARIZER_FETCH_ALLOW_HOSTS", ""))
    except ValueError as error:
        return _fail(str(error))
    links = [name for name in args.files if links_in(name)]
    pages = iter(fetch_pages(links, FetchSettings(max_bytes=limits.max_bytes, allow_hosts=allowed)))
    for name in args.files:
        try:
            if name in links:
                page = next(pages)
                if isinstance(page, FetchError):
                    raise page
                documents += [read_page(page, limits)]
                continue
            if name == "-":
                text = sys.stdin.buffer.read(limits.max_bytes * 4 + 1).decode("utf-8", errors="replace")
                documents += [document_from_text(piece, name="stdin") for piece in split_pasted(text)]
                continue
            path = Path(name)
            with path.open("rb") as handle:
                data = handle.read(limits.max_bytes + 1)
            document = read_document(path.name, data, limits=limits)
            documents += [document]
        except SummarizerError as error:
            print(f"summarizer: {error.message}", file=sys.stderr)
            notes.append(left_out_note(getattr(error, "name", "") or name, getattr(error, "reason", error.message)))
        except OSError as error:
            print(f"summarizer: {name}: {error.strerror or 'cannot be read'}", file=sys.stderr)
            notes.append(left_out_note(name, error.strerror or "cannot be read"))

    if not documents:
        return _fail("no readable article among the files and links given.")
    try:
        brief = summarize(documents, options, notes=notes)
    except SummarizerError as error:
        return _fail(error.message)
    for note in brief.notes[len(notes):]:  # what the brief itself says it left out or was unsure of
        print(f"summarizer: {note}", file=sys.stderr)

    if args.format == "json":
        print(json.dumps(brief.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        sys.stdout.write(to_markdown(brief, made=date.today()))
    else:
        sys.stdout.write(to_text(brief))
    return 0


if __name__ == "__main__":
    sys.exit(main())
