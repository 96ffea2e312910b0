import codecs

import pytest

from chronicler.errors import InputError
from chronicler.sources.decode import decode_bytes, looks_like_html

TEXT = "Díaz-Canel said “no” — 100 € later."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32"],
)
def test_unicode_encodings_decode_to_the_same_text(data):
    assert decode_bytes(data) == TEXT


def test_latin1_falls_back_without_losing_accents():
    assert decode_bytes("Díaz-Canel, café".encode("latin-1")) == "Díaz-Canel, café"


def test_cp1252_quotes_decode_as_curly_quotes():
    assert decode_bytes(b"\x93We are talking\x94, he said") == "“We are talking”, he said"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\n\n"])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError, match="empty"):
        decode_bytes(data, "x.txt")


@pytest.mark.parametrize("data", [b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00" * 20,
                                  bytes(range(256)) * 4, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200)])
def test_binary_input_is_refused_with_a_clear_reason(data):
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "blob.bin")


def test_html_detection():
    assert looks_like_html(b"<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  <html lang='en'>")
    assert not looks_like_html("HAVANA: <b> is not how articles start")


@pytest.mark.parametrize("data,what", [(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
                                       (b"PK\x03\x04\x14\x00word/document.xml", "ZIP"),
                                       (b"\x89PNG\r\n\x1a\n", "PNG"), (b"{\\rtf1\\ansi Hello}", "RTF")])
def test_known_non_text_formats_are_named(data, what):
    with pytest.raises(InputError, match=what):
        decode_bytes(data, "upload")
