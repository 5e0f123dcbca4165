"""The clientoordeel template: the client's judgement of a closed traject (CBS outcome
criteria 2 and 3.1), BSNs pseudonymised on entry, each bad row quarantined with a reason,
idempotent, a corrected file overwrites, and the answers reach the provider results."""

from __future__ import annotations

from datetime import date

import pytest

from passend.bronnen.database import data_versie, django_tabellen
from passend.care.models import Client, Clientoordeel
from passend.domain.pseudonym import pseudoniem
from passend.imports.keys import pseudonimiseringssleutel
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db

OORDELEN = """bsn;aanbieder_agb;einddatum;informant;tevredenheid;zonder_hulp;naam
111222333;12345678;2024-02-29;;8;4;Jan
111222333;12345678;2024-02-29;ouder;6,0;01;Jan
123456782;87654321;15-03-2024;Jongere;;03;
111222334;12345678;2024-01-01;;7;;
999999990;12345678;2024-01-01;;11;;
999999990;12345678;2024-01-01;;7;05;
999999990;12345678;2024-01-01;buurman;7;;
999999990;12345678;2024-01-01;;;;
999999990;Jansen;2024-01-01;;7;;
"""


def _import(tmp_path, inhoud=OORDELEN, naam="oordeel.csv"):
    map_ = tmp_path / "oordelen"
    map_.mkdir(exist_ok=True)
    (map_ / naam).write_text(inhoud, encoding="utf-8")
    return importeer([map_])


def test_answers_are_pseudonymised_and_each_bad_row_has_a_reason(tmp_path):
    s = _import(tmp_path)
    assert (s.accepted, s.quarantined) == (3, 6)
    assert any("naam" in n for n in s.niet_verwerkt)
    sleutel = pseudonimiseringssleutel()
    jan = Clientoordeel.objects.filter(pseudoniem=pseudoniem("111222333", sleutel))
    assert [(o.informant, o.tevredenheid, o.zonder_hulp, o.einddatum) for o in jan] == [
        ("jeugdige", 8, "04", date(2024, 2, 29)),
        ("ouder", 6, "01", date(2024, 2, 29)),
    ]
    ander = Clientoordeel.objects.get(pseudoniem=pseudoniem("123456782", sleutel))
    assert (ander.informant, ander.tevredenheid, ander.zonder_hulp) == ("jeugdige", None, "03")
    assert not Client.objects.exists()

    redenen = {q.element_pad: (q.regel, q.reden) for q in QuarantineRecord.objects.all()}
    assert redenen["rij 5/Bsn"][0] == "ELFPROEF"
    assert "1 tot en met 10" in redenen["rij 6/tevredenheid"][1]
    assert "05" in redenen["rij 7/zonder_hulp"][1] and "04" in redenen["rij 7/zonder_hulp"][1]
    assert "buurman" in redenen["rij 8/informant"][1]
    assert "Geen antwoord" in redenen["rij 9/tevredenheid"][1]
    assert "8 cijfers" in redenen["rij 10/aanbieder_agb"][1]
    for q in QuarantineRecord.objects.all():
        assert "999999990" not in q.fragment and "111222334" not in q.reden


def test_reimport_changes_nothing_and_a_correction_overwrites(tmp_path):
    _import(tmp_path)
    versie = data_versie()
    voor = list(Clientoordeel.objects.values_list("pk", "tevredenheid", "gewijzigd_op"))
    assert _import(tmp_path).accepted == 0
    assert list(Clientoordeel.objects.values_list("pk", "tevredenheid", "gewijzigd_op")) == voor
    assert data_versie() == versie
    _import(
        tmp_path,
        "bsn,aanbieder_agb,einddatum,tevredenheid\n111222333,12345678,2024-02-29,9\n",
        "correctie.csv",
    )
    assert Clientoordeel.objects.count() == 3
    assert (
        Clientoordeel.objects.get(informant="jeugdige", tevredenheid__isnull=False).tevredenheid
        == 9
    )
    assert data_versie() != versie
    oordeel = django_tabellen()["oordeel"].to_pylist()
    assert {(r["informant"], r["tevredenheid"]) for r in oordeel} == {
        ("jeugdige", 9),
        ("ouder", 6),
        ("jeugdige", None),
    }
