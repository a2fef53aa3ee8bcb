"""Brief page cost: bytes and server time of GET /briefs/<id> for the largest inputs the limits allow.

Each form case is posted once through the home form (Flask's test client, no network; the request time
budget off, so that a slow summary on a busy machine is not refused), then the brief page and, where it
exists, the first "whole article" page are fetched `--runs` times; the median time and the size of the
HTML are printed. The "saved" cases store a brief such as the form made before the pipeline refused
more than 20,000 sentences (5 articles of 50,000 "Go." sentences, 3 brief sentences each standing for
5,000 others): once with the page copy that saving now keeps, once without (a brief saved before it).
Run: `.venv/bin/python bench/brief_page.py` (a few minutes; `--only go` for some cases).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MAX_TOTAL = 1_000_000  # SUMMARIZER_MAX_TOTAL_CHARS
MAX_DOC = 200_000  # SUMMARIZER_MAX_DOCUMENT_CHARS
MAX_DOCS = 50  # SUMMARIZER_MAX_DOCUMENTS


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size].strip()


def saved_brief() -> dict:
    """A brief of 5 articles of 50,000 sentences "Go.", whose 3 sentences each have 5,000 repeats."""
    documents = [{"title": "", "url": None, "date": None, "name": "", "sentences": ["Go."] * 50_000,
                  "paragraphs": [0] * 50_000, "removed": []} for _ in range(5)]
    lines = [{"text": "Go.", "score": 1.0, "support": 5, "disputed_by": [],
              "sources": [{"document": (n + k) % 5, "sentence": 10_000 * n + k} for k in range(5_000)]}
             for n in range(3)]
    return {"summary": {"text": "Go. Go. Go.", "word_count": 3, "sentences": lines}, "documents": documents,
            "algorithm": "consensus", "language": "english", "input_words": 250_000, "notes": []}


def cases() -> dict[str, list[tuple[str, str]]]:
    """Name -> the boxes (title, text) of the home form; every case sits at the total-character limit."""
    distinct = " ".join(f"Minister {i} said the talks in city {i} went well." for i in range(20_000))
    return {
        # The case: a 1 MB paste of "Go. ", as five articles of the largest size.
        "go x5 (200k each)": [("", "\n---\n".join(_fill("Go. ", MAX_DOC - 10) for _ in range(5)))],
        # As many sentences as the pipeline takes (20,000), of "Go.", and of news-like length.
        "go 20k sentences x5": [("", "\n---\n".join(_fill("Go. ", 4 * 3_990) for _ in range(5)))],
        "distinct 8k sentences x4": [("", "\n---\n".join(distinct[i * 100_000: (i + 1) * 100_000] for i in range(4)))],
        # The most articles, each of tiny sentences: the most source cards.
        "go x50 (20k each)": [("", "\n---\n".join(_fill("Go. ", MAX_TOTAL // MAX_DOCS - 10) for _ in range(MAX_DOCS)))],
        # One sentence per paragraph: the most paragraphs.
        "go paragraphs x5": [("", "\n---\n".join(_fill("Go.\n\n", MAX_DOC - 10) for _ in range(5)))],
        # 50 copies of one agency story: every sentence stands for 49 repeats.
        "wire copies x50": [("", "\n---\n".join([(ROOT / "tests/fixtures/kyodo-kishida-nato.txt").read_text()] * 50))],
        # Distinct, longer sentences (they group and score like news).
        "distinct x5": [("", "\n---\n".join(distinct[i * (MAX_DOC - 10): (i + 1) * (MAX_DOC - 10)] for i in range(5)))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args()

    from app import create_app

    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir, "SECRET_KEY": "bench", "BRIEF_QUOTA": 10_000, "REQUEST_SECONDS": 0,
                          "BRIEF_QUOTA_MB": 10_000})
        client = app.test_client()
        home = client.get("/").get_data(as_text=True)
        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', home).group(1)
        print(f"{'case':32} {'make s':>7} {'1st GET ms':>10} {'GET ms':>8} {'page bytes':>12} {'stored MB':>9} "
              f"{'whole-article page':>22}")
        urls = {}
        from web import sources, store

        with app.app_context():
            brief = saved_brief()
            documents = [{"text": "Go. " * 50_000, "title": "", "url": None, "date": None, "name": ""}] * 5
            start = time.perf_counter()
            page = sources.page_data(brief)
            urls["saved 250k sentences, page kept"] = (store.save({}, documents, brief, page=page),
                                                       time.perf_counter() - start)
            urls["saved 250k sentences, no page (old)"] = (store.save({}, documents, brief), 0.0)
        for name, boxes in cases().items():
            if args.only and args.only not in name:
                continue
            data = {"csrf_token": token, "title": [t for t, _ in boxes], "text": [x for _, x in boxes],
                    "length": "120", "unit": "words", "algorithm": "consensus", "language": "english"}
            start = time.perf_counter()
            response = client.post("/summarize", data=data)
            made = time.perf_counter() - start
            if response.status_code != 303:
                alert = re.search(r'alert-box">.*?<p>(.*?)</p>', response.get_data(as_text=True), re.S)
                print(f"{name:32} refused {response.status_code}: {alert.group(1)[:90] if alert else ''}")
                continue
            urls[name] = (response.headers["Location"], made)
        for name, (url, made) in urls.items():
            if args.only and args.only not in name:
                continue
            if not url.startswith("/"):
                url = f"/briefs/{url}"
            times, size = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                page = client.get(url)
                times.append(time.perf_counter() - start)
                size = len(page.data)
            whole = ""
            match = re.search(r'href="(/briefs/[^"]+/sources/\d+[^"]*)"', page.get_data(as_text=True))
            if match:
                source_times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    part = client.get(match.group(1).replace("&amp;", "&"))
                    source_times.append(time.perf_counter() - start)
                whole = f"{1000 * statistics.median(source_times):.0f} ms, {len(part.data):,} B"
            with app.app_context():
                stored = store.get_db().execute("SELECT size FROM briefs WHERE id = ?",
                                                (url.rsplit("/", 1)[1],)).fetchone()[0]
            print(f"{name:32} {made:7.1f} {1000 * times[0]:10.0f} {1000 * statistics.median(times):8.0f} {size:12,} "
                  f"{stored / 1e6:9.2f} {whole:>22}")


if __name__ == "__main__":
    main()
