"""The synthetic demo region: deterministic, valid, consistent and realistic in shape.

Everything here is counted from the written files, never from the generator's counters.
"""

from __future__ import annotations

import csv
import hashlib
import time
import zipfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from passend.demo import DemoSamenvatting, genereer_demo
from passend.demo.__main__ import main
from passend.domain.age import achttiende_verjaardag
from passend.domain.elfproef import is_geldig_bsn

from .xml_hulp import valideer

MIDDEL_SCHAAL = 0.2  # "normaal": enough youths turning 18 to measure the transition mix
VERBLIJF = frozenset({"43", "44", "35", "36", "37", "38"})


def _ns(root: etree._Element) -> str:
    return etree.QName(root).namespace or ""


def _lokaal(element: etree._Element, naam: str) -> str | None:
    """Text of the first descendant with local name `naam`, in any namespace."""
    gevonden = element.find(f".//{{*}}{naam}")
    return None if gevonden is None else gevonden.text


def _berichten(doel: Path, soort: str) -> list[etree._Element]:
    return [etree.parse(str(p)).getroot() for p in sorted((doel / soort).glob("*.xml"))]


def _hashes(doel: Path) -> dict[str, str]:
    return {
        str(p.relative_to(doel)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(doel.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def klein(tmp_path_factory) -> tuple[Path, DemoSamenvatting, float]:
    doel = tmp_path_factory.mktemp("klein")
    begin = time.process_time()
    samenvatting = genereer_demo(doel, seed=1, schaal="klein")
    return doel, samenvatting, time.process_time() - begin


@pytest.fixture(scope="module")
def middel(tmp_path_factory) -> Path:
    doel = tmp_path_factory.mktemp("middel")
    genereer_demo(doel, seed=2026, schaal=MIDDEL_SCHAAL)
    return doel


# -- klein: size, determinism, validity -----------------------------------------------------


def test_klein_is_a_few_hundred_clients_and_fast(klein):
    doel, samenvatting, cpu = klein
    assert 150 <= samenvatting.clienten <= 900
    assert cpu < 5, f"klein took {cpu:.1f} s CPU"
    bsns = {_lokaal(r, "Bsn") for r in _berichten(doel, "JW301") + _berichten(doel, "WMO301")}
    assert len(bsns) == samenvatting.clienten


def test_klein_is_deterministic_per_seed(klein, tmp_path):
    doel, _, _ = klein
    genereer_demo(tmp_path / "zelfde", seed=1, schaal="klein")
    assert _hashes(tmp_path / "zelfde") == _hashes(doel)
    een_jaar = range(2025, 2026)  # a cheaper run is enough to see that the seed matters
    for seed in (1, 2):
        genereer_demo(tmp_path / f"seed{seed}", seed=seed, schaal="klein", jaren=een_jaar)
    assert _hashes(tmp_path / "seed1") != _hashes(tmp_path / "seed2")


def test_every_message_validates(klein):
    doel, samenvatting, _ = klein
    geteld: Counter[str] = Counter()
    for pad in sorted(doel.glob("*/*.xml")):
        soort = valideer(pad.read_bytes())
        assert pad.name.startswith(f"{soort}_DEMO")
        geteld[soort] += 1
    assert geteld == Counter(samenvatting.berichten_per_type)
    for soort in (
        "JW301",
        "JW302",
        "JW305",
        "JW306",
        "JW307",
        "JW315",
        "JW323",
        "WMO301",
        "WMO305",
        "WMO323",
    ):
        assert geteld[soort] > 0, f"no {soort} in the demo"


def test_clearly_labelled_synthetic_with_valid_bsns(klein):
    doel, _, _ = klein
    for pad in sorted(doel.glob("*/*.xml")):
        root = etree.parse(str(pad)).getroot()
        assert _lokaal(root, "Identificatie").startswith("DEMO")
        for bsn in root.iter("{*}Bsn"):
            assert is_geldig_bsn(bsn.text), bsn.text
        for achternaam in root.iter("{*}Achternaam"):
            assert achternaam.text == "Demo"
    assert "SYNTHETISCHE DEMODATA" in (doel / "README.txt").read_text(encoding="utf-8")
    with (doel / "aanbieders.csv").open(encoding="utf-8") as f:
        aanbieders = list(csv.DictReader(f))
    assert 35 <= len(aanbieders) <= 60
    assert all(a["naam"].endswith("(demo)") for a in aanbieders)
    assert all(len(a["agb_code"]) == 8 and a["agb_code"].isdigit() for a in aanbieders)


def test_same_person_same_bsn_in_jeugd_and_wmo(middel):
    geboren: dict[str, str] = {}
    for soort in ("JW301", "WMO301"):
        for root in _berichten(middel, soort):
            bsn, datum = _lokaal(root, "Bsn"), _lokaal(root, "Datum")
            assert geboren.setdefault(bsn, datum) == datum, "one BSN, two persons"


# -- declaraties -------------------------------------------------------------------------------


def test_prestaties_add_up_and_credits_correct_earlier_months(klein):
    doel, _, _ = klein
    credits, referenties = 0, Counter()
    for soort in ("JW323", "WMO323"):
        for root in _berichten(doel, soort):
            periode_begin = date.fromisoformat(_lokaal(root, "DeclaratiePeriode/{*}Begindatum"))
            agb = _lokaal(root, "Afzender")
            som = 0
            for p in root.iter("{*}Prestatie"):
                volume, tarief = int(_lokaal(p, "GeleverdVolume")), _lokaal(p, "ProductTarief")
                bedrag = int(_lokaal(p, "IngediendBedrag/{*}Bedrag"))
                assert bedrag == volume * (int(tarief) if tarief else 100)
                teken = 1 if _lokaal(p, "IngediendBedrag/{*}DebetCredit") == "D" else -1
                som += teken * bedrag
                begin = date.fromisoformat(_lokaal(p, "ProductPeriode/{*}Begindatum"))
                eind = date.fromisoformat(_lokaal(p, "ProductPeriode/{*}Einddatum"))
                assert (begin.year, begin.month) == (eind.year, eind.month) and begin <= eind
                if teken < 0:
                    credits += 1
                    assert _lokaal(p, "VorigReferentieNummer") and begin < periode_begin
                else:
                    assert begin >= periode_begin or _lokaal(p, "VorigReferentieNummer")
                referenties[(agb, _lokaal(p, "ReferentieNummer"))] += 1
            totaal = int(_lokaal(root, "TotaalIngediendBedrag/{*}TotaalBedrag"))
            teken = 1 if _lokaal(root, "TotaalIngediendBedrag/{*}DebetCredit") == "D" else -1
            assert teken * totaal == som
    assert credits > 0
    assert max(referenties.values()) == 1, "ReferentieNummer not unique per aanbieder"


@cache
def _leveringen(doel: Path, prefix: str) -> dict[str, dict[str, object]]:
    """Per ToewijzingNummer: begin, eind (None = open), reden, bsn, categorie."""
    leveringen: dict[str, dict[str, object]] = {}
    for soort in ("305", "307"):
        for root in _berichten(doel, prefix + soort):
            bsn = _lokaal(root, "Bsn")
            for p in root.iter("{*}StartProduct", "{*}StopProduct"):
                rij = leveringen.setdefault(_lokaal(p, "ToewijzingNummer"), {"eind": None})
                rij.update(
                    bsn=bsn,
                    categorie=_lokaal(p, "Categorie"),
                    begin=date.fromisoformat(_lokaal(p, "Begindatum")),
                )
                if soort == "307":
                    rij.update(
                        eind=date.fromisoformat(_lokaal(p, "Einddatum")),
                        reden=_lokaal(p, "RedenBeeindiging"),
                    )
    return leveringen


@cache
def _toewijzingen(doel: Path, prefix: str) -> dict[str, list[etree._Element]]:
    """Per ToewijzingNummer the ToegewezenProduct elements, in order of toewijzingsdatum."""
    per_nummer: dict[str, list[etree._Element]] = defaultdict(list)
    for root in _berichten(doel, prefix + "301"):
        for p in root.iter("{*}ToegewezenProduct"):
            per_nummer[_lokaal(p, "ToewijzingNummer")].append(p)
    for lijst in per_nummer.values():
        lijst.sort(key=lambda p: (_lokaal(p, "Toewijzingsdatum"), _lokaal(p, "Toewijzingstijd")))
    return per_nummer


def test_prestaties_lie_within_levering_and_toewijzing(klein):
    doel, _, _ = klein
    for prefix in ("JW", "WMO"):
        leveringen, toewijzingen = _leveringen(doel, prefix), _toewijzingen(doel, prefix)
        for root in _berichten(doel, prefix + "323"):
            for p in root.iter("{*}Prestatie"):
                nummer = _lokaal(p, "ToewijzingNummer")
                levering, laatste = leveringen[nummer], toewijzingen[nummer][-1]
                begin = date.fromisoformat(_lokaal(p, "ProductPeriode/{*}Begindatum"))
                eind = date.fromisoformat(_lokaal(p, "ProductPeriode/{*}Einddatum"))
                assert begin >= levering["begin"]
                assert levering["eind"] is None or eind <= levering["eind"]
                assert begin >= date.fromisoformat(_lokaal(laatste, "Ingangsdatum"))
                einddatum = _lokaal(laatste, "Einddatum")
                assert einddatum is None or eind <= date.fromisoformat(einddatum)


def test_toewijzingen_follow_the_variant_rules(middel):
    soorten: Counter[str] = Counter()
    for lijst in _toewijzingen(middel, "JW").values():
        eerste = lijst[0]
        frequentie, code = _lokaal(eerste, "Frequentie"), _lokaal(eerste, "Code")
        budget, categorie = _lokaal(eerste, "Budget"), _lokaal(eerste, "Categorie")
        if frequentie == "2" or (budget and categorie != "55"):
            assert _lokaal(eerste, "Einddatum"), "einddatum required"
        soort = (
            "generiek"
            if categorie is None
            else "aspecifiek"
            if code is None
            else _lokaal(eerste, "Eenheid") + "/" + frequentie
        )
        soorten[soort] += 1
        if len(lijst) > 1:
            assert {_lokaal(p, "RedenWijziging") for p in lijst[1:]} <= {"03", "04", "05"}
        if categorie in {"31", "32", "33", "34", "35", "36", "37", "38"}:
            assert _lokaal(lijst[-1], "Einddatum") <= "2021-12-31"
    for soort in ("04/2", "14/4", "14/2", "16/2", "82/4", "82/6", "83/6", "aspecifiek", "generiek"):
        assert soorten[soort] > 0, f"no toewijzing {soort}"
    specifiek_inspanning = sum(n for s, n in soorten.items() if s[:2] in ("04", "14", "16"))
    assert specifiek_inspanning > 0.6 * sum(soorten.values())


def test_2015_codes_are_declared_in_2021_only(middel):
    for root in _berichten(middel, "JW323"):
        for p in root.iter("{*}Prestatie"):
            if _lokaal(p, "ProductCategorie") < "40":
                assert _lokaal(p, "ProductPeriode/{*}Begindatum") < "2022"


# -- population ---------------------------------------------------------------------------------


def test_population_covers_10_gemeenten_years_and_ages(klein):
    doel, _, _ = klein
    with (doel / "bevolking.csv").open(encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    assert list(rijen[0]) == ["gemeente", "jaar", "leeftijd", "aantal"]
    sleutels = {(r["gemeente"], int(r["jaar"]), int(r["leeftijd"])) for r in rijen}
    gemeenten = {g for g, _, _ in sleutels}
    assert len(gemeenten) == 10 and "0505" in gemeenten
    assert sleutels == {(g, j, a) for g in gemeenten for j in range(2021, 2026) for a in range(28)}
    dordrecht = sum(
        int(r["aantal"])
        for r in rijen
        if r["gemeente"] == "0505" and r["jaar"] == "2024" and int(r["leeftijd"]) < 18
    )
    assert 0.17 * 121000 < dordrecht < 0.22 * 121000


# -- realism at normaal scale ---------------------------------------------------------------------


def test_about_one_in_ten_youths_in_jeugdhulp_and_one_in_ten_of_them_met_verblijf(middel):
    leveringen = _leveringen(middel, "JW")
    with (middel / "bevolking.csv").open(encoding="utf-8") as f:
        jeugd = sum(
            int(r["aantal"])
            for r in csv.DictReader(f)
            if r["jaar"] == "2023" and int(r["leeftijd"]) < 18
        )
    in_zorg, met_verblijf = set(), set()
    for rij in leveringen.values():
        if rij["begin"] <= date(2023, 12, 31) and (
            rij["eind"] is None or rij["eind"] >= date(2023, 1, 1)
        ):
            in_zorg.add(rij["bsn"])
            if rij["categorie"] in VERBLIJF:
                met_verblijf.add(rij["bsn"])
    assert 0.08 < len(in_zorg) / (jeugd * MIDDEL_SCHAAL) < 0.12
    assert 0.07 < len(met_verblijf) / len(in_zorg) < 0.15


def _overgang(rijen: list[dict], achttien: date, wmo_ingangen: list[date]) -> str:
    if any(r["eind"] is None or r["eind"] > achttien + timedelta(days=31) for r in rijen):
        return "verlengd"
    laatste = max(r["eind"] for r in rijen)
    if any(laatste < ingang <= laatste + timedelta(days=365) for ingang in wmo_ingangen):
        return "wmo"
    return "uitval" if any(r.get("reden") in ("32", "33") for r in rijen) else "stopt"


def _loopbanen(map_):
    """Per BSN: date of birth, Jeugd leveringen and the ingangsdata of Wmo toewijzingen."""
    geboren = {
        _lokaal(r, "Bsn"): date.fromisoformat(_lokaal(r, "Datum"))
        for r in _berichten(map_, "JW305")
    }
    per_bsn: dict[str, list[dict]] = defaultdict(list)
    for rij in _leveringen(map_, "JW").values():
        per_bsn[rij["bsn"]].append(rij)
    wmo: dict[str, list[date]] = defaultdict(list)
    for p in _toewijzingen(map_, "WMO").values():
        wmo[_lokaal(p[0].getparent().getparent(), "Bsn")].append(
            date.fromisoformat(_lokaal(p[0], "Ingangsdatum"))
        )
    return geboren, per_bsn, wmo


def test_transition_at_18_lands_in_the_intended_bands(middel):
    geboren, per_bsn, wmo = _loopbanen(middel)
    uitkomsten: Counter[str] = Counter()
    warm = 0
    for bsn, rijen in per_bsn.items():
        achttien = achttiende_verjaardag(geboren[bsn])
        peil = achttien - timedelta(days=60)
        if not date(2021, 3, 1) <= achttien <= date(2024, 12, 31):
            continue
        actief = [
            r for r in rijen if r["begin"] <= peil and (r["eind"] is None or r["eind"] > peil)
        ]
        if actief:
            uitkomst = _overgang(actief, achttien, wmo[bsn])
            uitkomsten[uitkomst] += 1
            warm += (
                uitkomst == "wmo" and max(r["eind"] for r in actief) + timedelta(days=1) in wmo[bsn]
            )
    totaal = sum(uitkomsten.values())
    aandeel = {k: v / totaal for k, v in uitkomsten.items()}
    assert totaal >= 150
    assert 0.30 <= aandeel["stopt"] <= 0.40, aandeel
    assert 0.20 <= aandeel["verlengd"] <= 0.30, aandeel
    assert 0.25 <= aandeel["wmo"] <= 0.35, aandeel
    assert 0.05 <= aandeel["uitval"] <= 0.15, aandeel
    assert 0 < warm < uitkomsten["wmo"], "both warm handovers and gaps"


def test_some_youths_whose_care_ended_before_the_peildatum_get_wmo_after_18(middel):
    geboren, per_bsn, wmo = _loopbanen(middel)
    vroeg_gestopt = met_wmo = 0
    for bsn, rijen in per_bsn.items():
        achttien = achttiende_verjaardag(geboren[bsn])
        if not date(2021, 3, 1) <= achttien <= date(2024, 6, 30):
            continue
        einden = [r["eind"] for r in rijen]
        if None in einden or not (
            achttien - timedelta(days=300) <= max(einden) < achttien - timedelta(days=60)
        ):
            continue
        vroeg_gestopt += 1
        met_wmo += any(achttien <= i <= achttien + timedelta(days=180) for i in wmo[bsn])
    assert vroeg_gestopt >= 40
    assert 0.12 <= met_wmo / vroeg_gestopt <= 0.40, (met_wmo, vroeg_gestopt)


# -- output forms --------------------------------------------------------------------------------


def test_zip_archive_is_one_deterministic_file(tmp_path):
    a = genereer_demo(
        tmp_path / "a", seed=3, schaal="klein", jaren=range(2025, 2026), zip_bestand=True
    )
    b = genereer_demo(
        tmp_path / "b", seed=3, schaal="klein", jaren=range(2025, 2026), zip_bestand=True
    )
    assert a.paden == (tmp_path / "a" / "passend-demo.zip",)
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["passend-demo.zip"]
    assert a.paden[0].read_bytes() == b.paden[0].read_bytes()
    with zipfile.ZipFile(a.paden[0]) as archief:
        namen = archief.namelist()
        assert {"README.txt", "bevolking.csv", "aanbieders.csv"} <= set(namen)
        assert sum(n.endswith(".xml") for n in namen) == sum(a.berichten_per_type.values())
        valideer(archief.read(next(n for n in namen if n.startswith("JW301/"))))


def test_command_line(tmp_path, capsys):
    assert main([str(tmp_path / "uit"), "--schaal", "klein", "--seed", "1", "--jaren", "2025"]) == 0
    uitvoer = capsys.readouterr().out
    assert "cliënten" in uitvoer and "JW301" in uitvoer
    assert (tmp_path / "uit" / "README.txt").is_file()


def test_refuses_a_non_empty_directory_and_unknown_scales(tmp_path):
    (tmp_path / "iets.txt").write_text("x")
    with pytest.raises(FileExistsError):
        genereer_demo(tmp_path, schaal="klein")
    with pytest.raises(ValueError, match="schaal"):
        genereer_demo(tmp_path / "leeg", schaal="reusachtig")


# -- the contract register -------------------------------------------------------------------


def _register_rijen(doel: Path, naam: str) -> list[dict[str, str]]:
    import csv

    with (doel / "contracten" / naam).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_the_register_reads_without_a_problem(klein):
    from passend.imports.tabular import lees_tabel

    doel, _, _ = klein
    for naam in ("1_contract.csv", "2_tarief.csv", "3_bestedingsruimte.csv", "4_clientenstop.csv"):
        pad = doel / "contracten" / naam
        lezing = lees_tabel(naam, lambda pad=pad: pad.open("rb"))
        uitkomsten = list(lezing.uitkomsten)
        assert uitkomsten and all(u.record is not None and not u.problemen for u in uitkomsten)


def test_the_register_has_a_consortium_uniform_tariffs_and_the_deliberate_findings(klein):
    from passend.demo.catalogus import maak_aanbieders
    from passend.demo.contracten import (
        EIGEN_TARIEF,
        LOOPTIJD_MAANDEN,
        ZONDER_CONTRACT,
        aanbieder_van_soort,
    )

    doel, _, _ = klein
    contracten = _register_rijen(doel, "1_contract.csv")
    consortium = [r for r in contracten if r["segment"] == "1"]
    assert len({r["contractnummer"] for r in consortium}) == 1 and len(consortium) >= 2
    hoofd = {r["hoofdaannemer_agb"] for r in consortium}
    assert len(hoofd) == 1 and consortium[0]["uitvoeringsvariant"] == "taakgericht"
    # every contract of the new round runs exactly the 48 months of a raamovereenkomst
    nieuw = [r for r in contracten if r["ingangsdatum"] == "2025-01-01"]
    assert nieuw and {r["einddatum"] for r in nieuw} == {"2028-12-31"}
    assert LOOPTIJD_MAANDEN == 48
    # uniform: one tariff per product and year over all contracts, a multiple of 60 cents
    per_product: dict[tuple[str, str, str], set[str]] = {}
    for t in _register_rijen(doel, "2_tarief.csv"):
        per_product.setdefault((t["productcode"], t["eenheid"], t["geldig_vanaf"]), set()).add(
            t["tarief_euro"]
        )
        euro, cent = t["tarief_euro"].split(",")
        assert t["eenheid"] == "83" or (int(euro) * 100 + int(cent)) % 60 == 0
    assert all(len(tarieven) == 1 for tarieven in per_product.values())
    # the register omits one aanbieder and the declarations show the one keeping its own tariff
    import random

    from passend.demo.bevolking import gemeenten

    aanbieders = maak_aanbieders(
        random.Random("1-aanbieders"),
        [g.code for g in gemeenten()],
        [g.inwoners for g in gemeenten()],
    )
    zonder = aanbieder_van_soort(aanbieders, ZONDER_CONTRACT)
    assert zonder and zonder not in {r["agb"] for r in contracten}
    eigen = aanbieder_van_soort(aanbieders, EIGEN_TARIEF)
    uniform = {(code, van[:4]): t.pop() for (code, _e, van), t in per_product.items()}
    tarieven_2025 = {"eigen": set(), "anderen": set()}
    for bericht in _berichten(doel, "JW323"):
        agb = _lokaal(bericht, "Afzender")
        for p in bericht.iter("{*}Prestatie"):
            if (_lokaal(p, "Begindatum") or "")[:4] != "2025" or not _lokaal(p, "ProductTarief"):
                continue
            code, tarief = _lokaal(p, "ProductCode"), int(_lokaal(p, "ProductTarief"))
            contract = uniform.get((code, "2025"))
            if contract is not None:
                euro, cent = contract.split(",")
                gelijk = tarief == int(euro) * 100 + int(cent)
                tarieven_2025["eigen" if agb == eigen else "anderen"].add(gelijk)
    assert tarieven_2025["anderen"] == {True}
    assert False in tarieven_2025["eigen"]


def test_the_zrm_scores_read_cleanly_and_follow_16_to_23_year_olds(klein):
    from passend.demo.zrm import _kans_omhoog
    from passend.domain.zrm import ZRM_DOMEINEN
    from passend.imports.tabular import lees_tabel

    doel, _, _ = klein
    pad = doel / "zrm" / "zrm.csv"
    uitkomsten = list(lees_tabel("zrm.csv", lambda: pad.open("rb")).uitkomsten)
    assert len(uitkomsten) > 500
    assert all(u.record is not None and not u.problemen for u in uitkomsten)
    records = [u.record for u in uitkomsten]
    assert {r.domein for r in records} == set(ZRM_DOMEINEN)
    assert {r.score for r in records} == {1, 2, 3, 4, 5}
    assert 0.05 < sum(not r.aanbieder_agb for r in records) / len(records) < 0.4
    assert all(2021 <= r.datum.year <= 2025 for r in records)
    # most clients are measured more than once in a domain: there are trajecten to follow
    per_traject: dict[tuple[str, str, str], int] = {}
    for r in records:
        sleutel = (r.client.bsn, r.aanbieder_agb, r.domein)
        per_traject[sleutel] = per_traject.get(sleutel, 0) + 1
    assert sum(n >= 2 for n in per_traject.values()) / len(per_traject) > 0.5
    # the chance of progress differs between aanbieders, and stays in its band
    kansen = {_kans_omhoog(r.aanbieder_agb) for r in records if r.aanbieder_agb}
    assert len(kansen) > 3 and all(0.2 <= k <= 0.5 for k in kansen)


def test_the_clients_judgements_read_cleanly_and_follow_how_care_ended(klein):
    from passend.imports.tabular import lees_tabel

    doel, _, _ = klein
    pad = doel / "clientoordelen" / "clientoordeel.csv"
    uitkomsten = list(lees_tabel("clientoordeel.csv", lambda: pad.open("rb")).uitkomsten)
    assert len(uitkomsten) > 30
    assert all(u.record is not None and not u.problemen for u in uitkomsten)
    records = [u.record for u in uitkomsten]
    assert {r.informant for r in records} == {"jeugdige", "ouder"}
    assert {r.zonder_hulp for r in records} == {"01", "02", "03", "04"}
    cijfers = [r.tevredenheid for r in records if r.tevredenheid is not None]
    assert min(cijfers) >= 3 and max(cijfers) <= 10 and len(cijfers) > 0.8 * len(records)
    assert all(2021 <= r.einddatum.year <= 2025 for r in records)
