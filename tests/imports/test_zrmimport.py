"""The ZRM template: BSNs pseudonymised on entry, domains and scores from the vocabulary, a
quarantine reason per bad row, idempotent, a corrected file overwrites, and the scores reach
the analysis relation and the data version."""

from __future__ import annotations

from datetime import date

import pytest

from passend.bronnen.database import data_versie, django_tabellen
from passend.care.models import Client, ZrmMeting
from passend.domain.pseudonym import pseudoniem
from passend.imports.keys import pseudonimiseringssleutel
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db

SCORES = """bsn;gemeente;aanbieder_agb;domein;datum;score;naam;adres
111222333;0505;12345678;Financiën;2024-02-29;2;Jan;Dorpsstraat 1
111222333;0505;12345678;financien;2024-09-01;4;Jan;Dorpsstraat 1
111222333;GM0505;;Werk en opleiding;01-03-2024;3,0;Jan;
123456782;0512;;sociaal netwerk;2024-03-15;1;;
111222334;0505;;huisvesting;2024-01-01;3;;
999999990;0505;;huisdieren;2024-01-01;3;;
999999990;0505;;huisvesting;2024-01-01;6;;
999999990;0505;;huisvesting;2024-01-01;2.5;;
999999990;9999;;huisvesting;2024-01-01;3;;
999999990;0505;;huisvesting;;3;;
"""


def _import(tmp_path, inhoud=SCORES, naam="zrm.csv"):
    map_ = tmp_path / "zrm"
    map_.mkdir(exist_ok=True)
    (map_ / naam).write_text(inhoud, encoding="utf-8")
    return importeer([map_])


def test_scores_are_pseudonymised_and_each_bad_row_has_a_reason(tmp_path):
    s = _import(tmp_path)
    assert (s.accepted, s.quarantined) == (4, 6)
    assert any("naam" in n for n in s.niet_verwerkt)  # names and addresses are never read

    sleutel = pseudoniem("111222333", pseudonimiseringssleutel())
    rijen = ZrmMeting.objects.filter(pseudoniem=sleutel).order_by("datum", "domein")
    assert [(m.gemeente_id, m.aanbieder_agb, m.domein, m.datum, m.score) for m in rijen] == [
        ("0505", "12345678", "financien", date(2024, 2, 29), 2),
        ("0505", "", "werk_opleiding", date(2024, 3, 1), 3),
        ("0505", "12345678", "financien", date(2024, 9, 1), 4),
    ]
    assert not Client.objects.exists()  # a score does not make someone a client

    redenen = {q.element_pad: (q.regel, q.reden) for q in QuarantineRecord.objects.all()}
    assert redenen["rij 6/Bsn"][0] == "ELFPROEF"
    assert "huisdieren" in redenen["rij 7/domein"][1] and "financien" in redenen["rij 7/domein"][1]
    assert "1 tot en met 5" in redenen["rij 8/score"][1]
    assert "1 tot en met 5" in redenen["rij 9/score"][1]
    assert redenen["rij 10/gemeente"][0] == "GEMEENTE-ONBEKEND"
    assert "verplicht" in redenen["rij 11/datum"][1]
    for q in QuarantineRecord.objects.all():  # the BSN never reaches a fragment or a reason
        for geheim in ("111222334", "999999990", "Dorpsstraat"):
            assert geheim not in q.fragment and geheim not in q.reden


def test_reimport_changes_nothing_and_a_corrected_file_overwrites(tmp_path):
    _import(tmp_path)
    voor = list(ZrmMeting.objects.values_list("pk", "score", "gewijzigd_op"))
    versie = data_versie()
    s = _import(tmp_path)
    assert s.accepted == 0
    assert list(ZrmMeting.objects.values_list("pk", "score", "gewijzigd_op")) == voor
    assert data_versie() == versie

    _import(
        tmp_path,
        "bsn,gemeente,domein,datum,score\n111222333,0505,werk_opleiding,2024-03-01,4\n",
        "correctie.csv",
    )
    assert ZrmMeting.objects.count() == 4
    assert ZrmMeting.objects.get(domein="werk_opleiding").score == 4
    assert data_versie() != versie  # the analyses see the corrected score


def test_the_scores_reach_the_analysis_relation(tmp_path):
    _import(tmp_path)
    zrm = django_tabellen()["zrm"].to_pylist()
    assert len(zrm) == 4
    assert {r["aanbieder"] for r in zrm} == {"12345678", None}  # the toegang has no AGB
    assert {r["domein"] for r in zrm} == {"financien", "werk_opleiding", "sociaal_netwerk"}
