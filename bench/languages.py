"""Language detection on the benchmark sets: is each article found in its set's language, and does
"auto" make the same brief as the language given?

    python bench/languages.py            # every set of ../shared/mds (or MDS_DIR)

Prints per set: articles, articles found surely in the set's language, articles unsure, and clusters
whose default ("auto") brief equals the brief made with the language given.
"""

from __future__ import annotations

from common import MDS_DIR, cluster_documents, load_set

from summarizer import LANGUAGES, Options, summarize
from summarizer.language.detect import detect


def main() -> None:
    print(f"{'set':20} {'articles':>8} {'found':>8} {'unsure':>8} {'wrong':>6} {'same brief':>11}")
    for path in sorted(MDS_DIR.glob("*.jsonl")):
        clusters = load_set(path.stem)
        articles = found = unsure = wrong = same = 0
        for cluster in clusters:
            language = cluster["language"]
            documents = cluster_documents(cluster)
            for document in documents:
                verdict = detect(document.text)
                articles += 1
                if not verdict.sure:
                    unsure += 1
                elif verdict.code == LANGUAGES[language]:
                    found += 1
                else:
                    wrong += 1
            auto = summarize(documents, Options(max_words=cluster["words"]))
            given = summarize(documents, Options(max_words=cluster["words"], language=language))
            same += auto.text == given.text
        print(f"{path.stem:20} {articles:>8} {found:>8} {unsure:>8} {wrong:>6} {same:>5} of {len(clusters):<3}")


if __name__ == "__main__":
    main()
