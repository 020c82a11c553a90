"""How many rows an uploaded file holds, counted as it streams past (issue 24).

An import refuses a file of more rows than it takes before the library builds a dataset of it:
a 2 MB CSV of a million short rows grew a worker from 65 MB to 400 MB before it was killed.
The count keeps one line (CSV) or one record (JSON) at a time, and stops past the ceiling.
Rows are counted as the library reads them: after a CSV's header, blank lines left out; the
records of a JSON array. A file the count cannot read is left to the library to refuse.
"""

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator

from django.core.files.uploadedfile import UploadedFile

# A preview of 2,000 skill requirements took 4.4 s on two busy cores (each row looked up,
# validated and compared: 4.5 queries a row), well inside the proxy's 30 s, and is twenty
# times the largest table of the seed catalog (98 skill requirements); 20,000 would not be.
MAX_IMPORT_ROWS = 2_000
JSON_SPACE = re.compile(r"[ \t\n\r]*")


def count_rows(upload: UploadedFile, *, lines: bool, encoding: str, limit: int) -> int:
    """The file's data rows, counted up to limit + 1; lines: a CSV (one record a line after
    the header), else a JSON array of records."""
    if lines:
        return csv_rows(text_lines(upload.chunks(), encoding), limit)
    text = codecs.decode(b"".join(upload.chunks()), encoding, errors="replace")
    return json_records(text, limit)


def text_lines(chunks: Iterable[bytes], encoding: str) -> Iterator[str]:
    """The text's lines, split at "\\n" only (as the library's reader splits them), decoded a
    chunk at a time."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    rest = ""
    for chunk in chunks:
        text = rest + decoder.decode(chunk)
        end = text.rfind("\n") + 1
        yield from io.StringIO(text[:end])
        rest = text[end:]
    rest += decoder.decode(b"", final=True)
    if rest:
        yield rest


def csv_rows(lines: Iterable[str], limit: int) -> int:
    count = 0
    try:
        for number, row in enumerate(csv.reader(lines)):
            count += bool(number and row)  # not the header, nor a blank line
            if count > limit:
                break
    except csv.Error:
        pass  # the library's reader says what is wrong with the file
    return count


def json_records(text: str, limit: int) -> int:
    """The records of a JSON array, each decoded and dropped in turn."""
    decoder = json.JSONDecoder()
    at = JSON_SPACE.match(text).end()
    if not text.startswith("[", at):
        return 0
    count, at = 0, at + 1
    try:
        while count <= limit:
            at = JSON_SPACE.match(text, at).end()
            if at >= len(text) or text[at] == "]":
                break
            _, at = decoder.raw_decode(text, at)
            count += 1
            at = JSON_SPACE.match(text, at).end()
            if not text.startswith(",", at):
                break
            at += 1
    except json.JSONDecodeError:
        pass  # as above: the library's reader tells the editor
    return count
