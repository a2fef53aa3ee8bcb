"""Which source sentences a brief's page shows: a short article whole, a long one as an excerpt, the rest on demand.

A brief made from the largest input the limits allow (1,000,000 characters, e.g. 250,000 sentences of
"Go.") once rendered 55 MB of HTML in 9.7 s on every GET. The page now shows, of each article, the
sentences in the brief (and at most REFS_PER_LINE of each brief sentence's sources), their neighbours,
the article's opening, or the whole article when it is short, within one budget for the whole page;
"Show the whole article" pages through the rest (`/briefs/<id>/sources/<n>?page=k`). The same
collapse serves narrow screens. `page_data()` runs once when a brief is saved or made again, and its
result is kept with the brief (web/store.py), so opening a brief parses a bounded JSON and renders it.

Its result has the shape of `Brief.to_dict()` (so `Brief.from_dict()` and views.brief_view read it) with:
- each brief sentence's `sources` (and `disputed_by`) cut to a few, and `source_count`, the number before;
- each document's `sentences`/`paragraphs` only for the indexes in `shown`, `roles` ([role, brief
  sentence] or null for each), `sentence_count` and `used_count` (of the whole article), `removed`
  cut to a few per kind with `removed_counts` (the number of each kind), and `page`/`pages` (0: an excerpt);
- `page_version`: PAGE_VERSION; a kept page of another version is derived again from the brief.

The bounds were chosen by bench/brief_page.py: with them the worst input's page is under 1 MB and
renders in well under 200 ms, while articles of ordinary length (up to 80 sentences) show whole.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

PAGE_VERSION = 1
REFS_PER_LINE = 12  # sources kept per brief sentence: its wording's, then one per other article, then more
DISPUTES_PER_LINE = 10  # `disputed_by` entries kept per brief sentence
NEIGHBOURS = 1  # sentences shown either side of one in the brief
LEAD = 3  # an article's first sentences, shown for context
WHOLE_ARTICLE_SENTENCES = 80  # an article this short (in sentences and characters) is shown whole
WHOLE_ARTICLE_CHARS = 20_000
PAGE_SENTENCES = 1_500  # source sentences on one brief page, all articles together (~170 bytes of markup each)
PAGE_CHARS = 250_000  # characters of source text on one brief page
SENTENCE_CHARS = 2_000  # characters of one sentence shown in an excerpt; the whole-article pages show all
REMOVED_PER_KIND = 10  # removed items listed per kind and article (all are in the .json download)
REMOVED_CHARS = 300  # characters shown of one removed item
PAGE_REMOVED = 200  # removed items listed on one brief page
ARTICLE_PAGE_SENTENCES = 200  # sentences per page of "the whole article"

Role = tuple[str, int]  # ("used" | "repeat", index of the brief sentence)


def roles(sentences: list[dict[str, Any]]) -> dict[tuple[int, int], Role]:
    """(document, sentence) -> its role: "used" for the source whose wording a brief sentence shows,
    "repeat" for the others saying the same; the first brief sentence naming it wins."""
    found: dict[tuple[int, int], Role] = {}
    for number, sentence in enumerate(sentences):
        for position, ref in enumerate(sentence["sources"]):
            found.setdefault((ref["document"], ref["sentence"]), ("used" if position == 0 else "repeat", number))
    return found


def _trim_refs(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The wording's source, then the first of each other article, then further ones; in their order."""
    if len(sources) <= REFS_PER_LINE:
        return list(sources)
    seen = {sources[0]["document"]}
    first_of_article, others = [], []
    for position, ref in enumerate(sources[1:], start=1):
        (others if ref["document"] in seen else first_of_article).append(position)
        seen.add(ref["document"])
    keep = {0, *(first_of_article + others)[: REFS_PER_LINE - 1]}
    return [ref for position, ref in enumerate(sources) if position in keep]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _removed(removed: list[dict[str, Any]], room: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    kept = []
    for item in removed:
        counts[item["kind"]] += 1
        if counts[item["kind"]] <= REMOVED_PER_KIND and len(kept) < room:
            kept.append({**item, "text": _clip(item["text"], REMOVED_CHARS)})
    return kept, dict(counts)


def _used_counts(found: dict[tuple[int, int], Role]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for doc, _ in found:
        counts[doc] += 1
    return counts


def _document(document: dict[str, Any], index: int, shown: list[int], found: dict[tuple[int, int], Role],
              used: int, clip: int | None, page: int = 0, pages: int = 0) -> dict[str, Any]:
    sentences = document["sentences"]
    paragraphs = document.get("paragraphs") or []
    out = {k: v for k, v in document.items() if k not in ("sentences", "paragraphs", "removed")}
    role_of = [found.get((index, j)) for j in shown]
    out.update(
        shown=shown,
        sentences=[_clip(sentences[j], clip) if clip else sentences[j] for j in shown],
        paragraphs=[paragraphs[j] for j in shown] if len(paragraphs) == len(sentences) else [],
        roles=[list(role) if role else None for role in role_of],
        sentence_count=len(sentences),
        used_count=used,
        page=page,
        pages=pages,
    )
    return out


def page_data(brief: dict[str, Any]) -> dict[str, Any]:
    """What the brief page shows of `brief` (a `Brief.to_dict()`), bounded whatever the input."""
    sentences = brief["summary"]["sentences"]
    found = roles(sentences)
    lines = []
    for sentence in sentences:
        line = {**sentence, "sources": _trim_refs(sentence["sources"]), "source_count": len(sentence["sources"])}
        if isinstance(line.get("disputed_by"), list):
            line["disputed_by"] = line["disputed_by"][:DISPUTES_PER_LINE]
        lines.append(line)

    documents = brief["documents"]
    chosen: list[set[int]] = [set() for _ in documents]
    room = {"sentences": PAGE_SENTENCES, "chars": PAGE_CHARS}

    def take(doc: int, index: int, force: bool = False) -> bool:
        texts = documents[doc]["sentences"]
        if not 0 <= index < len(texts) or index in chosen[doc]:
            return True
        cost = min(len(texts[index]), SENTENCE_CHARS)
        if not force and (room["sentences"] < 1 or room["chars"] < cost):
            return False
        chosen[doc].add(index)
        room["sentences"] -= 1
        room["chars"] -= cost
        return True

    # 1. Each brief sentence's wording, whatever the budget (at most one per brief sentence).
    for line in lines:
        take(line["sources"][0]["document"], line["sources"][0]["sentence"], force=True)
    # 2. The other sources the page links to (so highlighting finds them) and those that dispute a
    # brief sentence's figures, 3. their neighbours.
    for line in lines:
        for ref in line["sources"][1:]:
            take(ref["document"], ref["sentence"])
        for ref in line.get("disputed_by") or []:
            if isinstance(ref, dict) and isinstance(ref.get("document"), int) and isinstance(ref.get("sentence"), int):
                if 0 <= ref["document"] < len(documents):
                    take(ref["document"], ref["sentence"])
    marked = [sorted(c) for c in chosen]
    for doc, indexes in enumerate(marked):
        for index in indexes:
            for step in range(1, NEIGHBOURS + 1):
                take(doc, index - step)
                take(doc, index + step)
    # 4. Each article's opening, 5. short articles whole, when the budget still allows.
    for doc in range(len(documents)):
        for index in range(LEAD):
            take(doc, index)
    for doc, document in enumerate(documents):
        texts = document["sentences"]
        if len(texts) > WHOLE_ARTICLE_SENTENCES or sum(map(len, texts)) > WHOLE_ARTICLE_CHARS:
            continue
        missing = [j for j in range(len(texts)) if j not in chosen[doc]]
        cost = sum(min(len(texts[j]), SENTENCE_CHARS) for j in missing)
        if missing and len(missing) <= room["sentences"] and cost <= room["chars"]:
            for j in missing:
                take(doc, j)

    removed_room = PAGE_REMOVED
    used = _used_counts(found)
    out_documents = []
    for index, document in enumerate(documents):
        shown = sorted(chosen[index])
        whole = len(shown) == len(document["sentences"])
        out = _document(document, index, shown, found, used[index], None if whole else SENTENCE_CHARS)
        out["removed"], out["removed_counts"] = _removed(document.get("removed") or [], removed_room)
        removed_room -= len(out["removed"])
        out_documents.append(out)

    return {
        **brief,
        "summary": {**brief["summary"], "sentences": lines},
        "documents": out_documents,
        "page_version": PAGE_VERSION,
    }


def article_page(brief: dict[str, Any], index: int, page: int) -> dict[str, Any] | None:
    """Page `page` (from 1) of article `index` of `brief`, as one of page_data()'s documents; None when
    there is no such article or page."""
    documents = brief["documents"]
    if not 0 <= index < len(documents):
        return None
    count = len(documents[index]["sentences"])
    pages = max(1, -(-count // ARTICLE_PAGE_SENTENCES))
    if not 1 <= page <= pages:
        return None
    start = (page - 1) * ARTICLE_PAGE_SENTENCES
    shown = list(range(start, min(count, start + ARTICLE_PAGE_SENTENCES)))
    found = roles(brief["summary"]["sentences"])
    out = _document(documents[index], index, shown, found, _used_counts(found)[index], None, page, pages)
    out["removed"], out["removed_counts"] = [], {}
    return out
