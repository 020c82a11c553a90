"""What an import would do, row by row, as an editor reads it (issue 14): each row's fate (new,
changed, unchanged or rejected), the cells it changes as old → new, and for a rejected row each
problem with its column, the value the file holds there and the file's own line number.

Built from django-import-export's dry-run Result, whose rows carry their number (set by
CatalogResource.after_import_row, or the library's own for rejected rows) and whose diffs are
Cells (resources.CellDiff).
"""

from __future__ import annotations

from dataclasses import dataclass

ROW_AS_A_WHOLE = "__all__"  # Django's key for a validation error of no one field
FATES = {"new": "new", "update": "changed", "skip": "unchanged", "delete": "deleted"}


@dataclass(frozen=True)
class Cell:
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class Problem:
    column: str  # "" when it is the row as a whole
    value: str  # what the file holds in that column
    message: str


@dataclass(frozen=True)
class PreviewRow:
    number: int  # the row's place among the data rows, from 1
    where: str  # "line 12" of a CSV file (its header is line 1), "record 3" of a JSON one
    fate: str  # new, changed, unchanged, deleted or rejected
    name: str  # the row's object as the admin names it ("" when rejected)
    changes: tuple[tuple[str, Cell], ...]  # (column, cell) where the value changes
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ImportPreview:
    rows: tuple[PreviewRow, ...]
    file_errors: tuple[str, ...]  # what stops the whole file, before any row

    def of(self, fate: str) -> list[PreviewRow]:
        return [row for row in self.rows if row.fate == fate]

    @property
    def rejected(self) -> list[PreviewRow]:
        return self.of("rejected")

    @property
    def new(self) -> list[PreviewRow]:
        return self.of("new")

    @property
    def changed(self) -> list[PreviewRow]:
        return self.of("changed")

    @property
    def unchanged(self) -> list[PreviewRow]:
        return self.of("unchanged")

    @property
    def writes(self) -> list[PreviewRow]:
        """The rows an import would write: new, changed or deleted."""
        return [row for row in self.rows if row.fate in ("new", "changed", "deleted")]


def where(number: int, lines: bool) -> str:
    return f"line {number + 1}" if lines else f"record {number}"


def build_preview(result, *, lines: bool) -> ImportPreview:
    """The preview of a dry run's result; lines: the file is a CSV (one record a line after
    the header), else rows are counted as records."""
    headers = [str(header) for header in result.diff_headers]
    rows = [
        *invalid_rows(result.invalid_rows, headers, lines),
        *failed_rows(result.error_rows, lines),
        *diffed_rows(result.rows, headers, lines),
    ]
    file_errors = tuple(str(error.error) for error in result.base_errors)
    return ImportPreview(tuple(sorted(rows, key=lambda row: row.number)), file_errors)


def invalid_rows(invalid_rows, headers: list[str], lines: bool) -> list[PreviewRow]:
    """Rows the model's validation refused, each problem with its column and the file's value."""
    rows = []
    for invalid in invalid_rows:
        values = dict(zip(headers, invalid.values, strict=False))
        problems = tuple(
            Problem(
                "" if column == ROW_AS_A_WHOLE else column,
                "" if column == ROW_AS_A_WHOLE else str(values.get(column, "")),
                message,
            )
            for column, messages in invalid.error_dict.items()
            for message in messages
        )
        rows.append(rejected_row(invalid.number, lines, problems))
    return rows


def failed_rows(error_rows, lines: bool) -> list[PreviewRow]:
    """Rows that failed to import for another reason (an exception while reading them)."""
    return [
        rejected_row(
            failed.number, lines, tuple(Problem("", "", str(e.error)) for e in failed.errors)
        )
        for failed in error_rows
    ]


def diffed_rows(result_rows, headers: list[str], lines: bool) -> list[PreviewRow]:
    """New, changed and unchanged rows, each changed cell as old → new."""
    rows = []
    for row in result_rows:
        if row.import_type not in FATES:
            continue  # rejected: told above, with its problems
        pairs = zip(headers, row.diff or (), strict=False)  # undiffed rows have no cells
        changes = tuple((header, cell) for header, cell in pairs if cell.changed)
        fate, name = FATES[row.import_type], row.object_repr or ""
        rows.append(PreviewRow(row.number, where(row.number, lines), fate, name, changes, ()))
    return rows


def rejected_row(number: int, lines: bool, problems: tuple[Problem, ...]) -> PreviewRow:
    return PreviewRow(number, where(number, lines), "rejected", "", (), problems)
