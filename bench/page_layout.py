"""Where things land on the pages (issue 9), measured in Debian's Chromium against the app as `make run` serves it.

    python bench/page_layout.py
    python bench/page_layout.py --json bench/results/page_layout.json

Starts deploy/serve.py on a free loopback port (tests/live_stack.py), then, at 1280x800 and 390x844:
- the home page: the bottom edge of "Make the brief" (issue 9: y ~ 1200 on a desktop, below the fold);
- a brief made from four long uploaded files (the first four articles of the first DUC 2003 cluster when
  ../shared/mds is there, else the two seed articles twice, each with 30 sentences of its own): the
  page's height as shown (sources collapsed) and with every "Show the whole article" opened (issue 9:
  8,158 px for a 4-file brief), and the bottom edge of the first brief sentence (issue 9, phone: 781 px
  down; the phone's first screen ends at 844).
Figures are CSS pixels; they depend on fonts, not on the machine's speed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, FIXTURES, NARROW  # noqa: E402
from common import MDS_DIR, load_clusters  # noqa: E402
from live_stack import LiveStack  # noqa: E402

SIZES = {"desktop": DESKTOP, "phone": NARROW}


def four_long_files(folder: Path) -> tuple[list[Path], str]:
    duc = MDS_DIR / "duc2003.jsonl"
    if duc.exists():
        documents = load_clusters(duc)[0]["documents"][:4]
        texts = [f"{d.get('title') or ''}\n\n{d['text']}".strip() for d in documents]
        what = "the first 4 articles of duc2003's first cluster"
    else:
        seeds = [(FIXTURES / name).read_text(encoding="utf-8")
                 for name in ("kyodo-kishida-nato.txt", "nhk-kishida-nato-reader-copy.txt")]  # fmt: skip
        texts = [
            seeds[n % 2] + "\n\n" + " ".join(f"Desk {n} notes that committee {i} met on day {i + 1}." for i in range(30))
            for n in range(4)
        ]
        what = "the two seed articles twice, each with 30 sentences of its own"
    paths = []
    for number, text in enumerate(texts, start=1):
        path = folder / f"article-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths, what


def height(page) -> int:
    return page.evaluate("() => document.documentElement.scrollHeight")


def measure(browser, base_url: str, files: list[Path]) -> dict:
    figures: dict[str, dict] = {}
    for name, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport, base_url=base_url)
        page = context.new_page()
        page.goto("/")
        button = page.locator("#summarize-button").bounding_box()
        page.set_input_files("#files", [str(p) for p in files])
        page.click("#summarize-button")
        page.wait_for_url("**/briefs/*")
        first = page.locator(".brief-sentence").first.bounding_box()
        collapsed = height(page)
        for summary in page.locator("details.source-whole summary").all():
            summary.click()
        figures[name] = {
            "viewport": f"{viewport['width']}x{viewport['height']}",
            "home_button_bottom_px": round(button["y"] + button["height"]),
            "brief_page_height_px": collapsed,
            "brief_page_height_all_open_px": height(page),
            "first_brief_sentence_bottom_px": round(first["y"] + first["height"]),
        }
        context.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "page_layout.json"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, LiveStack() as stack, sync_playwright() as playwright:
        files, what = four_long_files(Path(folder))
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            figures = measure(browser, stack.url, files)
        finally:
            browser.close()
    for name, row in figures.items():
        print(f"{name:8} {row['viewport']}: button bottom {row['home_button_bottom_px']} px; brief page "
              f"{row['brief_page_height_px']} px ({row['brief_page_height_all_open_px']} px all open); "
              f"first brief sentence ends at {row['first_brief_sentence_bottom_px']} px")  # fmt: skip
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"files": what, "figures": figures}, indent=2) + "\n", encoding="utf-8")
    print(f"files: {what}; wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
