"""Defence in depth: nothing that looks like a BSN or a user's file name reaches a log line.

The filter masks the message as soon as a record is made; the formatter masks the whole
formatted line, the traceback included (an exception text can quote a file name such as
``JW301_999900006_Jansen.xml``, or a value from the input).
"""

from __future__ import annotations

import logging
import re

from passend.domain.maskering import maskeer_bsn, veilige_bestandsnaam

#: Something that looks like a file name with an extension users upload or suites export.
_BESTANDSNAAM = re.compile(
    r"[^\s'\"<>|]*\.(?:xml|csv|xlsx|xls|zip|txt|pdf|json|tmp)\b", re.IGNORECASE
)


def mask_bsn_like(text: str) -> str:
    return maskeer_bsn(text)


def maskeer_logregel(tekst: str) -> str:
    """A log line with BSN-shaped numbers and user file names masked."""
    zonder_namen = _BESTANDSNAAM.sub(lambda m: veilige_bestandsnaam(m.group(0)).weergave, tekst)
    return maskeer_bsn(zonder_namen)


class BsnMaskFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = maskeer_logregel(record.getMessage())
        record.args = ()
        return True


class PrivacyFormatter(logging.Formatter):
    """Formats as usual, then masks the whole line, tracebacks and stack included."""

    def format(self, record: logging.LogRecord) -> str:
        return maskeer_logregel(super().format(record))
