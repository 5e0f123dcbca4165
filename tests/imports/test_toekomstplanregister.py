"""The toekomstplan template: BSNs pseudonymised on entry, domains and roles from the
vocabulary, a quarantine reason per bad row, idempotent, and a corrected file overwrites."""

from __future__ import annotations

from datetime import date

import pytest

from passend.care.models import Client, Toekomstplan
from passend.domain.pseudonym import pseudoniem
from passend.imports.keys import pseudonimiseringssleutel
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db

PLANNEN = """bsn;gemeente;regiehouder_agb;regiehouder_rol;datum_plan;datum_overdracht_gestart;domeinen;naam_jongere
111222333;0505;12345678;;2024-02-29;2023-09-01;"Leren, werken; vrije tijd, Financiën";Jan
123456782;GM0512;;Wijkteam;15-03-2024;;school en werk, support;Piet
123456782;0512;;jeugdconsulent;2024-09-01;;wonen;Piet
111222334;0505;;wijkteam;2024-01-01;;wonen;Klaas
999999990;0505;;buurman;2024-01-01;;wonen;
999999990;0505;;;2024-01-01;;hobby;
999999990;9999;;;2024-01-01;;wonen;
999999990;0505;;;;;wonen;
"""


def _import(tmp_path, inhoud=PLANNEN, naam="plannen.csv"):
    map_ = tmp_path / "plannen"
    map_.mkdir(exist_ok=True)
    (map_ / naam).write_text(inhoud, encoding="utf-8")
    return importeer([map_])


def test_plans_are_pseudonymised_and_each_bad_row_has_a_reason(tmp_path):
    s = _import(tmp_path)
    assert (s.accepted, s.quarantined) == (3, 5)
    assert any("naam_jongere" in n for n in s.niet_verwerkt)  # names are never read

    sleutel = pseudonimiseringssleutel()
    eerste = Toekomstplan.objects.get(pseudoniem=pseudoniem("111222333", sleutel))
    assert eerste.gemeente_id == "0505" and eerste.datum_plan == date(2024, 2, 29)
    assert eerste.regiehouder_agb == "12345678" and eerste.regiehouder_rol == ""
    assert eerste.domeinen == "leren,werken,vrije_tijd,financien"
    assert eerste.datum_overdracht_gestart == date(2023, 9, 1)
    tweede = Toekomstplan.objects.filter(pseudoniem=pseudoniem("123456782", sleutel))
    assert [(p.datum_plan, p.regiehouder_rol, p.domeinen) for p in tweede] == [
        (date(2024, 3, 15), "wijkteam", "support,school_werk"),
        (date(2024, 9, 1), "jeugdconsulent", "wonen"),
    ]
    assert not Client.objects.exists()  # a plan does not make a youth a client

    redenen = {q.element_pad: (q.regel, q.reden) for q in QuarantineRecord.objects.all()}
    assert redenen["rij 5/Bsn"][0] == "ELFPROEF"
    assert "buurman" in redenen["rij 6/regiehouder_rol"][1]
    assert "hobby" in redenen["rij 7/domeinen"][1] and "leren" in redenen["rij 7/domeinen"][1]
    assert redenen["rij 8/gemeente"][0] == "GEMEENTE-ONBEKEND"
    assert "verplicht" in redenen["rij 9/datum_plan"][1]
    for q in QuarantineRecord.objects.all():  # the BSN never reaches a fragment or a reason
        for bsn in ("111222334", "999999990"):
            assert bsn not in q.fragment and bsn not in q.reden
    for plan in Toekomstplan.objects.all():
        assert all(bsn not in plan.pseudoniem for bsn in ("111222333", "123456782"))


def test_reimport_changes_nothing_and_a_corrected_file_overwrites(tmp_path):
    _import(tmp_path)
    voor = list(Toekomstplan.objects.values_list("pk", "domeinen", "regiehouder_rol"))
    s = _import(tmp_path)
    assert s.accepted == 0 and Toekomstplan.objects.count() == 3
    assert list(Toekomstplan.objects.values_list("pk", "domeinen", "regiehouder_rol")) == voor

    gecorrigeerd = (
        "bsn,gemeente,regiehouder_rol,datum_plan,domeinen\n"
        "111222333,0505,wijkteam,2024-02-29,leren;werken;vrije tijd;netwerk;wonen;financien;zorg\n"
    )
    _import(tmp_path, gecorrigeerd, "correctie.csv")
    assert Toekomstplan.objects.count() == 3
    plan = Toekomstplan.objects.get(
        pseudoniem=pseudoniem("111222333", pseudonimiseringssleutel()), datum_plan=date(2024, 2, 29)
    )
    assert plan.regiehouder_rol == "wijkteam" and plan.regiehouder_agb == ""
    assert plan.domeinlijst == [
        "leren",
        "werken",
        "vrije_tijd",
        "netwerk",
        "wonen",
        "financien",
        "zorg",
    ]
