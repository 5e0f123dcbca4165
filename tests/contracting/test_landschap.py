"""The care-landscape MILP against brute force on small instances, and infeasible instances
with a Dutch explanation of what binds."""

from __future__ import annotations

import itertools
import random
from collections import deque

import pytest

from passend.contracting.landschap import (
    Gemeentevraag,
    Kandidaat,
    Landschapseisen,
    Locatie,
    afstand_km,
    afweging,
    optimaliseer,
)


def _plek(code: str, x: float, y: float) -> Locatie:
    """A place x km east and y km north of 52°N 5°E (small distances: flat enough)."""
    return Locatie(code, code, 52 + y / 111.2, 5 + x / (111.2 * 0.6157))


def test_distance_by_hand():
    # 1 degree of latitude on a 6371 km sphere: 2 pi 6371 / 360 = 111,19 km.
    assert afstand_km(Locatie("a", "a", 52, 5), Locatie("b", "b", 53, 5)) == pytest.approx(
        111.19, abs=0.01
    )
    assert afstand_km(_plek("a", 0, 0), _plek("b", 30, 40)) == pytest.approx(50, rel=0.01)


def _max_stroom(vraag, kandidaten, gekozen, bereik, plafond):
    """Independent check: can the chosen providers serve all demand (Edmonds-Karp)?"""
    knopen = ["bron", *[f"a{j}" for j in gekozen], *[f"g{g}" for g in range(len(vraag))], "put"]
    cap = {u: {} for u in knopen}

    def kant(u, v, c):
        cap[u][v] = cap[u].get(v, 0) + c
        cap[v].setdefault(u, 0)

    for j in gekozen:
        kant("bron", f"a{j}", min(kandidaten[j].capaciteit, plafond))
        for g in range(len(vraag)):
            if j in bereik[g]:
                kant(f"a{j}", f"g{g}", 10**9)
    for g, v in enumerate(vraag):
        kant(f"g{g}", "put", v.vraag)
    stroom = 0
    while True:
        vorige = {"bron": None}
        rij = deque(["bron"])
        while rij and "put" not in vorige:
            u = rij.popleft()
            for v, c in cap[u].items():
                if c > 1e-9 and v not in vorige:
                    vorige[v] = u
                    rij.append(v)
        if "put" not in vorige:
            return stroom
        pad, v = [], "put"
        while vorige[v] is not None:
            pad.append((vorige[v], v))
            v = vorige[v]
        extra = min(cap[u][v] for u, v in pad)
        for u, v in pad:
            cap[u][v] -= extra
            cap[v][u] += extra
        stroom += extra


def _instantie(seed: int):
    rnd = random.Random(seed)
    vraag = [
        Gemeentevraag(_plek(f"G{g}", rnd.uniform(0, 60), rnd.uniform(0, 60)), rnd.randint(5, 40))
        for g in range(4)
    ]
    kandidaten = [
        Kandidaat(
            _plek(f"A{j}", rnd.uniform(0, 60), rnd.uniform(0, 60)),
            rnd.randint(20, 80),
            rnd.randint(800, 1600),
        )
        for j in range(6)
    ]
    return vraag, kandidaten


@pytest.mark.parametrize("seed", range(8))
def test_fewest_providers_equals_brute_force(seed):
    vraag, kandidaten = _instantie(seed)
    eisen = Landschapseisen(max_afstand_km=45, min_per_gemeente=2, max_aandeel=0.6)
    totaal = sum(v.vraag for v in vraag)
    bereik = {
        g: [j for j, k in enumerate(kandidaten) if afstand_km(k.aanbieder, v.gemeente) <= 45]
        for g, v in enumerate(vraag)
    }
    beste = None
    for n in range(len(kandidaten) + 1):
        for gekozen in itertools.combinations(range(len(kandidaten)), n):
            keuze = all(
                len(set(gekozen) & set(bereik[g])) >= min(2, len(bereik[g])) for g in bereik
            )
            if (
                keuze
                and _max_stroom(vraag, kandidaten, gekozen, bereik, 0.6 * totaal) >= totaal - 1e-6
            ):
                beste = n
                break
        if beste is not None:
            break
    uit = optimaliseer(vraag, kandidaten, eisen, met_eisprijs=False)
    if beste is None:
        assert uit.status == "onhaalbaar" and uit.uitleg
        return
    assert uit.status == "optimaal" and uit.aantal == beste
    # The solution itself holds: demand met, capacities and the share respected.
    for v in vraag:
        geleverd = sum(x for (a, g), x in uit.toewijzing.items() if g == v.gemeente.code)
        assert geleverd == pytest.approx(v.vraag)
    for k in kandidaten:
        geleverd = sum(x for (a, g), x in uit.toewijzing.items() if a == k.aanbieder.code)
        assert geleverd <= min(k.capaciteit, 0.6 * totaal) + 1e-6
        assert geleverd == 0 or k.aanbieder.code in uit.gekozen


@pytest.mark.parametrize("seed", range(6))
def test_lowest_cost_with_a_fixed_cost_per_contract_equals_brute_force(seed):
    """Capacities large enough to never bind: each gemeente goes to its cheapest chosen
    provider within reach, so a subset's cost is simple to compute by hand."""
    vraag, kandidaten = _instantie(100 + seed)
    kandidaten = [Kandidaat(k.aanbieder, 10_000, k.kosten_per_client) for k in kandidaten]
    vast = 15_000.0
    eisen = Landschapseisen(max_afstand_km=50, doel="kosten", vaste_kosten=vast)
    bereik = {
        g: [j for j, k in enumerate(kandidaten) if afstand_km(k.aanbieder, v.gemeente) <= 50]
        for g, v in enumerate(vraag)
    }
    beste = None
    for n in range(1, len(kandidaten) + 1):
        for gekozen in itertools.combinations(range(len(kandidaten)), n):
            if any(not set(gekozen) & set(bereik[g]) for g in bereik):
                continue
            kosten = vast * n + sum(
                v.vraag * min(kandidaten[j].kosten_per_client for j in gekozen if j in bereik[g])
                for g, v in enumerate(vraag)
            )
            beste = kosten if beste is None else min(beste, kosten)
    uit = optimaliseer(vraag, kandidaten, eisen, met_eisprijs=False)
    if beste is None:
        assert uit.status == "onhaalbaar"
        return
    assert uit.status == "optimaal" and uit.kosten == pytest.approx(beste)


def test_an_unreachable_gemeente_is_explained_in_dutch():
    vraag = [Gemeentevraag(_plek("Ver", 500, 0), 10), Gemeentevraag(_plek("Dichtbij", 0, 0), 10)]
    kandidaten = [Kandidaat(_plek("A", 1, 1), 100, 1000)]
    uit = optimaliseer(vraag, kandidaten, Landschapseisen(max_afstand_km=20))
    assert uit.status == "onhaalbaar"
    assert uit.uitleg == ["Geen enkele aanbieder ligt binnen de maximale afstand van Ver."]


def test_too_little_capacity_and_a_binding_budget_are_explained():
    vraag = [Gemeentevraag(_plek("G", 0, 0), 100)]
    weinig = optimaliseer(
        vraag, [Kandidaat(_plek("A", 1, 1), 40, 1000)], Landschapseisen(max_afstand_km=20)
    )
    assert "te weinig capaciteit" in weinig.uitleg[0]
    krap = optimaliseer(
        vraag,
        [Kandidaat(_plek("A", 1, 1), 200, 1000)],
        Landschapseisen(max_afstand_km=20, budget=50_000),
    )
    assert krap.status == "onhaalbaar"
    assert krap.uitleg == ["Het wordt haalbaar door het budget te versoepelen."]


def test_relaxing_a_binding_constraint_shows_its_price():
    vraag = [Gemeentevraag(_plek("G", 0, 0), 100)]
    kandidaten = [
        Kandidaat(_plek("A", 1, 1), 200, 1000),
        Kandidaat(_plek("B", 2, 2), 200, 1300),
    ]
    # Keuzevrijheid: two providers for G, so the dear one is contracted too.
    uit = optimaliseer(vraag, kandidaten, Landschapseisen(max_afstand_km=20, min_per_gemeente=2))
    assert uit.aantal == 2
    prijs = {p["eis"]: p for p in uit.eisprijs}
    assert prijs["min_per_gemeente"]["aantal"] == 1 and prijs["min_per_gemeente"]["winst"] == 1


def test_the_trade_off_curve_falls_as_more_providers_are_allowed():
    # Three gemeenten 40 km apart, each with a cheap provider 30 km north of it (reaching only
    # its own gemeente at 42 km), and one dear provider in the middle reaching all three.
    vraag = [Gemeentevraag(_plek(f"G{i}", 40 * i, 0), 20) for i in range(3)]
    kandidaten = [Kandidaat(_plek(f"A{i}", 40 * i, 30), 100, 1000) for i in range(3)]
    kandidaten.append(Kandidaat(_plek("Centraal", 40, 0), 100, 1500))
    curve = afweging(vraag, kandidaten, Landschapseisen(max_afstand_km=42))
    # 1 provider: the middle one, 60 x 1500; 2: one cheap and the middle, 20 x 1000 + 40 x 1500;
    # 3: the three cheap ones, 60 x 1000 (the cheapest landscape: the curve ends there).
    assert [(c["aantal"], c["kosten"]) for c in curve] == [(1, 90_000), (2, 80_000), (3, 60_000)]
    # At most `punten` points, both ends kept.
    kort = afweging(vraag, kandidaten, Landschapseisen(max_afstand_km=42), punten=2)
    assert [c["aantal"] for c in kort] == [1, 3]


def test_the_cli_prints_clean_json_although_highs_prints_a_banner(tmp_path):
    import json
    import subprocess
    import sys

    bestand = tmp_path / "segment.json"
    bestand.write_text(
        json.dumps(
            {
                "gemeenten": [
                    {"code": "0505", "naam": "Dordrecht", "lat": 51.81, "lon": 4.67, "vraag": 100},
                    {"code": "0512", "naam": "Gorinchem", "lat": 51.83, "lon": 4.97, "vraag": 50},
                ],
                "kandidaten": [
                    {
                        "code": "A",
                        "lat": 51.81,
                        "lon": 4.68,
                        "capaciteit": 80,
                        "kosten_per_client": 1000,
                    },
                    {
                        "code": "B",
                        "lat": 51.83,
                        "lon": 4.96,
                        "capaciteit": 80,
                        "kosten_per_client": 1200,
                    },
                    {
                        "code": "C",
                        "lat": 51.82,
                        "lon": 4.8,
                        "capaciteit": 200,
                        "kosten_per_client": 1500,
                    },
                ],
                "eisen": {"max_afstand_km": 30, "min_per_gemeente": 2, "max_aandeel": 0.6},
            }
        )
    )
    uit = subprocess.run(
        [
            sys.executable,
            "-m",
            "passend.cli",
            "landschap",
            "optimaliseer",
            str(bestand),
            "--json",
            "--afweging",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    gegevens = json.loads(uit.stdout)
    # Two providers at least per gemeente, at most 90 clients each: A takes its 80, B the rest.
    assert gegevens["gekozen"] == ["A", "B"] and gegevens["kosten"] == 80 * 1000 + 70 * 1200
    assert gegevens["afweging"][0]["aantal"] == 2
