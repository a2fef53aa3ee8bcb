"""The pipeline: clean -> segment -> group duplicates -> score -> select -> order, and nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .budget import WorkBudget
from .clean import clean
from .dateline import dateline
from .errors import NothingToSummarizeError, OptionsError, UnsupportedLanguageError
from .facts import check_facts, disputes_for
from .group import copies, group_sentences, reports
from .language.detect import Detected, choose_language
from .language.words import count_words
from .options import Options
from .render import source_labels
from .score import score
from .segment import segment, segment_document
from .select import select
from .types import Brief, BriefSentence, Document, DocumentView, ScoredGroup, SegmentedDocument, SourceRef


def _brief_sentence(scored: ScoredGroup, documents: Sequence[Document], language: str) -> BriefSentence:
    representative, *others = scored.group.members
    sources = [representative] + sorted(others, key=lambda m: (m.document, m.index))
    source = documents[representative.document]
    return BriefSentence(
        text=representative.text,
        score=scored.score,
        support=scored.group.support,
        sources=tuple(SourceRef(m.document, m.index) for m in sources),
        disputed_by=disputes_for(scored.group),
        dateline=dateline(representative.text, language, source.place, source.date),
    )


def _document_view(
    segmented: SegmentedDocument, label: str, detected: Detected | None, left_out: str | None
) -> DocumentView:
    doc = segmented.document
    return DocumentView(
        title=doc.title,
        url=doc.url,
        date=doc.date,
        name=doc.name,
        sentences=tuple(s.text for s in segmented.sentences),
        removed=doc.removed,
        paragraphs=tuple(s.paragraph for s in segmented.sentences),
        outlet=doc.outlet,
        place=doc.place,
        label=label,
        language=detected.code if detected else None,
        left_out=left_out,
    )


def _label(document: Document, index: int) -> str:
    return f"Article {index + 1}" + (f" ({document.title})" if document.title else "")


def left_out_note(name: str, reason: str) -> str:
    """The note a brief carries for a file or link its caller could not read: which one, and why."""
    return f"Left out {name or 'a file without a name'}: {reason}"


def summarize(
    documents: Sequence[Document],
    options: Options | None = None,
    budget: WorkBudget | None = None,
    notes: Sequence[str] = (),
) -> Brief:
    """Make one brief from several articles on one story.

    `notes` are said first among the brief's notes: what the caller left out before (files and links
    that could not be read), so the brief tells its reader what it was not made from.

    Raises:
        NothingToSummarizeError: no document holds article text once cleaned.
        UnsupportedLanguageError: no article is in a language the pipeline supports.
        TooMuchWorkError: the articles would need more work than `budget` (default WorkBudget()) allows.
    """
    options = options or Options()
    budget = (budget or WorkBudget()).started()
    if not documents:
        raise NothingToSummarizeError("Paste or upload at least one article.")
    cleaned = clean(documents)
    notes = [*notes] + [
        f"{_label(original, i)} had no article text left after cleaning and was left out."
        for i, (original, doc) in enumerate(zip(documents, cleaned))
        if original.text.strip() and not doc.text.strip()
    ]
    if not any(doc.text.strip() for doc in cleaned):
        if any(doc.text.strip() for doc in documents):
            raise NothingToSummarizeError(
                "Nothing was left to summarise once links, captions and reader-app notes were removed. "
                "Paste the article's own text."
            )
        raise NothingToSummarizeError("The articles are empty. Paste or upload the text of at least one article.")
    choice = choose_language([doc.text for doc in cleaned], [_label(doc, i) for i, doc in enumerate(cleaned)],
                             options.language)
    notes += choice.notes
    summarised = [doc if i not in choice.left_out else replace(doc, text="") for i, doc in enumerate(cleaned)]
    segmented = segment(summarised, choice.language, budget)
    if not any(d.sentences for d in segmented):
        raise NothingToSummarizeError("No sentences were found in the articles. Paste text with whole sentences.")
    # Articles left out for their language are still shown, split in their own language where supported.
    shown = list(segmented)
    for i in choice.left_out:
        own = choice.detected[i].language if choice.detected[i] else None
        counted = sum(len(d.sentences) for d in shown)
        shown[i] = segment_document(cleaned[i], i, own or choice.language, budget, counted)
    left_out = dict(choice.left_out)
    segmented = list(segmented)
    labels = source_labels(cleaned)
    copies_of: dict[int, list[int]] = {}
    for copy, original in sorted(copies(segmented).items()):
        # One article given twice is one report: it is shown, but neither confirms nor weighs its story twice.
        left_out[copy] = f"it is the same article as {labels[original]}, which stands for both"
        segmented[copy] = SegmentedDocument(segmented[copy].document, ())
        copies_of.setdefault(original, []).append(copy)
    for original, copied in sorted(copies_of.items()):
        named = ", ".join(_label(cleaned[i], i) for i in copied)
        notes.append(f"{named} {'is' if len(copied) == 1 else 'are'} the same article as "
                     f"{_label(cleaned[original], original)}, which counts once.")
    versions = reports(segmented)
    if versions:
        # Versions of one report share its sentences word for word: what they say counts as one source's word.
        segmented = [SegmentedDocument(d.document, tuple(replace(s, report=versions[i]) for s in d.sentences))
                     if i in versions else d for i, d in enumerate(segmented)]
        for first in sorted(set(versions.values())):
            named = ", ".join(_label(cleaned[i], i) for i in sorted(versions) if versions[i] == first)
            notes.append(f"{named} share most of their sentences word for word (versions of one report): "
                         "what they share counts as one source.")
    groups = group_sentences(segmented, budget)
    groups = check_facts(groups, choice.language, budget)  # support only where figures and names agree
    scoring = score(segmented, groups, options.algorithm, choice.language, budget)
    chosen = select(scoring, options.max_words, options.max_sentences, options.words_mode, choice.language)
    if not chosen:
        # The shortest sentence that could open a brief: one that leans on nothing before it.
        alone = [s.word_count for d in segmented for s in d.sentences
                 if (s.document, s.index) not in scoring.leanings and not s.is_heading]
        shortest = min(alone or [s.word_count for d in segmented for s in d.sentences])
        raise OptionsError(
            "max_words",
            f"No sentence that reads on its own fits in {options.max_words} words (the shortest has {shortest}). "
            "Allow more words.",
        )
    return Brief(
        sentences=tuple(_brief_sentence(s, cleaned, choice.language) for s in chosen),
        documents=tuple(
            _document_view(d, label, detected, left_out.get(i))
            for i, (d, label, detected) in enumerate(zip(shown, labels, choice.detected))
        ),
        algorithm=options.algorithm,
        language=choice.language,
        input_words=sum(count_words(doc.text) for doc in cleaned),
        notes=tuple(notes),
    )
