"""The gemeente's answer to a declaratie (JW325/WMO325) through the whole import path.

A declaratie of January 2024 with three lines (toewijzing 1001, 45A01):

    R1  3 x 1000  D  3,000
    R2  2 x 1000  D  2,000
    R3  1 x 1000  D  1,000        total 6,000

An answer rejecting R2 grants 6,000 - 2,000 = 4,000: the prestatie relation then says
R1 3,000, R2 0, R3 1,000 granted.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from lxml import etree

from passend.bronnen.database import django_tabellen
from passend.care.antwoorden import bewaar_antwoorden
from passend.care.models import Aanbieder, AfgewezenPrestatie, Declaratieantwoord
from passend.domain.checks import Regel
from passend.domain.records import AfgewezenPrestatie as Afgewezen
from passend.domain.records import Declaratieantwoord as Antwoord
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer
from passend.istandaarden import writer
from tests import berichten as b

pytestmark = pytest.mark.django_db

REGELS = [("R1", 3, 1000, 3000, "D"), ("R2", 2, 1000, 2000, "D"), ("R3", 1, 1000, 1000, "D")]


def _declaratie():
    k = b.kop("323", "DECL1")
    return k, b.declaratie(k, "NR1", REGELS)


def _antwoord(heen, identificatie="ANTW1", dag=date(2024, 2, 10), **opties):
    k = b.kop("325", identificatie)
    k = type(k)(k.berichttype, k.domein, k.gemeente, k.aanbieder, k.identificatie, dag)
    return writer.retourbericht("JW325", k, heen, **opties)


def _toegekend():
    tabel = django_tabellen()["prestatie"].to_pylist()
    return sorted((r["bedrag"], r["toegekend"]) for r in tabel)


def test_a_partial_rejection_grants_the_rest(tmp_path):
    _, heen = _declaratie()
    antwoord = _antwoord(heen, retourcodes=("0611",), afgewezen=["R2"])
    importeer([b.schrijf(tmp_path, "1.xml", heen), b.schrijf(tmp_path, "2.xml", antwoord)])
    rij = Declaratieantwoord.objects.get()
    assert (rij.declaratienummer, rij.ingediend, rij.toegekend) == ("NR1", 6000, 4000)
    assert (rij.declaratie_identificatie, rij.bericht_identificatie) == ("DECL1", "ANTW1")
    assert rij.dagtekening == date(2024, 2, 10) and not rij.geheel_afgewezen
    afgewezen = AfgewezenPrestatie.objects.get()
    assert (afgewezen.referentie, afgewezen.bedrag, afgewezen.retourcode) == ("R2", 2000, "0611")
    assert _toegekend() == [(1000, 1000), (2000, 0), (3000, 3000)]
    assert not QuarantineRecord.objects.exists()


def test_without_an_answer_nothing_is_granted_or_rejected(tmp_path):
    _, heen = _declaratie()
    importeer([b.schrijf(tmp_path, "1.xml", heen)])
    assert _toegekend() == [(1000, None), (2000, None), (3000, None)]


def test_a_full_grant_and_a_full_rejection(tmp_path):
    _, heen = _declaratie()
    importeer([b.schrijf(tmp_path, "1.xml", heen)])
    importeer([b.schrijf(tmp_path, "2.xml", _antwoord(heen, retourcodes=("8001",)))])
    assert _toegekend() == [(1000, 1000), (2000, 2000), (3000, 3000)]
    later = _antwoord(heen, "ANTW2", date(2024, 2, 20), retourcodes=("9346",))
    importeer([b.schrijf(tmp_path, "3.xml", later)])
    assert Declaratieantwoord.objects.get().toegekend == 0
    assert AfgewezenPrestatie.objects.count() == 3
    assert _toegekend() == [(1000, 0), (2000, 0), (3000, 0)]


def test_an_answer_without_prestaties_that_grants_nothing_rejects_the_whole(tmp_path):
    _, heen = _declaratie()
    root = etree.fromstring(_antwoord(heen, retourcodes=("9346",)))
    for clienten in root.iter("{*}Clienten"):
        clienten.getparent().remove(clienten)
    importeer(
        [b.schrijf(tmp_path, "1.xml", heen), b.schrijf(tmp_path, "2.xml", etree.tostring(root))]
    )
    assert Declaratieantwoord.objects.get().geheel_afgewezen
    assert _toegekend() == [(1000, 0), (2000, 0), (3000, 0)]


def test_an_earlier_answer_never_replaces_a_later_one_and_a_reimport_changes_nothing(tmp_path):
    _, heen = _declaratie()
    vroeg = _antwoord(heen, "ANTW1", date(2024, 2, 10), retourcodes=("0611",), afgewezen=["R2"])
    laat = _antwoord(heen, "ANTW2", date(2024, 2, 20), retourcodes=("0611",), afgewezen=["R1"])
    bestanden = [b.schrijf(tmp_path, "0.xml", heen), b.schrijf(tmp_path, "2.xml", laat)]
    importeer(bestanden)
    importeer([b.schrijf(tmp_path, "1.xml", vroeg)])
    assert Declaratieantwoord.objects.get().bericht_identificatie == "ANTW2"
    assert _toegekend() == [(1000, 1000), (2000, 2000), (3000, 0)]
    importeer([*bestanden, b.schrijf(tmp_path, "1.xml", vroeg)])
    assert Declaratieantwoord.objects.count() == 1 and AfgewezenPrestatie.objects.count() == 1


def test_an_answer_that_does_not_add_up_is_quarantined_whole(tmp_path):
    _, heen = _declaratie()
    root = etree.fromstring(_antwoord(heen, retourcodes=("0611",), afgewezen=["R2"]))
    toegekend = next(root.iter("{*}TotaalToegekendBedrag"))
    next(toegekend.iter("{*}TotaalBedrag")).text = "4500"
    samenvatting = importeer(
        [b.schrijf(tmp_path, "1.xml", heen), b.schrijf(tmp_path, "2.xml", etree.tostring(root))]
    )
    assert not Declaratieantwoord.objects.exists()
    melding = QuarantineRecord.objects.get()
    assert melding.regel == Regel.TOTAAL
    assert melding.element_pad == "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag"
    assert "4500" in melding.reden and "2000" in melding.reden
    assert samenvatting.by_type["JW325"].quarantined == 1
    assert b.BSN_A not in melding.reden + melding.fragment


def test_a_damaged_answer_is_not_stored(tmp_path):
    _, heen = _declaratie()
    data = _antwoord(heen, retourcodes=("0611",), afgewezen=["R2"])
    kapot = data.replace(b"<ijw:Bedrag>2000</ijw:Bedrag>", b"<ijw:Bedrag>twee</ijw:Bedrag>")
    assert kapot != data
    importeer([b.schrijf(tmp_path, "1.xml", heen), b.schrijf(tmp_path, "2.xml", kapot)])
    assert not Declaratieantwoord.objects.exists()
    assert QuarantineRecord.objects.filter(berichttype="JW325").exists()


def test_a_round_of_answers_ends_as_writing_them_one_by_one():
    """`bewaar_antwoorden` writes a round at once; the outcome (rows, rejected prestaties,
    and which answers counted) equals the rule applied one answer at a time: an answer is
    written unless a later one for its declaratie is stored or came before it."""
    basis = b.kop("325", "X")
    aanbieder_id = Aanbieder.objects.get_or_create(agb_code=basis.aanbieder)[0].pk
    rng = random.Random(325)
    for _ in range(40):
        Declaratieantwoord.objects.all().delete()
        rondes = [[_willekeurig_antwoord(rng, basis) for _ in range(rng.randint(0, 6))]]
        rondes.append([_willekeurig_antwoord(rng, basis) for _ in range(rng.randint(1, 6))])
        verwacht: dict[str, Antwoord] = {}
        for ronde in rondes:
            geschreven = []
            for a in ronde:  # the rule, one at a time
                eerder = verwacht.get(a.declaratienummer)
                nieuw = eerder is None or (
                    str(eerder.kop.dagtekening),
                    eerder.kop.identificatie,
                ) <= (
                    str(a.kop.dagtekening),
                    a.kop.identificatie,
                )
                geschreven.append(nieuw)
                if nieuw:
                    verwacht[a.declaratienummer] = a
            assert bewaar_antwoorden([(a, aanbieder_id) for a in ronde]) == geschreven
        rijen = {r.declaratienummer: r for r in Declaratieantwoord.objects.all()}
        assert set(rijen) == set(verwacht)
        for nummer, a in verwacht.items():
            rij = rijen[nummer]
            assert (rij.bericht_identificatie, rij.dagtekening, rij.toegekend) == (
                a.kop.identificatie,
                a.kop.dagtekening,
                a.toegekend,
            )
            afgewezen = {(p.referentie, p.bedrag) for p in rij.afgewezen.all()}
            assert afgewezen == {(p.referentie, p.bedrag) for p in a.afgewezen}


def _willekeurig_antwoord(rng, basis):
    kop = type(basis)(
        basis.berichttype,
        basis.domein,
        basis.gemeente,
        basis.aanbieder,
        rng.choice(["A1", "A2", "A3"]),
        date(2024, 3, rng.randint(1, 3)),
    )
    referenties = rng.sample(["R1", "R2", "R3"], rng.randint(0, 3))
    return Antwoord(
        kop=kop,
        declaratienummer=rng.choice(["N1", "N2"]),
        declaratie_identificatie="D",
        ingediend=6000,
        toegekend=rng.randint(0, 6000),
        afgewezen=tuple(Afgewezen(r, rng.randint(1, 3000), "0611") for r in referenties),
    )
