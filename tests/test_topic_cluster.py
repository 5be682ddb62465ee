"""`python -m monitor topics cluster`: any CSV -> its rows plus topic_id, topic_label and
topic_score, on small CSVs written inline."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pandas as pd
import pytest

from monitor.cli import main
from monitor.models import OTHER_LABEL
from tests.topic_corpus import subject_posts

SUBJECTS = ("football", "baking", "phones")
N_PER_SUBJECT = 8
TOPIC_COLUMNS = ["topic_id", "topic_label", "topic_score"]

# Slovenian posts with č, š and ž, for a LinkedIn-style export in cp1250 with semicolons.
SLOVENIAN = {
    "nogomet": ("nogomet tekma", "gol sodnik stadion enajstmetrovka trener navijači derbi prestop žoga"),
    "peka": ("peka kruh", "pečica moka maslo testo kvas skorja žemlja pecivo rogljiček"),
    "potovanja": ("potovanje počitnice", "letališče tarifa gostovanje meja prtljaga šotor plaža križarjenje"),
}


@pytest.fixture(autouse=True)
def _no_feeds_yaml(tmp_path, monkeypatch):
    """topics cluster needs no feeds.yaml or database: run where there is none."""
    monkeypatch.chdir(tmp_path)


def market_rows() -> pd.DataFrame:
    """Three subjects, interleaved, so row order and topic order differ."""
    texts = {s: [p["text"] for p in subject_posts(s, N_PER_SUBJECT)] for s in SUBJECTS}
    rows = [
        {"id": f"{s}-{i}", "brand": "Lipa Mobil" if i % 2 else "Kras Telekom", "text": texts[s][i]}
        for i in range(N_PER_SUBJECT)
        for s in SUBJECTS
    ]
    return pd.DataFrame(rows)


def slovenian_rows() -> pd.DataFrame:
    rows = []
    for i in range(N_PER_SUBJECT):
        for subject, (anchors, words) in SLOVENIAN.items():
            picked = random.Random(f"{subject}-{i}").sample(words.split(), 6)
            rows.append(
                {"id": f"{subject}-{i}", "besedilo": " ".join([*anchors.split(), *picked]).capitalize()}
            )
    return pd.DataFrame(rows)


def subject(row_id: str) -> str:
    return row_id.rsplit("-", 1)[0]


def write(frame: pd.DataFrame, path: Path, **kwargs) -> Path:
    frame.to_csv(path, index=False, **kwargs)
    return path


def read(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, **kwargs)


def header_line(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig").split("\r\n", 1)[0]


def cluster(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["topics", "cluster", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def topics_by_subject(result: pd.DataFrame) -> dict[str, set[str]]:
    return result.groupby(result["id"].map(subject))["topic_id"].agg(set).to_dict()


def assert_one_topic_per_subject(result: pd.DataFrame) -> None:
    by_subject = topics_by_subject(result)
    assert all(len(ids) == 1 for ids in by_subject.values()), by_subject
    assert len(set().union(*by_subject.values())) == len(by_subject), by_subject


# --- output --------------------------------------------------------------------------------


def test_output_is_the_input_rows_in_order_plus_topic_columns(tmp_path, capsys):
    given = market_rows()
    source = write(given, tmp_path / "in.csv")
    target = tmp_path / "out.csv"

    code, out, err = cluster(
        capsys, str(source), "--text-column", "text", "--n-topics", "3", "-o", str(target)
    )

    assert (code, out) == (0, "")
    assert err == f"24 rows, 3 topics -> {target}\n"
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    result = read(target)
    assert list(result.columns) == [*given.columns, *TOPIC_COLUMNS]
    pd.testing.assert_frame_equal(result[list(given.columns)], given)
    assert_one_topic_per_subject(result)
    labels = result.groupby(result["id"].map(subject))["topic_label"].agg(set).to_dict()
    assert labels["football"] == {"football · league"}
    scores = result["topic_score"].astype(float)
    assert scores.between(0.5, 1.0).all()


@pytest.mark.parametrize("k", [2, 3, 4])
def test_n_topics_sets_the_number_of_topics(tmp_path, capsys, k):
    source = write(market_rows(), tmp_path / "in.csv")

    code, _out, _err = cluster(
        capsys, str(source), "--text-column", "text", "--n-topics", str(k), "-o", str(tmp_path / "out.csv")
    )

    assert code == 0
    result = read(tmp_path / "out.csv")
    assert result["topic_id"].nunique() == k
    assert (result["topic_id"] != "").all()


def test_automatic_n_topics_finds_the_three_subjects(tmp_path, capsys):
    source = write(market_rows(), tmp_path / "in.csv")

    code, _out, err = cluster(capsys, str(source), "--text-column", "text", "-o", str(tmp_path / "out.csv"))

    assert code == 0
    assert "24 rows, 3 topics" in err
    assert_one_topic_per_subject(read(tmp_path / "out.csv"))


def test_without_output_the_csv_goes_to_stdout(tmp_path, capsys):
    source = write(market_rows(), tmp_path / "in.csv")
    cluster(capsys, str(source), "--text-column", "text", "--n-topics", "3", "-o", str(tmp_path / "out.csv"))

    code, out, err = cluster(capsys, str(source), "--text-column", "text", "--n-topics", "3")

    assert (code, err) == (0, "")
    assert out.startswith("id,brand,text,topic_id,topic_label,topic_score")
    printed = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(printed, read(tmp_path / "out.csv"))


def test_two_text_columns_are_joined(tmp_path, capsys):
    # football only in the title, baking only in the body: one column alone leaves rows blank
    given = market_rows()
    football = given["id"].str.startswith("football")
    given = given.assign(
        title=given["text"].where(football, ""), body=given["text"].where(~football, "")
    ).drop(columns="text")
    source = write(given, tmp_path / "in.csv")

    code, _out, _err = cluster(
        capsys, str(source), "--text-column", "title", "--text-column", "body", "--n-topics", "3",
        "-o", str(tmp_path / "both.csv"),
    )  # fmt: skip
    cluster(
        capsys, str(source), "--text-column", "title", "--n-topics", "2", "-o", str(tmp_path / "title.csv")
    )

    assert code == 0
    both = read(tmp_path / "both.csv")
    assert list(both.columns) == ["id", "brand", "title", "body", *TOPIC_COLUMNS]
    assert (both["topic_id"] != "").all()
    assert_one_topic_per_subject(both)
    title_only = read(tmp_path / "title.csv")
    assert (title_only.loc[~football, "topic_id"] == "").all()


def test_semicolons_and_cp1250_are_read_and_slovenian_letters_survive(tmp_path, capsys):
    given = slovenian_rows()
    source = write(given, tmp_path / "linkedin.csv", sep=";", encoding="cp1250")
    assert "č".encode("cp1250") in source.read_bytes()

    code, _out, _err = cluster(
        capsys, str(source), "--text-column", "besedilo", "--delimiter", ";", "--encoding", "cp1250",
        "--n-topics", "3", "-o", str(tmp_path / "out.csv"),
    )  # fmt: skip

    assert code == 0
    assert header_line(tmp_path / "out.csv") == "id;besedilo;topic_id;topic_label;topic_score"
    result = read(tmp_path / "out.csv", sep=";")
    assert list(result.columns) == ["id", "besedilo", *TOPIC_COLUMNS]
    assert result["besedilo"].tolist() == given["besedilo"].tolist()
    text = "".join(result["besedilo"])
    assert all(letter in text for letter in "čšž")
    assert_one_topic_per_subject(result)


def test_cp1250_read_as_utf8_says_to_pass_the_encoding(tmp_path, capsys):
    source = write(slovenian_rows(), tmp_path / "linkedin.csv", sep=";", encoding="cp1250")

    code, out, err = cluster(capsys, str(source), "--text-column", "besedilo", "--delimiter", ";")

    assert (code, out) == (1, "")
    assert err.startswith(f"error: {source}: not utf-8-sig text (byte ")
    assert err.endswith("); pass --encoding, e.g. cp1250\n")


def test_tab_delimiter(tmp_path, capsys):
    source = write(market_rows(), tmp_path / "in.tsv", sep="\t")

    code, out, _err = cluster(
        capsys, str(source), "--text-column", "text", "--delimiter", "tab", "--n-topics", "3"
    )

    assert code == 0
    assert out.startswith("id\tbrand\ttext\ttopic_id\ttopic_label\ttopic_score\r\n")
    result = pd.read_csv(io.StringIO(out), sep="\t", dtype=str, keep_default_na=False)
    assert_one_topic_per_subject(result)


# A CSV pandas wrote with its index: the first header is blank.
@pytest.mark.parametrize(("delimiter", "option"), [(",", ","), (";", ";"), ("\t", "tab")])
def test_the_output_keeps_the_delimiter_and_a_blank_first_header(tmp_path, capsys, delimiter, option):
    given = market_rows()
    source = tmp_path / "in.csv"
    given.to_csv(source, sep=delimiter)  # index=True: the header starts with the delimiter
    target = tmp_path / "out.csv"

    code, _out, _err = cluster(
        capsys, str(source), "--text-column", "text", "--delimiter", option, "--n-topics", "3",
        "-o", str(target),
    )  # fmt: skip

    assert code == 0
    assert header_line(target) == delimiter.join(["", *given.columns, *TOPIC_COLUMNS])
    result = read(target, sep=delimiter)
    assert list(result.columns) == list(read(source, sep=delimiter).columns) + TOPIC_COLUMNS
    assert result.iloc[:, 0].tolist() == [str(i) for i in range(len(given))]
    pd.testing.assert_frame_equal(result[list(given.columns)], given)
    assert_one_topic_per_subject(result)


@pytest.mark.parametrize("header", ["id;text;", "id;text;text", ";text;"])
def test_blank_and_repeated_header_names_come_back_as_the_file_had_them(tmp_path, capsys, header):
    texts = market_rows()["text"]
    source = tmp_path / "in.csv"
    rows = [f"{i};{text};x" for i, text in enumerate(texts)]
    source.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    code, out, _err = cluster(
        capsys, str(source), "--text-column", "text", "--delimiter", ";", "--n-topics", "3"
    )

    assert code == 0
    lines = out.split("\r\n")
    assert lines[0] == header + ";topic_id;topic_label;topic_score"
    assert lines[1].startswith(f"0;{texts[0]};x;")


def test_a_row_without_usable_words_gets_a_blank_topic(tmp_path, capsys):
    given = pd.concat(
        [
            market_rows(),
            pd.DataFrame([{"id": "noise-0", "brand": "Lipa Mobil", "text": "😀 https://t.co/x"}]),
        ],
        ignore_index=True,
    )
    source = write(given, tmp_path / "in.csv")

    code, out, _err = cluster(capsys, str(source), "--text-column", "text", "--n-topics", "3")

    assert code == 0
    result = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert result.iloc[-1][TOPIC_COLUMNS].tolist() == ["", OTHER_LABEL, ""]
    assert (result.iloc[:-1]["topic_id"] != "").all()


def test_a_formula_in_the_input_comes_out_inert(tmp_path, capsys):
    given = market_rows()
    given.loc[0, "brand"] = '=HYPERLINK("https://evil.example","klik")'
    source = write(given, tmp_path / "in.csv")

    code, out, _err = cluster(capsys, str(source), "--text-column", "text", "--n-topics", "3")

    assert code == 0
    result = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert result.loc[0, "brand"] == '\'=HYPERLINK("https://evil.example","klik")'


# --- errors --------------------------------------------------------------------------------


def test_a_missing_text_column_is_named_with_the_columns_there_are(tmp_path, capsys):
    source = write(market_rows(), tmp_path / "in.csv")

    code, out, err = cluster(capsys, str(source), "--text-column", "text", "--text-column", "opis")

    # a MonitorError: exit 1 (the CLI's exit 2 is for feeds.yaml and usage errors)
    assert (code, out) == (1, "")
    assert err == "error: column 'opis' is not in the file; it has: id, brand, text\n"


def test_a_missing_file_is_named(tmp_path, capsys):
    code, out, err = cluster(capsys, str(tmp_path / "none.csv"), "--text-column", "text")

    assert (code, out) == (1, "")
    assert err == f"error: {tmp_path / 'none.csv'}: file not found\n"


@pytest.mark.parametrize("value", ["1", "501", "many"])
def test_a_bad_number_of_topics_is_a_usage_error(tmp_path, capsys, value):
    source = write(market_rows(), tmp_path / "in.csv")

    with pytest.raises(SystemExit) as caught:
        main(["topics", "cluster", str(source), "--text-column", "text", "--n-topics", value])

    assert caught.value.code == 2
    assert f"{value!r}: write auto or a number from 2 to 500" in capsys.readouterr().err


def test_a_text_column_is_required(tmp_path, capsys):
    source = write(market_rows(), tmp_path / "in.csv")

    with pytest.raises(SystemExit) as caught:
        main(["topics", "cluster", str(source)])

    assert caught.value.code == 2
    assert "--text-column" in capsys.readouterr().err


def test_a_file_with_no_words_at_all_is_an_error_not_a_traceback(tmp_path, capsys):
    source = write(
        pd.DataFrame({"text": ["😀 https://t.co/x", "the and of", "@acme 2024"]}), tmp_path / "in.csv"
    )

    code, out, err = cluster(capsys, str(source), "--text-column", "text")

    assert (code, out) == (1, "")
    assert err.startswith("error: ") and "empty after preprocessing" in err
    assert len(err.splitlines()) == 1


def outcome(argv: list[str], capsys) -> tuple[int, str]:
    """Exit code and stderr of a command, whether it returns or exits through argparse."""
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().err


def test_a_csv_with_a_header_but_no_rows_is_an_error_not_a_traceback(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("id,text\n", encoding="utf-8")

    code, err = outcome(["topics", "cluster", str(source), "--text-column", "text"], capsys)

    assert code == 1
    assert err.startswith("error: ") and len(err.splitlines()) == 1


def test_an_unknown_encoding_is_an_error_not_a_traceback(tmp_path, capsys):
    source = write(market_rows(), tmp_path / "in.csv")

    code, err = outcome(
        ["topics", "cluster", str(source), "--text-column", "text", "--encoding", "utf-9"], capsys
    )

    assert code in (1, 2)
    assert "error: " in err and "utf-9" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2  # argparse adds a usage line


def test_a_folder_instead_of_a_file_is_an_error_not_a_traceback(tmp_path, capsys):
    code, err = outcome(["topics", "cluster", str(tmp_path), "--text-column", "text"], capsys)

    assert code == 1
    assert err.startswith(f"error: {tmp_path}") and len(err.splitlines()) == 1
