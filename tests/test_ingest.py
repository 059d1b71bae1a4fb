import pytest

from analysis.errors import FramingInputError
from analysis.ingest import cut_trailer, decode_bytes, find_text_files, read_documents, read_text_file

ARTICLE = "قال حفتر إن الحرب مستمرة.\nفقرة ثانية."


def test_seed_trailer_is_cut_and_reported(seed_path):
    row = read_text_file(seed_path)
    assert row["trailer_removed"] == "Facebook Comments"
    assert row["text"].endswith("في إبريل الماضي.")
    raw = seed_path.read_text(encoding="utf-8")
    assert raw.startswith(row["text"])  # offsets into the text are offsets into the file
    assert row["encoding"] == "utf-8"
    assert row["n_bytes"] == 5960


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff".encode() + ARTICLE.replace("\n", "\r\n").encode())
    row = read_text_file(path)
    assert row["encoding"] == "utf-8-sig"
    assert row["text"] == ARTICLE


def test_cp1256_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    row = read_text_file(path)
    assert (row["encoding"], row["text"]) == ("cp1256", ARTICLE)


def test_binary_file_names_the_byte(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(FramingInputError, match=r"image\.txt, byte 8: has a NUL byte"):
        read_text_file(path)


def test_non_arabic_legacy_bytes_are_an_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("café crème".encode("latin-1"))
    with pytest.raises(FramingInputError, match=r"latin1\.txt, byte 3: is neither UTF-8 nor Arabic"):
        read_text_file(path)


def test_empty_and_boilerplate_only_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    with pytest.raises(FramingInputError, match=r"empty\.txt: is empty"):
        read_text_file(tmp_path / "empty.txt")
    (tmp_path / "fb.txt").write_text("\nFacebook Comments\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match="only boilerplate"):
        read_text_file(tmp_path / "fb.txt")


def test_folder_without_txt(tmp_path):
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(FramingInputError, match="folder with no .txt files"):
        find_text_files([tmp_path])


def test_missing_path_and_wrong_suffix(tmp_path):
    with pytest.raises(FramingInputError, match="does not exist"):
        find_text_files([tmp_path / "nope.txt"])
    (tmp_path / "a.csv").write_text("x")
    with pytest.raises(FramingInputError, match="is not a .txt file"):
        find_text_files([tmp_path / "a.csv"])


def test_same_stem_twice_is_refused(tmp_path):
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(FramingInputError, match="same name"):
        find_text_files([tmp_path])


def test_inputs_are_never_modified(tmp_path):
    path = tmp_path / "a.txt"
    data = ("\ufeff" + ARTICLE + "\r\n\r\nFacebook Comments").encode()
    path.write_bytes(data)
    documents = read_documents([tmp_path])
    assert documents.loc[0, "trailer_removed"] == "Facebook Comments"
    assert path.read_bytes() == data


def test_cut_trailer_keeps_offsets():
    text = "نص المقال\n\nFacebook Comments\n"
    kept, removed = cut_trailer(text)
    assert (kept, removed) == ("نص المقال", "Facebook Comments")
    assert cut_trailer("لا شيء هنا") == ("لا شيء هنا", "")


def test_decode_reports_control_characters():
    with pytest.raises(FramingInputError, match="U\\+0007"):
        decode_bytes("نص\x07".encode(), "x.txt")
