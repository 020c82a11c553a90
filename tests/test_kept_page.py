"""A kept page fills and gzips per request to exactly what filling and gzipping it would give."""

import gzip
import random
import zlib

import pytest

from careers.plumbing.kept_page import KeptPage

CSRF, NONCE = b"csrf-hole", b"nonce-hole"
LENGTHS = {CSRF: 64, NONCE: 22}


def page(forms: int, seed: int = 1, words_per_form: tuple[int, int] = (5, 400)) -> bytes:
    """HTML-like text with holes where a real page has them: in many forms and one script."""
    rng = random.Random(seed)
    words = [b"step", b"resource", b"<li>", b"</li>", b'class="card"', b"Python", b"RAG"]
    parts = [b'<script src="/h.js" nonce="' + NONCE + b'"></script>']
    for _ in range(forms):
        parts.append(b" ".join(rng.choice(words) for _ in range(rng.randint(*words_per_form))))
        parts.append(b'<input type="hidden" name="csrfmiddlewaretoken" value="' + CSRF + b'">')
    return b"\n".join(parts)


def values(seed: int) -> dict[bytes, bytes]:
    rng = random.Random(seed)
    letters = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return {hole: bytes(rng.choice(letters) for _ in range(n)) for hole, n in LENGTHS.items()}


def filled(content: bytes, given: dict[bytes, bytes]) -> bytes:
    for hole, value in given.items():
        content = content.replace(hole, value)
    return content


@pytest.mark.parametrize("forms", [0, 1, 35, 400])  # 400 forms: well past deflate's 32 KB window
def test_gzipped_and_plain_are_the_filled_page(forms):
    content = page(forms)
    kept = KeptPage.split(content, LENGTHS)
    for seed in range(3):  # each request its own token and nonce
        given = values(seed)
        assert kept.plain(given) == filled(content, given)
        assert gzip.decompress(kept.gzipped(given, padding=seed * 7)) == filled(content, given)


def test_compresses_about_as_well_as_one_stream():
    # shaped like a roadmap: 35 forms, a few KB apart (each segment costs its own block header;
    # deflating segments on their own instead would double the size)
    content = page(35, words_per_form=(200, 600))
    given = values(0)
    ours = len(KeptPage.split(content, LENGTHS).gzipped(given))
    whole = len(zlib.compress(filled(content, given), 1))
    assert ours < 1.25 * whole


def test_padding_varies_the_length_not_the_page():
    kept = KeptPage.split(page(5), LENGTHS)
    given = values(0)
    short, long = kept.gzipped(given, padding=0), kept.gzipped(given, padding=40)
    assert len(long) == len(short) + 40
    assert gzip.decompress(short) == gzip.decompress(long)


def test_a_value_of_another_length_is_refused_for_gzip():
    kept = KeptPage.split(page(3), LENGTHS)
    given = values(0) | {CSRF: b"short"}
    assert not kept.fits(given)
    with pytest.raises(ValueError):
        kept.gzipped(given)
    assert b"short" in kept.plain(given)  # plain filling works with any length


def test_a_page_without_holes():
    kept = KeptPage.split(b"<p>nothing to fill</p>", LENGTHS)
    assert kept.holes == () and kept.fits({})
    assert gzip.decompress(kept.gzipped({})) == b"<p>nothing to fill</p>"


@pytest.mark.parametrize("where", ["right after a hole", "a segment later"])
def test_nul_bytes_in_the_page_never_break_the_gzip_stream(where):
    # Issue 10, point 10: a NUL byte after a placeholder let deflate refer back into the hole
    # (kept as NULs while compressing), so the stream decompressed to other bytes and failed
    # its CRC. Admin forms refuse NULs; fixtures, imports and the shell do not.
    nul = b"\0" * 30 + b"<p>\0text\0</p>"
    content = page(3)
    if where == "right after a hole":
        content = content.replace(NONCE + b'"', NONCE + b'"' + nul, 1)
    else:
        content = content.replace(b"</li>", b"</li>" + nul)
    kept = KeptPage.split(content, LENGTHS)
    given = values(0)
    assert gzip.decompress(kept.gzipped(given)) == filled(content, given)
