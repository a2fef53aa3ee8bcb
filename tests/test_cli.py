"""`python -m summarizer`: options, formats, stdin, and exit status 2 for unreadable input."""

import json
import subprocess
import sys
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


def test_markdown_format_cites_sources(capsys):
    assert main(["--format", "markdown", "--algorithm", "lexrank", *EXAMPLES]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Brief") and "## Sources" in out and "[^2]:" in out


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
    import summarizer.__main__ as cli

    seen = []
    real = cli.summarize
    monkeypatch.setattr(cli, "summarize", lambda documents, options, *a, **k: seen.append(options) or real(documents, options))
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
