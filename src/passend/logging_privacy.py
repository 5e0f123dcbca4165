"""Defence in depth: mask anything that looks like a BSN before a log line is written."""

from __future__ import annotations

import logging

from passend.domain.maskering import maskeer_bsn


def mask_bsn_like(text: str) -> str:
    return maskeer_bsn(text)


class BsnMaskFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_bsn_like(record.getMessage())
        record.args = ()
        return True
