"""iJw/iWmo messages through the whole import path: reader, checks, store, quarantine."""

from __future__ import annotations

import gc
import hashlib
import zipfile
from datetime import date

import pytest

from passend.care.models import Client, GeboortedatumConflict, Levering, Prestatie, Toewijzing
from passend.domain.records import Domein
from passend.imports.models import ImportBatch, QuarantineRecord, VerwerktBericht
from passend.imports.pipeline import GC_DREMPELS, _zeldzamer_opruimen, importeer
from passend.istandaarden import writer
from tests import berichten as b

pytestmark = pytest.mark.django_db


def _bestanden(tmp_path):
    """A realistic little set: toewijzing, start, stop, declaratie, and a Wmo follow-up."""
    tmp_path = tmp_path / "los"
    tmp_path.mkdir()
    k301 = b.kop("301", "T301")
    t1 = b.toewijzing(k301, 1001)
    t2 = b.toewijzing(
        k301, 1002, categorie="44", code="44A01", omvang=b.Omvang(30, "14", "4"), eind=None
    )
    k305, k307 = b.kop("305", "S305"), b.kop("307", "S307")
    wmo301, wmo305 = b.kop("301", "W301", Domein.WMO), b.kop("305", "W305", Domein.WMO)
    return [
        b.schrijf(tmp_path, "jw301.xml", b.toewijzingbericht(k301, [t1, t2])),
        b.schrijf(
            tmp_path,
            "jw305.xml",
            b.startbericht(
                k305,
                [
                    b.levering(k305, 1001, date(2024, 1, 20)),
                    b.levering(k305, 1002, date(2024, 2, 1), categorie="44", code="44A01"),
                ],
            ),
        ),
        b.schrijf(
            tmp_path,
            "jw307.xml",
            b.stopbericht(
                k307,
                [b.levering(k307, 1001, date(2024, 1, 20), eind=date(2024, 12, 30), reden="31")],
            ),
        ),
        b.schrijf(
            tmp_path,
            "jw323.xml",
            b.declaratie(
                b.kop("323", "D323"),
                "DEC1",
                [("R1", 12, 9000, 108000, "D"), ("R2", 2, 9000, 18000, "C", "R1")],
            ),
        ),
        b.schrijf(
            tmp_path,
            "wmo301.xml",
            b.toewijzingbericht(
                wmo301,
                [
                    b.toewijzing(
                        wmo301,
                        7001,
                        categorie="02",
                        code="02A01",
                        ingang=date(2024, 12, 31),
                        eind=None,
                        omvang=b.Omvang(4, "04", "4"),
                    )
                ],
            ),
        ),
        b.schrijf(
            tmp_path,
            "wmo305.xml",
            b.startbericht(
                wmo305, [b.levering(wmo305, 7001, date(2025, 1, 2), categorie="02", code="02A01")]
            ),
        ),
    ]


def test_valid_messages_are_stored(tmp_path):
    samenvatting = importeer(_bestanden(tmp_path))
    assert (samenvatting.accepted, samenvatting.quarantined) == (9, 0)
    assert {t: c.accepted for t, c in samenvatting.by_type.items()} == {
        "JW301": 2,
        "JW305": 2,
        "JW307": 1,
        "JW323": 2,
        "WMO301": 1,
        "WMO305": 1,
    }
    # One youth, in Jeugd and Wmo: one client.
    klant = Client.objects.get()
    assert klant.geboortedatum == date(2006, 12, 31) and len(klant.pseudoniem) == 64
    verblijf = Toewijzing.objects.get(toewijzingnummer=1002)
    assert (verblijf.uitvoeringsvariant, verblijf.einddatum) == ("inspanningsgericht", None)
    gestopt = Levering.objects.get(toewijzingnummer=1001)
    assert (gestopt.begindatum, gestopt.einddatum, gestopt.reden_beeindiging) == (
        date(2024, 1, 20),
        date(2024, 12, 30),
        "31",
    )
    assert Levering.objects.get(domein="wmo").begindatum == date(2025, 1, 2)
    assert sorted(Prestatie.objects.values_list("referentie", "bedrag", "debet_credit")) == [
        ("R1", 108000, "D"),
        ("R2", 18000, "C"),
    ]
    assert ImportBatch.objects.get().status == "voltooid"


def test_the_cycle_collector_runs_less_often_only_while_importing(tmp_path):
    """The import raises the collector's thresholds for its own run (see
    `pipeline._zeldzamer_opruimen`) and gives the process its own back, also when it fails."""
    gc.set_threshold(700, 10, 10)
    tijdens: set[tuple[int, ...]] = set()
    samenvatting = importeer(
        _bestanden(tmp_path), voortgang=lambda *_: tijdens.add(gc.get_threshold())
    )
    assert samenvatting.accepted == 9
    assert tijdens == {GC_DREMPELS}
    assert gc.get_threshold() == (700, 10, 10)

    def faal(*_: object) -> None:
        raise KeyboardInterrupt

    gc.set_threshold(1000, 15, 15)
    with pytest.raises(KeyboardInterrupt):
        importeer(
            [
                b.schrijf(
                    tmp_path,
                    "nog.xml",
                    b.toewijzingbericht(
                        b.kop("301", "NOG"), [b.toewijzing(b.kop("301", "NOG"), 5)]
                    ),
                )
            ],
            voortgang=faal,
        )
    assert gc.get_threshold() == (1000, 15, 15)
    gc.set_threshold(700, 10, 10)


def test_overlapping_imports_give_back_the_thresholds_of_before_the_first():
    """Uploads import in threads of one web process: A starts, B starts, A ends, B ends.
    The raised thresholds hold until the last one ends, which restores the first's."""
    gc.set_threshold(700, 10, 10)
    a, b_ = _zeldzamer_opruimen(), _zeldzamer_opruimen()
    a.__enter__()
    b_.__enter__()
    a.__exit__(None, None, None)
    assert gc.get_threshold() == GC_DREMPELS  # B still runs
    b_.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)


def _autocheckpoint() -> tuple[int, int]:
    """The connection's checkpoint interval and page cache size."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        pagina_s = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size")
        return pagina_s, int(cursor.fetchone()[0])


def test_sqlite_copies_its_log_less_often_and_caches_more_only_while_importing(tmp_path):
    """On SQLite the import checkpoints its write-ahead log every WAL_PAGINAS pages with a
    page cache of CACHE_KB, and gives the connection its own settings back, also when it
    fails; PostgreSQL is left alone (not one statement)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from passend.imports.pipeline import CACHE_KB, WAL_PAGINAS, _minder_checkpoints

    if connection.vendor != "sqlite":
        with CaptureQueriesContext(connection) as gedaan, _minder_checkpoints():
            pass
        assert gedaan.captured_queries == []
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint = 900")
        cursor.execute("PRAGMA cache_size = -3000")
    tijdens: set[tuple[int, int]] = set()
    importeer(_bestanden(tmp_path), voortgang=lambda *_: tijdens.add(_autocheckpoint()))
    assert tijdens == {(WAL_PAGINAS, -CACHE_KB)}
    assert _autocheckpoint() == (900, -3000)

    def faal(*_: object) -> None:
        raise KeyboardInterrupt

    nog = b.kop("301", "NOG")
    with pytest.raises(KeyboardInterrupt):
        importeer(
            [b.schrijf(tmp_path, "nog.xml", b.toewijzingbericht(nog, [b.toewijzing(nog, 5)]))],
            voortgang=faal,
        )
    assert _autocheckpoint() == (900, -3000)


def test_zip_and_directory_inputs_give_the_same_result(tmp_path):
    bestanden = _bestanden(tmp_path)
    archief = tmp_path / "berichten.zip"
    with zipfile.ZipFile(archief, "w") as z:
        for pad in bestanden:
            z.write(pad, f"sub/{pad.name}")
    assert importeer([archief]).accepted == 9
    tweede = importeer([tmp_path / "los"])  # the same messages as loose files: all in the ledger
    assert (tweede.accepted, tweede.overgeslagen) == (0, 6)
    assert (Toewijzing.objects.count(), Prestatie.objects.count()) == (3, 2)


def test_reimport_of_the_same_input_changes_nothing(tmp_path):
    bestanden = _bestanden(tmp_path)
    importeer(bestanden)
    voor = _telling()
    tweede = importeer(bestanden)
    assert tweede.al_geimporteerd and tweede.accepted == 0
    assert _telling() == voor


def _telling():
    return (
        Client.objects.count(),
        Toewijzing.objects.count(),
        Levering.objects.count(),
        Prestatie.objects.count(),
        QuarantineRecord.objects.count(),
        VerwerktBericht.objects.count(),
    )


# -- every kind of bad input becomes a QuarantineRecord, valid records stay -----------------
def test_every_rejection_reason_with_valid_neighbours_kept(tmp_path):
    k = b.kop("301", "Q301")
    goed = b.toewijzing(k, 2001)
    bestanden = [
        b.schrijf(
            tmp_path,
            "a_xsd_en_datum.xml",
            b.toewijzingbericht(
                k,
                [
                    goed,
                    b.toewijzing(k, 2002, omvang=b.Omvang(3, "99", "2")),  # XSD: eenheid 99
                    b.toewijzing(k, 2003, ingang=date(2024, 5, 1), eind=date(2024, 4, 1)),  # order
                    goed,  # the same logical key twice in one message
                ],
            ),
        ),
        b.schrijf(
            tmp_path,
            "b_elfproef.xml",
            b.toewijzingbericht(
                b.kop("301", "Q302"), [b.toewijzing(k, 2004, c=b.client(b.FOUT_BSN))]
            ),
        ),
        b.schrijf(
            tmp_path,
            "c_gemeente.xml",
            b.toewijzingbericht(b.kop("301", "Q303", gemeente="9999"), [b.toewijzing(k, 2005)]),
        ),
        b.schrijf(
            tmp_path,
            "d_rekenen.xml",
            b.declaratie(
                b.kop("323", "Q304"),
                "DEC2",
                [("R10", 10, 9000, 90000, "D"), ("R11", 10, 9000, 80000, "D")],
                totaal=170000,
            ),
        ),
        b.schrijf(
            tmp_path,
            "e_totaal.xml",
            b.declaratie(b.kop("323", "Q305"), "DEC3", [("R20", 1, 9000, 9000, "D")], totaal=9999),
        ),
        b.schrijf(
            tmp_path,
            "f_kapot.xml",
            b.toewijzingbericht(b.kop("301", "Q306"), [b.toewijzing(k, 2006)])[:-40],
        ),
        b.schrijf(tmp_path, "g_onbekend.xml", b'<?xml version="1.0"?><Factuur xmlns="urn:x"/>'),
    ]
    samenvatting = importeer(bestanden)
    regels = sorted(QuarantineRecord.objects.values_list("regel", flat=True))
    assert regels == sorted(
        [
            "XSD-WAARDELIJST",
            "DATUMVOLGORDE",
            "DUPLICAAT-SLEUTEL",
            "ELFPROEF",
            "GEMEENTE-ONBEKEND",
            "REKENKUNDE",
            "TOTAAL",
            "XML-ONLEESBAAR",
            "ONBEKEND-BERICHTTYPE",
        ]
    )
    # 2006 stands complete before the point where f_kapot.xml breaks off, so it is kept.
    assert set(Toewijzing.objects.values_list("toewijzingnummer", flat=True)) == {2001, 2006}
    assert set(Prestatie.objects.values_list("referentie", flat=True)) == {"R10", "R20"}
    assert samenvatting.quarantined == 9
    xsd = QuarantineRecord.objects.get(regel="XSD-WAARDELIJST")
    assert xsd.bestand_sha256 == hashlib.sha256(str(bestanden[0]).encode()).hexdigest()
    assert xsd.bestand.endswith(".xml") and xsd.bericht_identificatie == "Q301"
    assert "a_xsd_en_datum" not in xsd.bestand  # user file names are never stored in clear
    assert xsd.element_pad.endswith("ToegewezenProduct[2]/Omvang/Eenheid")
    assert "'99'" in xsd.reden and "Eenheid>99<" in xsd.fragment
    for record in QuarantineRecord.objects.all():
        assert record.reden and record.bestand and record.regel
        for geheim in (b.FOUT_BSN, b.BSN_A, b.NAAM_A):
            assert geheim not in record.fragment and geheim not in record.reden


def test_duplicate_bericht_identificatie_with_other_content(tmp_path):
    k = b.kop("301", "DUP1")
    importeer([b.schrijf(tmp_path, "een.xml", b.toewijzingbericht(k, [b.toewijzing(k, 1)]))])
    anders = b.schrijf(tmp_path, "twee.xml", b.toewijzingbericht(k, [b.toewijzing(k, 2)]))
    samenvatting = importeer([anders])
    assert samenvatting.quarantined == 1
    record = QuarantineRecord.objects.get()
    assert record.regel == "DUPLICAAT-BERICHT" and "DUP1" in record.reden
    assert list(Toewijzing.objects.values_list("toewijzingnummer", flat=True)) == [1]


def test_a_duplicate_in_a_later_round_of_the_same_run_is_found(tmp_path, monkeypatch):
    """The run's own ledger rows are not read back after a round: the duplicate check must
    know them all the same."""
    from passend.imports import pipeline

    monkeypatch.setattr(pipeline, "BERICHTEN_PER_TRANSACTIE", 1)  # a round per message
    k = b.kop("301", "DUPRONDE")
    b.schrijf(tmp_path, "a.xml", b.toewijzingbericht(k, [b.toewijzing(k, 1)]))
    b.schrijf(tmp_path, "b.xml", b.toewijzingbericht(b.kop("301", "ANDER"), [b.toewijzing(k, 3)]))
    b.schrijf(tmp_path, "c.xml", b.toewijzingbericht(k, [b.toewijzing(k, 2)]))
    samenvatting = importeer([tmp_path], werkers=0)
    assert (samenvatting.accepted, samenvatting.quarantined) == (2, 1)
    assert QuarantineRecord.objects.get().regel == "DUPLICAAT-BERICHT"
    assert sorted(Toewijzing.objects.values_list("toewijzingnummer", flat=True)) == [1, 3]


def test_messages_another_run_wrote_meanwhile_are_known_after_the_next_round(tmp_path):
    from passend.imports.pipeline import _Grootboeksleutels

    grootboek = _Grootboeksleutels()
    assert not grootboek.misschien("JW301", "0363", "GELIJKTIJDIG")
    ander = ImportBatch.objects.create(bron="ander", inhoud_hash="x" * 64)
    eigen = ImportBatch.objects.create(bron="eigen", inhoud_hash="y" * 64)
    for batch, ident in ((ander, "GELIJKTIJDIG"), (eigen, "EIGEN")):
        VerwerktBericht.objects.create(
            inhoud_hash=ident.ljust(64, "0"),
            batch=batch,
            berichttype="JW301",
            afzender="0363",
            bericht_identificatie=ident,
        )
    grootboek.bij(behalve_batch=eigen.pk)
    assert grootboek.misschien("JW301", "0363", "GELIJKTIJDIG")
    assert not grootboek.misschien("JW301", "0363", "EIGEN")  # voeg_toe's, not read back
    grootboek.voeg_toe(
        {"berichttype": "JW301", "afzender": "0363", "bericht_identificatie": "EIGEN"}
    )
    assert grootboek.misschien("JW301", "0363", "EIGEN")


def test_corrected_reimport_resolves_the_quarantine(tmp_path):
    k = b.kop("301", "CORR1")
    fout = b.toewijzing(k, 3002, ingang=date(2024, 5, 1), eind=date(2024, 4, 1))
    pad = b.schrijf(tmp_path, "bericht.xml", b.toewijzingbericht(k, [b.toewijzing(k, 3001), fout]))
    importeer([pad])
    assert QuarantineRecord.objects.get().status == "open"
    hersteld = b.toewijzing(k, 3002, ingang=date(2024, 5, 1), eind=date(2024, 6, 1))
    pad.write_bytes(b.toewijzingbericht(k, [b.toewijzing(k, 3001), hersteld]))
    samenvatting = importeer([pad])
    assert (samenvatting.accepted, samenvatting.quarantined) == (2, 0)
    assert QuarantineRecord.objects.get().status == "opgelost"
    assert Toewijzing.objects.count() == 2


def test_later_toewijzing_with_the_same_number_replaces_the_earlier(tmp_path):
    from datetime import time

    k1, k2 = b.kop("301", "V1"), b.kop("301", "V2")
    eerst = b.toewijzing(k1, 4001, eind=date(2024, 12, 31))
    later = b.toewijzing(k2, 4001, eind=date(2024, 6, 30), datum=date(2024, 3, 1), tijd=time(9))
    # Arriving in reverse order must not let the older version win.
    importeer([b.schrijf(tmp_path, "later.xml", b.toewijzingbericht(k2, [later]))])
    importeer([b.schrijf(tmp_path, "eerst.xml", b.toewijzingbericht(k1, [eerst]))])
    assert Toewijzing.objects.get().einddatum == date(2024, 6, 30)


def test_conflicting_birth_date_is_recorded_not_overwritten(tmp_path):
    k1, k2 = b.kop("301", "G1"), b.kop("305", "G2")
    importeer([b.schrijf(tmp_path, "a.xml", b.toewijzingbericht(k1, [b.toewijzing(k1, 5001)]))])
    ander = b.client(geboren=date(2007, 1, 1))
    importeer(
        [
            b.schrijf(
                tmp_path,
                "b.xml",
                b.startbericht(k2, [b.levering(k2, 5001, date(2024, 2, 1), c=ander)]),
            )
        ]
    )
    assert Client.objects.get().geboortedatum == date(2006, 12, 31)
    conflict = GeboortedatumConflict.objects.get()
    assert (conflict.bekende_datum, conflict.afwijkende_datum) == (
        date(2006, 12, 31),
        date(2007, 1, 1),
    )


def test_retour_messages_are_recognised_and_counted(tmp_path):
    k = b.kop("301", "R301")
    heen = b.toewijzingbericht(k, [b.toewijzing(k, 6001)])
    retour_kop = b.kop("302", "R302")
    retour = writer.retourbericht("JW302", retour_kop, heen, retourcodes=("0001",))
    samenvatting = importeer([b.schrijf(tmp_path, "jw302.xml", retour)])
    assert samenvatting.by_type["JW302"].berichten == 1
    assert samenvatting.quarantined == 0
    assert "0001" in VerwerktBericht.objects.get(berichttype="JW302").retourcodes
    assert not Toewijzing.objects.exists()  # a retour is not itself a toewijzing


def test_stop_before_start_and_removal(tmp_path):
    k305, k307 = b.kop("305", "O305"), b.kop("307", "O307")
    stop = b.stopbericht(
        k307, [b.levering(k307, 1, date(2024, 1, 2), eind=date(2024, 3, 1), reden="31")]
    )
    start = b.startbericht(k305, [b.levering(k305, 1, date(2024, 1, 2))])
    importeer([b.schrijf(tmp_path, "1stop.xml", stop), b.schrijf(tmp_path, "2start.xml", start)])
    levering = Levering.objects.get()
    assert levering.heeft_start and levering.heeft_stop
    assert levering.einddatum == date(2024, 3, 1)


def test_bsn_and_gemeente_findings_point_at_client_and_header(tmp_path):
    k = b.kop("301", "PAD1")
    importeer(
        [
            b.schrijf(
                tmp_path,
                "a.xml",
                b.toewijzingbericht(k, [b.toewijzing(k, 1, c=b.client(b.FOUT_BSN))]),
            ),
            b.schrijf(
                tmp_path,
                "b.xml",
                b.toewijzingbericht(b.kop("301", "PAD2", gemeente="9999"), [b.toewijzing(k, 2)]),
            ),
        ]
    )
    paden = dict(QuarantineRecord.objects.values_list("regel", "element_pad"))
    assert paden == {"ELFPROEF": "/Bericht/Client/Bsn", "GEMEENTE-ONBEKEND": "/Bericht/Header"}
