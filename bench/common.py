"""Shared by the benchmarks: where the clusters are and how to load them."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# ../shared/mds beside the checkout; MDS_DIR overrides it.
MDS_DIR = Path(os.environ.get("MDS_DIR", ROOT.parent / "shared" / "mds"))

from summarizer import Document  # noqa: E402


def load_clusters(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cluster_documents(cluster: dict) -> list[Document]:
    return [Document(text=d["text"], title=d.get("title") or "", name=d.get("id", "")) for d in cluster["documents"]]
