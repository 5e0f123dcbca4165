"""Defence in depth: mask anything that looks like a BSN before a log line is written."""

from __future__ import annotations

import logging
import re

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def mask_bsn_like(text: str) -> str:
    return _NINE_DIGITS.sub("*********", text)


class BsnMaskFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_bsn_like(record.getMessage())
        record.args = ()
        return True
