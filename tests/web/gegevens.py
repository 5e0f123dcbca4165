"""Test messages for the web tests: three youths in three gemeenten, one invalid message.

- BSN_A in Dordrecht (0505, Zuid-Holland Zuid): jeugdhulp until the day before 18, then Wmo.
- BSN_B in Amsterdam (0363, another jeugdregio): jeugdhulp, turns 18 in 2024.
- BSN_C in Alblasserdam (0482, Zuid-Holland Zuid): jeugdhulp and a declaratie.
- One toewijzing with a BSN that fails the elfproef: quarantined.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from passend.domain.records import Domein
from tests import berichten as b

DORDRECHT, AMSTERDAM, ALBLASSERDAM = "0505", "0363", "0482"
#: Every BSN and name the messages carry: none may ever appear in a page or export.
GEHEIMEN = (b.BSN_A, b.BSN_B, b.BSN_C, b.FOUT_BSN, b.NAAM_A, b.NAAM_B)


def _jeugd(map_: Path, gemeente: str, bsn: str, geboren: date, tag: str, naam: str) -> list[Path]:
    c = b.client(bsn, geboren)
    k301 = b.kop("301", f"{tag}301", gemeente=gemeente)
    k305 = b.kop("305", f"{tag}305", gemeente=gemeente)
    k307 = b.kop("307", f"{tag}307", gemeente=gemeente)
    eind = date(geboren.year + 18, geboren.month, geboren.day) - (
        date(2024, 1, 2) - date(2024, 1, 1)
    )
    return [
        b.schrijf(
            map_,
            f"{tag}-jw301.xml",
            b.toewijzingbericht(
                k301, [b.toewijzing(k301, 1001, c=c, eind=date(2025, 12, 31))], naam=naam
            ),
        ),
        b.schrijf(
            map_,
            f"{tag}-jw305.xml",
            b.startbericht(k305, [b.levering(k305, 1001, date(2024, 1, 20), c=c)], naam=naam),
        ),
        b.schrijf(
            map_,
            f"{tag}-jw307.xml",
            b.stopbericht(
                k307,
                [b.levering(k307, 1001, date(2024, 1, 20), eind=eind, reden="31", c=c)],
                naam=naam,
            ),
        ),
    ]


def _wmo(map_: Path, gemeente: str, bsn: str, geboren: date, tag: str) -> list[Path]:
    c = b.client(bsn, geboren)
    w301 = b.kop("301", f"{tag}W301", Domein.WMO, gemeente=gemeente)
    w305 = b.kop("305", f"{tag}W305", Domein.WMO, gemeente=gemeente)
    return [
        b.schrijf(
            map_,
            f"{tag}-wmo301.xml",
            b.toewijzingbericht(
                w301,
                [
                    b.toewijzing(
                        w301,
                        7001,
                        categorie="02",
                        code="02A01",
                        ingang=date(2024, 12, 31),
                        eind=None,
                        omvang=b.Omvang(4, "04", "4"),
                        c=c,
                    )
                ],
            ),
        ),
        b.schrijf(
            map_,
            f"{tag}-wmo305.xml",
            b.startbericht(
                w305, [b.levering(w305, 7001, date(2025, 1, 2), categorie="02", code="02A01", c=c)]
            ),
        ),
    ]


def schrijf_berichten(map_: Path) -> list[Path]:
    """All valid messages plus one invalid one, as loose files in `map_`."""
    map_.mkdir(parents=True, exist_ok=True)
    bestanden = [
        *_jeugd(map_, DORDRECHT, b.BSN_A, date(2006, 12, 31), "A", b.NAAM_A),
        *_wmo(map_, DORDRECHT, b.BSN_A, date(2006, 12, 31), "A"),
        *_jeugd(map_, AMSTERDAM, b.BSN_B, date(2006, 6, 1), "B", b.NAAM_B),
        *_jeugd(map_, ALBLASSERDAM, b.BSN_C, date(2006, 3, 1), "C", b.NAAM_B),
        b.schrijf(
            map_,
            "C-jw323.xml",
            b.declaratie(
                b.kop("323", "CD323", gemeente=ALBLASSERDAM),
                "DEC1",
                [("R1", 12, 9000, 108000, "D")],
                c=b.client(b.BSN_C, date(2006, 3, 1)),
            ),
        ),
    ]
    fout = b.kop("301", "F301", gemeente=DORDRECHT)
    bestanden.append(
        b.schrijf(
            map_,
            "F-jw301.xml",
            b.toewijzingbericht(
                fout, [b.toewijzing(fout, 1001, c=b.client(b.FOUT_BSN))], naam=b.NAAM_A
            ),
        )
    )
    return bestanden


def maak_zip(map_: Path, naam: str = "berichten.zip") -> Path:
    """The messages of :func:`schrijf_berichten` in one zip archive."""
    bron = map_ / "los"
    bestanden = schrijf_berichten(bron)
    pad = map_ / naam
    with zipfile.ZipFile(pad, "w") as archief:
        for bestand in bestanden:
            archief.write(bestand, bestand.name)
    return pad
