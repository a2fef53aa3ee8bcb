"""`python -m summarizer`: options, formats, stdin, and exit status 2 for unreadable input."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from summarizer.__main__ import main

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = [str(FIXTURES / "kyodo-kishida-nato.txt"), str(FIXTURES / "nhk-kishida-nato-reader-copy.txt")]


def test_json_format_is_the_api_shape(capsys):
    assert main(["--format", "json", "--words", "80", *EXAMPLES]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["word_count"] <= 80
    assert len(data["documents"]) == 2
    assert data["algorithm"] == "consensus"
    for sentence in data["summary"]["sentences"]:
        ref = sentence["sources"][0]
        assert data["documents"][ref["document"]]["sentences"][ref["sentence"]] == sentence["text"]


def test_text_format_prints_one_sentence_a_line(capsys):
    assert main(["--sentences", "3", *EXAMPLES]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3


def _labels(capsys) -> list[str]:
    """The examples' labels: the outlet read from each where ingestion finds one, else the site or file name."""
    assert main(["--format", "json", *EXAMPLES]) == 0
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert [d["label"] for d in documents] == [documents[0]["outlet"] or "kyodo-kishida-nato.txt",
                                                documents[1]["outlet"] or "nhk.or.jp"]
    return [d["label"] for d in documents]


def test_json_names_each_source(capsys):
    _labels(capsys)


def test_markdown_format_cites_sources(capsys):
    kyodo, nhk = _labels(capsys)
    assert main(["--format", "markdown", "--algorithm", "lexrank", *EXAMPLES]) == 0
    out = capsys.readouterr().out
    title, blank, made = out.splitlines()[:3]
    assert title.startswith("# ") and title != "# Brief" and blank == ""
    assert made.startswith(f"Made {date.today().isoformat()} from 2 sources")
    assert "## Sources" in out and f"\n1. **{kyodo}**" in out and f"\n2. **{nhk}**" in out
    assert f"[{nhk}][2]" in out  # a sentence names its source, linked to the article's address


def test_stdin_splits_articles_on_dashes(monkeypatch, capsys):
    text = (
        "The mayor opened the new bridge over the river on Saturday morning.\n---\n"
        "On Saturday the mayor opened the new bridge across the river.\n"
    )
    monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": __import__("io").BytesIO(text.encode())})())
    assert main(["--format", "json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["documents"]) == 2
    assert data["summary"]["sentences"][0]["support"] == 2


@pytest.mark.parametrize(
    "argv, message",
    [
        (["/no/such/file.txt"], "No such file"),
        (["--words", "0", *EXAMPLES], "max_words"),
        (["--algorithm", "magic", *EXAMPLES], "Unknown algorithm"),
        (["--language", "klingon", *EXAMPLES], "Unsupported language"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_two(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") <= 2 and "Traceback" not in err


def test_binary_file_is_reported_and_others_still_summarised(tmp_path, capsys):
    junk = tmp_path / "photo.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert main([str(junk), EXAMPLES[0]]) == 0
    captured = capsys.readouterr()
    assert "photo.png" in captured.err
    assert captured.out.strip()


def test_runs_as_a_module_with_exit_status_two_on_unreadable_input(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\xff" * 100)
    result = subprocess.run([sys.executable, "-m", "summarizer", str(junk)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "junk.bin" in result.stderr and "Traceback" not in result.stderr


FIRE = [str(FIXTURES / "fire" / f"{name}.txt") for name in ("herald", "northern", "coast")]


def test_sources_that_differ_are_said_in_text_and_json(capsys):
    assert main(["--words", "400", *FIRE]) == 0
    text = capsys.readouterr().out
    assert "(Sources differ: 155 in northern.txt, sixty-seven and 173 in coast.txt.)" in text
    assert main(["--format", "json", "--words", "400", *FIRE]) == 0
    sentences = json.loads(capsys.readouterr().out)["summary"]["sentences"]
    toll = next(s for s in sentences if s["text"].startswith("The fire killed 60 people and injured 162"))
    assert toll["support"] == 1 and [d["document"] for d in toll["disputed_by"]] == [1, 2]
    assert all(isinstance(s["disputed_by"], list) for s in sentences)


@pytest.mark.parametrize("argv, mode", [(["--words", "60", "--about"], "about"), (["--words", "60"], "at_most"), (["--about"], "about")])
def test_about_asks_for_about_n_words(monkeypatch, capsys, argv, mode):
    import summarizer.pipeline as pipeline

    seen = []
    real = pipeline.summarize
    monkeypatch.setattr(pipeline, "summarize", lambda documents, options, *a, **k: seen.append(options) or real(documents, options))
    assert main([*argv, *EXAMPLES]) == 0
    assert seen[-1].words_mode == mode


def test_about_with_sentences_is_refused(capsys):
    assert main(["--sentences", "3", "--about", *EXAMPLES]) == 2
    assert "--about applies to a length in words" in capsys.readouterr().err


def test_help_documents_about(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--about" in help_text and "the last sentence may run over" in help_text


# --- issue 9: links among the files ------------------------------------------------------------------------


@pytest.fixture
def site():
    from local_site import LocalSite

    with LocalSite() as served:
        yield served


def test_links_among_the_files_are_fetched_where_allowed(site, monkeypatch, capsys):
    monkeypatch.setenv("SUMMARIZER_FETCH_ALLOW_HOSTS", ",".join(site.allow))
    assert main(["--format", "json", site.url("/article"), EXAMPLES[1], site.url("/photo.png")]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [d["url"] for d in data["documents"]][0] == site.url("/article")
    assert data["documents"][0]["title"] == "Kishida heads to NATO summit in Lithuania"
    assert captured.err == f"summarizer: {site.url('/photo.png')}: it is image/png, not a web page\n"
    assert data["notes"] == [f"Left out {site.url('/photo.png')}: it is image/png, not a web page"]


def test_by_default_a_link_to_the_loopback_is_not_fetched(site, monkeypatch, capsys):
    monkeypatch.delenv("SUMMARIZER_FETCH_ALLOW_HOSTS", raising=False)
    assert main([site.url("/article")]) == 2
    err = capsys.readouterr().err
    assert "it points to this server's own (loopback) address, which is not fetched" in err
    assert site.requests == []


def test_a_bad_allow_list_is_one_line_and_exit_two(monkeypatch, capsys):
    monkeypatch.setenv("SUMMARIZER_FETCH_ALLOW_HOSTS", "intranet:port")
    assert main(EXAMPLES) == 2
    assert "SUMMARIZER_FETCH_ALLOW_HOSTS: 'intranet:port' is not a host or host:port" in capsys.readouterr().err


def test_the_help_names_every_scoring_method_the_library_has():
    """Regression: --help lists the methods without importing the scorers, from a list of its own."""
    from summarizer.__main__ import ALGORITHM_NAMES
    from summarizer.score import algorithm_names

    assert list(ALGORITHM_NAMES) == algorithm_names()
