"""Reading article files: encodings, line ends, and clear errors on bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from articles import ArticleError, load, sample_path

SAMPLE = sample_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", b"", "\n"),
        ("utf-8", codecs.BOM_UTF8, "\n"),
        ("utf-8", b"", "\r\n"),
        ("utf-8", b"", "\r"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
    ],
)
def test_encodings_and_line_ends_give_one_canonical_text(
    tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(bom + SAMPLE.replace("\n", newline).encode(encoding))
    article = load(path)
    assert article.text == SAMPLE
    assert article.id == load(sample_path()).id
    assert len(article.people) == 8


def test_decomposed_diacritics_are_normalised_to_nfc(tmp_path: Path) -> None:
    import unicodedata

    text = "Title line\n\n(Baonghean.vn) - Ông Nguyễn Văn Thông - Bí thư said.\n"
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert load(path).text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\r\n  ", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"caf\xe9 au lait\n", "invalid byte 0xe9"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not readable as UTF-16"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert problem in message
    assert "\n" not in message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="is a directory"):
        load(tmp_path)
