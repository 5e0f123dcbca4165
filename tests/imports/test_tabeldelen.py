"""A large CSV table read in parts by the workers gives exactly what reading it whole gives:
the same rows, row numbers, findings and fragments, and so the same database and quarantine.
A table is cut only where that is certain; everything else is read whole."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from passend.imports import pipeline, tabeldelen, vooruit, werkers
from passend.imports.tabeldelen import Tabeldeel, plan_delen
from passend.istandaarden.uitkomst import BerichtInfo, Uitkomst
from tests import berichten as b
from tests.cli.test_kill_and_resume import _bsn

KOP = "bsn,gemeente,aanbieder_agb,domein,datum,score,naam\n"


def _rij(i: int) -> str:
    score = "9" if i % 97 == 5 else str(1 + i % 5)  # now and then a score out of range
    return f"{_bsn(i)},0505,12345678,huisvesting,2024-01-{1 + i % 28:02d},{score},Naam {i}\n"


def _tabel(rijen: int) -> str:
    return KOP + "".join(_rij(i) for i in range(rijen))


def _uitkomsten(gelezen: werkers.Gelezen) -> list[tuple[object, ...]]:
    return [_vorm(s) for s in gelezen.stappen if not isinstance(s, BerichtInfo)]


def _vorm(u: Uitkomst) -> tuple[object, ...]:
    fragment = "" if u.fragment is werkers.later_fragment else u.fragment()
    return (u.pad, u.record, u.problemen, u.bevindingen, fragment)


def _heel_en_in_delen(
    pad: str, delen: list[Tabeldeel]
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with open(pad, "rb") as bestand:
        heel = werkers.lees_tabelbestand("t.csv", bestand.read())
    assert not heel.mislukt
    in_delen = []
    for deel in delen:
        gelezen = werkers.lees_tabeldeel("t.csv", deel)
        assert not gelezen.mislukt
        assert gelezen.genegeerde_kolommen == heel.genegeerde_kolommen
        in_delen += _uitkomsten(gelezen)
    return _uitkomsten(heel), in_delen


def test_a_clean_table_is_cut_into_parts_that_read_as_the_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(tabeldelen, "DEEL_BYTES", 4096)
    pad = tmp_path / "zrm.csv"
    pad.write_text(_tabel(2000), encoding="utf-8")
    delen = plan_delen(str(pad))
    assert delen is not None and len(delen) > 10
    assert delen[0].begin == len(KOP) and delen[-1].eind == pad.stat().st_size
    assert all(a.eind == b.begin for a, b in itertools.pairwise(delen))
    heel, in_delen = _heel_en_in_delen(str(pad), delen)
    assert in_delen == heel
    assert heel[-1][0] == "rij 2001"
    assert sum(1 for u in heel if u[1] is None) > 10  # the rejected scores are there too


@pytest.mark.parametrize(
    ("wijziging", "gesneden"),
    [
        (lambda t: t.replace("\n", "\r\n"), True),
        (lambda t: t.replace(",Naam 7\n", ',"Naam, 7"\n'), True),  # quotes within a line
        (lambda t: t.replace(",Naam 7\n", ',"Naam\n7"\n'), False),  # a value over a line end
        (lambda t: t.replace(",Naam 7\n", ",Naam 7\r"), False),  # a bare carriage return
        (lambda t: t.replace(",Naam 7\n", ",Naam " + "x" * 70_000 + "\n"), False),
        (lambda t: "bsn;gemeente;onbekend\n" + t[len(KOP) :], False),  # an unknown table
    ],
)
def test_a_table_is_cut_only_where_parts_read_as_the_whole(
    tmp_path, monkeypatch, wijziging, gesneden
):
    monkeypatch.setattr(tabeldelen, "DEEL_BYTES", 4096)
    pad = tmp_path / "zrm.csv"
    pad.write_text(wijziging(_tabel(600)), encoding="utf-8", newline="")
    delen = plan_delen(str(pad))
    assert (delen is not None) == gesneden
    if delen:
        heel, in_delen = _heel_en_in_delen(str(pad), delen)
        assert in_delen == heel


def test_invalid_utf8_and_declaratieregels_are_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(tabeldelen, "DEEL_BYTES", 4096)
    kapot = tmp_path / "kapot.csv"
    kapot.write_bytes(_tabel(600).encode().replace(b"Naam 300", b"Naam \xff"))
    assert plan_delen(str(kapot)) is None
    regels = tmp_path / "declaratie.csv"
    kop = (
        "domein,gemeentecode,agb_code,declaratienummer,bsn,referentie,toewijzingnummer,"
        "productcategorie,productcode,periode_begin,periode_eind,volume,eenheid,"
        "tarief_eurocent,bedrag_eurocent,debet_credit\n"
    )
    rij = "jeugd,0505,12345678,D1,{bsn},R{i},501,45,45A01,2024-02-01,2024-02-29,1,04,90,90,D\n"
    regels.write_text(kop + "".join(rij.format(bsn=_bsn(i), i=i) for i in range(600)))
    assert plan_delen(str(regels)) is None
    assert plan_delen(str(tmp_path / "weg.csv")) is None


#: Cells and line ends: plain ones, and hostile ones besides. A single hostile one can keep a
#: table whole, so half of the examples have none (and are cut, and compared).
_GEWOON = ["", " ", "x", "é", "123456782", "0505", "huisvesting", "3", '"a,b"', '"a""b"']
_VIJANDIG = ["\ufeff", 'a"b', '"open', '"a"b', "\x00"]


def _rijen(cellen: list[str], einden: list[str]) -> st.SearchStrategy[list[tuple[list[str], str]]]:
    rij = st.tuples(st.lists(st.sampled_from(cellen), max_size=8), st.sampled_from(einden))
    return st.lists(rij, min_size=8, max_size=80)


@settings(max_examples=300, deadline=None)
@given(
    rijen=st.one_of(
        _rijen(_GEWOON, ["\n", "\r\n"]),
        _rijen(_GEWOON + _VIJANDIG, ["\n", "\r\n", "\r", ""]),
    ),
    deel=st.integers(min_value=16, max_value=400),
    bom=st.booleans(),
)
def test_whatever_the_table_parts_read_as_the_whole(tmp_path_factory, rijen, deel, bom):
    """Hostile tables: where the plan cuts one, the parts give what the whole gives."""
    pad = tmp_path_factory.mktemp("t") / "zrm.csv"
    tekst = "".join(",".join(cellen) + einde for cellen, einde in rijen)
    pad.write_bytes(("\ufeff" if bom else "").encode() + (KOP + tekst).encode())
    oud = tabeldelen.DEEL_BYTES
    tabeldelen.DEEL_BYTES = deel
    try:
        delen = plan_delen(str(pad))
    finally:
        tabeldelen.DEEL_BYTES = oud
    event("gesneden" if delen else "heel")
    if delen is not None:
        heel, in_delen = _heel_en_in_delen(str(pad), delen)
        assert in_delen == heel


@pytest.mark.django_db
@pytest.mark.slow
def test_the_import_reads_a_large_table_in_parts_with_the_same_outcome(tmp_path, monkeypatch):
    """End to end in the pipeline: a ZRM table larger than a worker takes whole is read in
    parts by the workers; the scores, the quarantine (reasons and fragments, made by a
    second reading) and the summary equal those of an import in one process."""
    from passend.care.models import Client, Toewijzing, ZrmMeting
    from passend.imports.models import ImportBatch, QuarantineRecord, VerwerktBericht

    monkeypatch.setattr(tabeldelen, "DEEL_BYTES", 4096)
    monkeypatch.setattr(vooruit, "MAX_TABEL", 16_384)  # where the import decides
    map_ = tmp_path / "invoer"
    map_.mkdir()
    # Besides the reader's rejections, one by a check: its fragment is made by reading the
    # table again.
    onbekend = _rij(3001).replace(",0505,", ",9999,")
    (map_ / "zrm.csv").write_text(_tabel(3000) + onbekend, encoding="utf-8")
    for i in range(8):
        k = b.kop("301", f"T{i}")
        b.schrijf(map_, f"{i:03d}.xml", b.toewijzingbericht(k, [b.toewijzing(k, i)]))
    delen = plan_delen(str(map_ / "zrm.csv"))
    assert delen is not None and len(delen) >= werkers.MIN_BESTANDEN

    verstuurd: list[Tabeldeel] = []
    echt = werkers._verstuur

    def verstuur(pool, taak):  # type: ignore[no-untyped-def]
        verstuurd.extend(i for _, i in taak or [] if isinstance(i, Tabeldeel))
        return echt(pool, taak)

    monkeypatch.setattr(werkers, "_verstuur", verstuur)

    def toestand() -> tuple[object, ...]:
        return (
            sorted(ZrmMeting.objects.values_list("pseudoniem", "domein", "datum", "score")),
            sorted(
                QuarantineRecord.objects.values_list("element_pad", "regel", "reden", "fragment")
            ),
        )

    def importeer(aantal: int) -> tuple[object, ...]:
        for model in (
            ZrmMeting,
            Toewijzing,
            QuarantineRecord,
            VerwerktBericht,
            ImportBatch,
            Client,
        ):
            model.objects.all().delete()
        samenvatting = pipeline.importeer([map_], werkers=aantal).als_json()
        samenvatting.pop("batch")
        return samenvatting, toestand()

    alleen: Callable[[int], tuple[object, ...]] = importeer
    in_een = alleen(0)
    assert not verstuurd
    met_werkers = alleen(2)
    assert verstuurd == delen  # every part went to a worker
    assert met_werkers == in_een
    _, (scores, quarantaine) = in_een
    assert len(scores) > 2500
    regels = {r for _, r, _, _ in quarantaine}
    assert regels == {"CSV-WAARDE", "GEMEENTE-ONBEKEND"} and len(quarantaine) > 20
    assert all(
        "bsn=" in fragment and _bsn(3001) not in fragment and "Naam" not in fragment
        for *_, fragment in quarantaine
    )
    assert any("rij 3002" in pad and "gemeente=9999" in f for pad, _, _, f in quarantaine)
