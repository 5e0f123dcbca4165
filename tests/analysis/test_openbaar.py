"""Public output (``rapport(..., openbaar=True)``): every table of every report suppressed.

The handmade datasets are small, so most counts are 1-4: every report is run on each of them
for two years, public and not, and the public tables are checked cell by cell.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passend.analysis import RAPPORTSOORTEN as RAPPORTEN
from passend.analysis.grafieken import grafieken
from passend.analysis.kolommen import kolom
from passend.analysis.openbaar import ONDERDRUKKINGSREGELS, is_onderdrukt, openbaar_rapport
from passend.analysis.privacy import onderdruk
from tests.analysis.verzoek import rapport, schrijf_xlsx

SCENARIO_S = ["transitie", "markt", "zorggebruik"]
JAREN = (2023, 2024)


def _rijen(inhoud: Any) -> list[dict[str, Any]]:
    return [inhoud] if isinstance(inhoud, dict) else list(inhoud)


# What the tests expect, written down apart from the rules in passend.analysis.openbaar (a
# weakened rule must fail here): person counts are the catalogue's "aantal" columns except
# these, plus the numerator of the benchmark measures that count persons.
NIET_PERSONEN = {"aanbieders", "bevolking", "volume", "aantal_gemeenten", "min_aanbieders"}
UIT = ("verlengde_jeugdhulp", "naar_wmo", "zonder_vervolg")
ZORGVORM = ("met_verblijf", "zonder_verblijf")
PER_CLIENT = (
    "kosten_per_client_gemiddeld_cent",
    "kosten_per_client_mediaan_cent",
    "kosten_per_client_p90_cent",
    "duur_mediaan_dagen",
    "startwachttijd_mediaan_dagen",
    "groei_clienten",
    "groei_kosten_per_client",
)
#: Derived figure -> the counts it follows from.
AFGELEID: dict[str, tuple[str, ...]] = {
    "aandeel": ("aantal", "noemer"),
    "per_1000": ("aantal",),
    "aandeel_uit_jeugdhulp": ("instroom", "uit_jeugdhulp"),
    "gat_dagen_mediaan": ("naar_wmo",),
    **{k: ("clienten",) for k in PER_CLIENT},
    **{k: ("teller",) for k in ("waarde", "afwijking", "rang", "overige_waarde")},
}


def _personen(naam: str, tabel: str, rij: dict[str, Any]) -> list[str]:
    if tabel in ("drempels", "dekking"):  # thresholds, dates: no persons
        return []
    if naam == "benchmark":
        return ["teller"] if rij["maat"] != "jeugdkosten_per_jeugdige" else []
    return [k for k in rij if kolom(k, tabel).soort == "aantal" and k not in NIET_PERSONEN]


def _klein(waarde: Any) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool) and 1 <= waarde <= 4


def _beide(con, naam: str, jaar: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return rapport(naam, con, jaar=jaar), rapport(naam, con, jaar=jaar, openbaar=True)


def _lijn_veilig(cellen: list[Any], totaal: Any, waar: str) -> None:
    """A published total minus the other published cells must not give a hidden cell."""
    verborgen = [c for c in cellen if is_onderdrukt(c)]
    assert not (len(verborgen) == 1 and not is_onderdrukt(totaal)), (waar, cellen, totaal)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIO_S)
def test_every_table_of_every_report_has_a_rule(dataset, scenario):
    con = dataset(scenario)
    for naam in RAPPORTEN:
        for jaar in JAREN:
            tabellen = rapport(naam, con, jaar=jaar, gevallen=True)
            zonder = set(tabellen) - set(ONDERDRUKKINGSREGELS[naam])
            assert not zonder, f"{naam}: geen onderdrukkingsregel voor {sorted(zonder)}"


def test_a_table_without_a_rule_is_refused():
    with pytest.raises(ValueError, match="Geen onderdrukkingsregel"):
        openbaar_rapport("markt", {"segmenten": [], "nieuwe_tabel": [{"clienten": 3}]})


@pytest.mark.django_db
def test_the_case_list_is_never_public(dataset):
    con = dataset("transitie")
    with pytest.raises(ValueError, match="cliëntniveau"):
        rapport("transitie", con, jaar=2024, openbaar=True, gevallen=True)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIO_S)
def test_no_small_count_survives_and_published_counts_are_unchanged(dataset, scenario):
    con = dataset(scenario)
    verborgen = 0
    for naam in RAPPORTEN:
        for jaar in JAREN:
            rauw, pub = _beide(con, naam, jaar)
            assert list(pub) == list(rauw)
            for tabel, inhoud in pub.items():
                for rij, oud in zip(_rijen(inhoud), _rijen(rauw[tabel]), strict=True):
                    for k in _personen(naam, tabel, rij):
                        assert not _klein(rij.get(k)), (naam, tabel, k, rij)
                        if is_onderdrukt(rij.get(k)):
                            verborgen += 1
                        else:
                            assert rij.get(k) == oud.get(k), (naam, tabel, k)
                    for k, w in (rij.get("cijfers") or {}).items():
                        assert not (
                            kolom(k).soort == "aantal" and k not in NIET_PERSONEN and _klein(w)
                        ), (naam, tabel, rij)
    assert verborgen > 20


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIO_S)
def test_figures_derived_from_a_hidden_count_are_hidden(dataset, scenario):
    con = dataset(scenario)
    for naam in RAPPORTEN:
        for jaar in JAREN:
            rauw, pub = _beide(con, naam, jaar)
            for tabel, inhoud in pub.items():
                for rij, oud in zip(_rijen(inhoud), _rijen(rauw[tabel]), strict=True):
                    for doel, bronnen in AFGELEID.items():
                        if any(is_onderdrukt(rij.get(b)) for b in bronnen):
                            assert oud.get(doel) is None or rij[doel] == "x", (tabel, doel)
                    if is_onderdrukt(rij.get("ernst")):  # a knelpunt on 1-4 persons
                        assert rij["waarde"] == "x" and "minder dan 5" in rij["uitleg"]
                    cijfers = rij.get("cijfers") or {}
                    if any(is_onderdrukt(w) for w in cijfers.values()):
                        assert rij["ernst"] == rij["waarde"] == "x", rij


def _kolomlijn(
    rauw: list[dict], pub: list[dict], totaal_rauw: Any, totaal: Any, k: str, waar: str
) -> None:
    """Rows that add up to a published column total (only when they really do)."""
    if sum(r.get(k) or 0 for r in rauw) == totaal_rauw:
        _lijn_veilig([r.get(k) for r in pub], totaal, f"{waar}.{k}")


def _transitie_lijnen(rauw: dict[str, Any], pub: dict[str, Any]) -> None:
    for tabel in ("transitie", "per_gemeente", "per_segment", "per_zorgvorm"):
        for rij in _rijen(pub[tabel]):
            for delen in (UIT, ZORGVORM):
                _lijn_veilig([rij[k] for k in delen], rij["cohort"], f"{tabel} {delen}")
        for k in ("cohort", *UIT, *ZORGVORM, "warme_overdracht"):
            if tabel != "transitie":
                _kolomlijn(
                    rauw[tabel], pub[tabel], rauw["transitie"][k], pub["transitie"][k], k, tabel
                )
    per_leeftijd = defaultdict(list)
    for oud, rij in zip(rauw["doorloop_21_23"], pub["doorloop_21_23"], strict=True):
        per_leeftijd[rij["leeftijd"]].append((oud, rij))
    for paren in per_leeftijd.values():
        alle = next(p for p in paren if p[0]["zorgvorm"] == "alle")
        delen = [p for p in paren if p is not alle]
        for k in ("noemer", "aantal"):
            _kolomlijn(
                [o for o, _p in delen],
                [p for _o, p in delen],
                alle[0][k],
                alle[1][k],
                k,
                "doorloop",
            )


def _wmo_lijnen(rauw: dict[str, Any], pub: dict[str, Any]) -> None:
    oud_totaal = next(
        (r for r in rauw["per_productcategorie"] if r["productcategorie"] == "totaal"), None
    )
    if oud_totaal is None:
        return
    totaal = next(r for r in pub["per_productcategorie"] if r["productcategorie"] == "totaal")
    for k in ("instroom", "uit_jeugdhulp"):
        _kolomlijn(rauw["per_gemeente"], pub["per_gemeente"], oud_totaal[k], totaal[k], k, "wmo")


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIO_S)
def test_a_hidden_cell_cannot_be_worked_back_from_a_published_total(dataset, scenario):
    con = dataset(scenario)
    for jaar in JAREN:
        _transitie_lijnen(*_beide(con, "transitie", jaar))
        _wmo_lijnen(*_beide(con, "wmo-instroom", jaar))


@pytest.mark.django_db
def test_flows_are_hidden_like_the_table_they_share_cells_with(dataset):
    con = dataset("transitie")
    pub = rapport("transitie", con, jaar=2024, openbaar=True)
    per = {r["zorgvorm"]: r for r in pub["per_zorgvorm"]}
    for rij in pub["stroom_zorgvorm"]:
        if rij["van"] in per:
            assert rij["aantal"] == per[rij["van"]][rij["naar"]]


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIO_S)
def test_charts_draw_the_suppressed_tables(dataset, scenario):
    con = dataset(scenario)
    for naam in RAPPORTEN:
        pub = rapport(naam, con, jaar=2024, openbaar=True)
        for grafiek in grafieken(naam, pub, openbaar=True).values():
            grafiek.to_dict()


# -- the generic helper ---------------------------------------------------------------------
_tabellen = st.lists(st.lists(st.integers(0, 12), min_size=3, max_size=3), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(
    _tabellen, st.sets(st.tuples(st.integers(0, 5), st.sampled_from(["a", "b", "c"])), max_size=2)
)
def test_onderdruk_keeps_every_line_safe_and_fixed_cells_hidden(waarden, vast):
    rijen = [dict(zip("abc", w, strict=True)) for w in waarden]
    uit = onderdruk(rijen, ["a", "b", "c"], totaal_kolom="t", totaal_rij="Totaal", vast=vast)
    for rij in uit:
        assert not any(_klein(rij[k]) for k in ("a", "b", "c", "t"))
        _lijn_veilig([rij[k] for k in "abc"], rij["t"], "rij")
    for k in (*"abc", "t"):
        _lijn_veilig([r[k] for r in uit[:-1]], uit[-1][k], "kolom")
    for i, k in vast:
        if i <= len(rijen):
            assert is_onderdrukt(uit[i][k])
    for rij, oud in zip(uit, rijen, strict=False):
        assert all(rij[k] == oud[k] for k in "abc" if not is_onderdrukt(rij[k]))


# -- handmade reports with larger counts (the datasets above are mostly 1-4) ---------------
def _tel(basis: dict[str, Any], lijst: list[dict[str, Any]]) -> dict[str, Any]:
    wmo = [g for g in lijst if g["uitkomst"] == "naar_wmo"]
    return {
        **basis,
        "cohort": len(lijst),
        **{u: sum(g["uitkomst"] == u for g in lijst) for u in UIT},
        "warme_overdracht": sum(g["warm"] for g in wmo),
        "gat_dagen_mediaan": 12.0 if wmo else None,
        **{z: sum(g["zorgvorm"] == z for g in lijst) for z in ZORGVORM},
    }


def _per(gevallen: list[dict[str, Any]], sleutel: str) -> list[dict[str, Any]]:
    groepen: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gevallen:
        groepen[g[sleutel]].append(g)
    return [_tel({"jaar": 2024, sleutel: k, "naam": k}, v) for k, v in sorted(groepen.items())]


def _transitie_rapport(gevallen: list[dict[str, Any]]) -> dict[str, Any]:
    per_zorgvorm = _per(gevallen, "zorgvorm")
    stroom = [
        {"jaar": 2024, "van": r["zorgvorm"], "van_naam": r["zorgvorm"], "naar": u, "aantal": r[u]}
        for r in per_zorgvorm
        for u in UIT
    ]
    return {
        "transitie": {
            **_tel({"jaar": 2024}, gevallen),
            "wmo_instroom_18_26": 40,
            "wmo_instroom_uit_jeugdhulp": 12,
        },
        "per_gemeente": _per(gevallen, "gemeente"),
        "per_segment": _per(gevallen, "segment"),
        "per_zorgvorm": per_zorgvorm,
        "stroom_zorgvorm": stroom,
        "stroom_segment": [],
        "doorloop_21_23": [],
    }


_geval = st.builds(
    lambda g, s, z, u, w: {
        "gemeente": f"G{g}",
        "segment": f"S{s}",
        "zorgvorm": z,
        "uitkomst": u,
        "warm": w,
    },
    st.integers(0, 3),
    st.integers(0, 2),
    st.sampled_from(ZORGVORM),
    st.sampled_from(UIT),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_geval, min_size=15, max_size=90))
def test_handmade_transition_report_is_safe(gevallen):
    rauw = _transitie_rapport(gevallen)
    pub = openbaar_rapport("transitie", rauw)
    _transitie_lijnen(rauw, pub)
    per = {r["zorgvorm"]: r for r in pub["per_zorgvorm"]}
    for rij in pub["stroom_zorgvorm"]:
        assert rij["aantal"] == per[rij["van"]][rij["naar"]]
    for tabel in ("transitie", "per_gemeente", "per_segment", "per_zorgvorm"):
        for rij, oud in zip(_rijen(pub[tabel]), _rijen(rauw[tabel]), strict=True):
            for k in _personen("transitie", tabel, rij):
                assert not _klein(rij[k]) and (is_onderdrukt(rij[k]) or rij[k] == oud[k])
            if is_onderdrukt(rij["naar_wmo"]) and oud["gat_dagen_mediaan"] is not None:
                assert rij["gat_dagen_mediaan"] == "x"


# Most of the inflow from youth care: the remainder (instroom - uit) is often 1-4.
_uit = st.integers(0, 5).map(lambda n: n > 0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.sampled_from(["02", "07"]), _uit), min_size=10, max_size=60
    )
)
def test_handmade_wmo_report_is_safe(clienten):
    def rij(basis: dict[str, Any], lijst: list[tuple[int, str, bool]]) -> dict[str, Any]:
        uit = sum(c[2] for c in lijst)
        return {
            "jaar": 2024,
            **basis,
            "instroom": len(lijst),
            "uit_jeugdhulp": uit,
            "aandeel_uit_jeugdhulp": uit / len(lijst),
        }

    def per(index: int) -> dict[Any, list[tuple[int, str, bool]]]:
        uit: dict[Any, list[tuple[int, str, bool]]] = defaultdict(list)
        for c in clienten:
            uit[c[index]].append(c)
        return uit

    rauw = {
        "per_productcategorie": [
            rij({"productcategorie": k, "naam": k}, v) for k, v in sorted(per(1).items())
        ]
        + [rij({"productcategorie": "totaal", "naam": "Totaal"}, clienten)],
        "per_gemeente": [
            rij({"gemeente": f"G{k}", "naam": f"G{k}"}, v) for k, v in sorted(per(0).items())
        ],
    }
    pub = openbaar_rapport("wmo-instroom", rauw)
    _wmo_lijnen(rauw, pub)
    for tabel, rijen in pub.items():
        for r in rijen:
            # uit jeugdhulp is part of the inflow: the rest (instroom - uit) is no secret either
            _lijn_veilig([r["uit_jeugdhulp"], _rest(r)], r["instroom"], tabel)
            assert not any(_klein(w) for w in (r["instroom"], r["uit_jeugdhulp"], _rest(r)))


def _rest(r: dict[str, Any]) -> Any:
    if is_onderdrukt(r["instroom"]) or is_onderdrukt(r["uit_jeugdhulp"]):
        return "x"
    return r["instroom"] - r["uit_jeugdhulp"]


def test_the_definitions_sheet_says_every_table_is_suppressed(tmp_path):
    import openpyxl

    from passend.analysis.uitvoer import Rapportinfo

    tabellen = openbaar_rapport("markt", {"profielen": [{"aanbieder": "1", "clienten": 3}]})
    pad = schrijf_xlsx(tmp_path / "m.xlsx", tabellen, info=Rapportinfo("markt", openbaar=True))
    blad = openpyxl.load_workbook(pad)["Definities"]
    tekst = " ".join(str(c) for r in blad.iter_rows(values_only=True) for c in r if c)
    assert "Kleine aantallen onderdrukt ja: alle tabellen" in tekst
    assert openpyxl.load_workbook(pad)["Aanbiederprofielen"]["B2"].value == "<5"
