"""Cells a spreadsheet would run as formulas, written as text (issue 24, CSV injection).

OWASP's advice: a cell that begins with = + - @, a tab or a carriage return is prefixed with a
single quote, which spreadsheets read as "this cell is text". A cell that already begins with
quotes before such a character gets one more, so taking one off on import gives back exactly
what was exported. django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT drops a
leading "=" (so "==1+1" still runs, and "+", "-", "@" are left alone) and, on the JSON export
too, changes what a round trip gives back.
"""

import tablib
from import_export.formats import base_formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(cell):
    """The cell as a spreadsheet reads it as text; anything but a string as it is."""
    if isinstance(cell, str) and cell.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def unescape_formula(cell):
    if isinstance(cell, str) and cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def with_cells(dataset: tablib.Dataset, change) -> tablib.Dataset:
    rows = ([change(cell) for cell in row] for row in dataset)
    return tablib.Dataset(*rows, headers=dataset.headers)


class SpreadsheetSafeCSV(base_formats.CSV):
    """CSV whose exports a spreadsheet opens without running a cell, and whose imports read
    them back as they were."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(with_cells(dataset, escape_formula), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return with_cells(super().create_dataset(in_stream, **kwargs), unescape_formula)
