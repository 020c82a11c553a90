"""Log lines: one JSON object each, for every logger, and never a roadmap's secret token.

Loaded by settings.LOGGING before the apps are ready, so nothing here imports a model.
"""

import logging
import re

from pythonjsonlogger.core import RESERVED_ATTRS

# /roadmap/<token>… → /roadmap/-redacted-…: a roadmap's address is its only key.
TOKEN_IN_PATH = re.compile(r"(/roadmap/)[^/.\s'\"?#]+")


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1-redacted-", text)


class RedactTokens(logging.Filter):
    """Takes tokens out of every record's message, whoever logs it (django.request writes
    "Not Found: <path>", django.security the path of a refused request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/roadmap/" in message:
            record.msg, record.args = redact(message), None
        return True


class AsWarningWithoutTraceback(logging.Filter):
    """Makes a record one WARNING line: for refusals of a client's own mistake (a host name this
    site does not serve), which Django logs as an ERROR with a traceback that says nothing an
    operator could act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


LOG_FORMAT = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    "datefmt": "%Y-%m-%dT%H:%M:%S%z",
    # django.request attaches the request itself, whose text is its path: left out
    "reserved_attrs": [*RESERVED_ATTRS, "request"],
}


def logging_config(level: str) -> dict:
    """settings.LOGGING: every logger in the app's processes (Django's, django-axes', ours)
    through one JSON handler on stderr. gunicorn's own few lines keep gunicorn's format."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact_tokens": {"()": RedactTokens}},
        "formatters": {"json": LOG_FORMAT},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["redact_tokens"],
            }
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "careers": {"level": level},
            "axes": {"level": "INFO"},
            # Django's own defaults print plain text in debug and keep runserver's log apart.
            "django": {"handlers": [], "level": "INFO"},
            "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }
