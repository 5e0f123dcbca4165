"""The order in which an import handles its sources: contract tables first, then the tables
that need nothing else, then the rest as listed; the order changes nothing in what is
stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from passend.care.models import Client, Toewijzing, ZrmMeting
from passend.imports.models import ImportBatch, QuarantineRecord, VerwerktBericht
from passend.imports.pipeline import importeer
from tests import berichten as b
from tests.imports.test_tabeldelen import _tabel

pytestmark = pytest.mark.django_db


def _toestand() -> tuple[object, ...]:
    return (
        sorted(ZrmMeting.objects.values_list("pseudoniem", "domein", "datum", "score")),
        sorted(Toewijzing.objects.values_list("sleutel", "einddatum", "volume")),
        sorted(QuarantineRecord.objects.values_list("regel", "reden", "element_pad", "sleutel")),
    )


def _leeg() -> None:
    for model in (ZrmMeting, Toewijzing, QuarantineRecord, VerwerktBericht, ImportBatch, Client):
        model.objects.all().delete()


def test_a_register_table_goes_before_the_messages_and_stores_the_same(tmp_path: Path):
    berichten = []
    for i in range(6):
        k = b.kop("301", f"V{i}")
        berichten.append(
            b.schrijf(tmp_path, f"a{i}.xml", b.toewijzingbericht(k, [b.toewijzing(k, i)]))
        )
    zrm = tmp_path / "zzz_zrm.csv"  # listed after the messages
    zrm.write_text(_tabel(200), encoding="utf-8")

    importeer([tmp_path], werkers=0)
    soorten = list(VerwerktBericht.objects.order_by("pk").values_list("berichttype", flat=True))
    assert soorten == ["CSV-ZRM"] + ["JW301"] * 6
    samen = _toestand()
    assert samen[0] and samen[1] and samen[2]  # rows of both, and the table's rejections

    _leeg()
    importeer(berichten, werkers=0)  # the table after the messages, on its own
    importeer([zrm], werkers=0)
    assert _toestand() == samen


def test_sources_prepared_before_django_import_as_those_listed_by_the_import(tmp_path: Path):
    """What the command line does before it sets Django up (workers started, sources listed,
    hashed and read ahead) gives the import it then runs the same outcome."""
    from passend.imports.vooruit import voorbereide_bronnen
    from passend.imports.werkers import MIN_BESTANDEN, vooraf_gestarte_werkers

    for i in range(MIN_BESTANDEN + 3):
        k = b.kop("301", f"P{i}")
        b.schrijf(tmp_path, f"a{i:03d}.xml", b.toewijzingbericht(k, [b.toewijzing(k, i)]))
    (tmp_path / "zzz_zrm.csv").write_text(_tabel(50), encoding="utf-8")

    zonder = importeer([tmp_path], werkers=0).als_json()
    samen = _toestand()
    _leeg()
    pool = vooraf_gestarte_werkers([tmp_path], 2)
    with pool, voorbereide_bronnen([tmp_path], pool) as voorbereid:
        assert len(voorbereid.lijst) == MIN_BESTANDEN + 4
        met = importeer([tmp_path], pool=pool, voorbereid=voorbereid).als_json()
    for samenvatting in (zonder, met):
        samenvatting.pop("batch")
    assert met == zonder and _toestand() == samen
