"""Logging filters (settings.LOGGING)."""

import logging


class NoTracebackFor4xx(logging.Filter):
    """Drop the traceback from the log line of a 4xx response.

    Django logs an answered PermissionDenied, Http404 or SuspiciousOperation as a warning with
    the exception attached, so an ordinary 403 printed a whole traceback. The line itself
    ("Forbidden (Permission denied): /natverk/x/") is all an operator needs; a 5xx keeps its
    traceback, since that is a fault in the code."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
