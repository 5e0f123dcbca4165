"""Reading in worker processes changes nothing but the speed: the database, the quarantine
(reasons and fragments included) and the summary equal those of an import in one process,
and a worker that dies mid-import only costs speed."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passend.imports import werkers
from passend.imports.sources import extensie_van, lees_begrensd, minstens
from tests import berichten as b
from tests.cli.test_kill_and_resume import _bsn, _veel_berichten
from tests.cli_support import maak_cli_omgeving, vingerafdruk
from tests.imports.test_tabular import BSN_A, BSN_B, TOEWIJZINGEN

SLEUTEL = "ab" * 32
TABELLEN = {
    "care_client": "pseudoniem, geboortedatum, geslacht, gemeente_id",
    "care_toewijzing": "sleutel, einddatum, volume, uitvoeringsvariant",
    "care_levering": "sleutel, einddatum, heeft_start, heeft_stop",
    "care_prestatie": "sleutel, bedrag, debet_credit, periode_begin",
    "care_declaratie": "sleutel, totaal_bedrag",
    "imports_verwerktbericht": "inhoud_hash, bestand, berichttype, geaccepteerd, quarantaine, "
    "voltooid, retourcodes",
    "imports_quarantinerecord": "bestand, inhoud_hash, berichttype, bericht_identificatie, "
    "element_pad, regel, reden, fragment, sleutel, status",
}


def _corpus(map_):
    """Enough valid messages for the workers, and every kind of rejection beside them."""
    map_.mkdir()
    for i in range(60):
        c = b.client(_bsn(i), date(2006, 1, 1 + i % 28))
        k = b.kop("301", f"K{i}")
        b.schrijf(map_, f"{i:03d}_301.xml", b.toewijzingbericht(k, [b.toewijzing(k, i, c=c)]))
        regels = [(f"R{i}-{j}", 2, 9000, 18000, "D") for j in range(3)]
        b.schrijf(
            map_, f"{i:03d}_323.xml", b.declaratie(b.kop("323", f"D{i}"), f"N{i}", regels, c=c)
        )
    # A check fails (elfproef) in a valid message: its fragment is made by a second reading.
    k = b.kop("301", "FOUT-BSN")
    foutief = b.toewijzing(k, 900, c=b.client("111111111"))
    b.schrijf(map_, "500_301.xml", b.toewijzingbericht(k, [foutief]))
    # The same record twice in one message, and a message whose identification is taken.
    k = b.kop("301", "DUBBEL")
    b.schrijf(
        map_, "501_301.xml", b.toewijzingbericht(k, [b.toewijzing(k, 700), b.toewijzing(k, 700)])
    )
    k = b.kop("301", "K3")
    b.schrijf(map_, "502_301.xml", b.toewijzingbericht(k, [b.toewijzing(k, 333)]))
    # A copy of a file, a structural error, a DOCTYPE and a file that is not XML.
    (map_ / "503_kopie.xml").write_bytes((map_ / "000_301.xml").read_bytes())
    goed = (map_ / "001_301.xml").read_bytes()
    kapot = goed.replace(b">K1<", b">STRUCTUUR<").replace(
        b"<jw301:Toewijzingsdatum>", b"<jw301:Onbekend/><jw301:Toewijzingsdatum>"
    )
    (map_ / "504_301.xml").write_bytes(kapot)
    (map_ / "505_301.xml").write_bytes(
        goed.replace(b"<jw301:Bericht ", b"<!DOCTYPE x []><jw301:Bericht ", 1)
    )
    (map_ / "506.xml").write_bytes(b"geen xml")
    # Tables (a worker reads each as a task of its own): rejections by the reader and by a
    # check (whose fragment is made by a second reading), an ignored column, a start and a
    # stop from one row, and a credit on a debet of the same file.
    (map_ / "600_toewijzingen.csv").write_text(TOEWIJZINGEN, encoding="utf-8")
    (map_ / "601_leveringen.csv").write_text(
        "domein,gemeentecode,agb_code,bsn,toewijzingnummer,productcategorie,productcode,"
        "begindatum,einddatum,reden_beeindiging\n"
        f"jeugd,505,12345678,{BSN_A},501,45,45A01,2024-01-15,2024-05-31,31\n"
        f"jeugd,505,12345678,{BSN_B},502,45,45A01,15-01-2024,,\n",
        encoding="utf-8",
    )
    (map_ / "602_declaratie.csv").write_text(
        "domein;gemeentecode;agb_code;declaratienummer;bsn;referentie;toewijzingnummer;"
        "productcategorie;productcode;periode_begin;periode_eind;volume;eenheid;"
        "tarief_eurocent;bedrag_eurocent;debet_credit;vorige_referentie\n"
        f"jeugd;0505;12345678;D1;{BSN_A};R1;501;45;45A01;2024-02-01;2024-02-29;12;04;9000;108000;D;\n"
        f"jeugd;0505;12345678;D1;{BSN_A};R2;501;45;45A01;2024-01-01;2024-01-31;2;04;9000;18000;C;R1\n",
        encoding="utf-8",
    )
    with zipfile.ZipFile(map_ / "507.zip", "w") as archief:
        for i in range(60, 64):
            k = b.kop("301", f"Z{i}")
            c = b.client(_bsn(i))
            archief.writestr(f"{i}_301.xml", b.toewijzingbericht(k, [b.toewijzing(k, i, c=c)]))
    return map_


@pytest.mark.cli_db
@pytest.mark.slow
def test_workers_give_the_same_end_state_as_one_process(tmp_path):
    invoer = _corpus(tmp_path / "berichten")
    assert len(list(invoer.glob("*_323.xml"))) >= werkers.MIN_BESTANDEN
    uitkomsten = {}
    for aantal in ("0", "2"):
        omgeving = maak_cli_omgeving(tmp_path / f"werkers{aantal}")
        omgeving.env["PASSEND_PSEUDONYM_KEY"] = SLEUTEL
        uit = omgeving.passend("import", str(invoer), "--json", "--werkers", aantal)
        samenvatting = json.loads(uit.stdout)
        samenvatting.pop("batch")
        uitkomsten[aantal] = (samenvatting, vingerafdruk(omgeving, TABELLEN))
        fragmenten = omgeving.sql(
            "SELECT fragment FROM imports_quarantinerecord WHERE regel = 'ELFPROEF' "
            "ORDER BY element_pad"
        )
    assert uitkomsten["0"] == uitkomsten["2"]
    samenvatting, afdruk = uitkomsten["2"]
    assert samenvatting["overgeslagen"] == 1  # the copy
    assert afdruk["care_toewijzing"][0] == 60 + 1 + 4 + 2  # 301s, one of the pair, zip, csv
    regels = {r for (r,) in omgeving.sql("SELECT regel FROM imports_quarantinerecord")}
    assert {"ELFPROEF", "DUPLICAAT-SLEUTEL", "DUPLICAAT-BERICHT", "XML-ONLEESBAAR"} <= regels
    assert any(r.startswith("XSD") for r in regels), regels
    # The records a check rejected got their masked fragments from a second reading.
    (xml,), (csv,) = sorted(fragmenten, key=lambda rij: rij[0].startswith("domein"))
    assert "900</" in xml and "ToewijzingNummer" in xml
    assert "toewijzingnummer=503" in csv and "De Vries" not in csv
    assert "123456789" not in xml + csv
    assert afdruk["care_prestatie"][0] == 3 * 60 + 2  # the credit found its debet
    assert any("kolommen genegeerd: naam" in regel for regel in samenvatting["niet_verwerkt"])


def test_a_worker_that_dies_costs_only_speed(tmp_path):
    """Killed workers: the files they had not returned come back as None (read by the
    caller), in order; nothing is lost or duplicated."""
    items = []
    # More tasks than are ever in flight: those sent after the kill cannot have been read.
    taken = werkers.TAKEN_PER_WERKER * 2 * 5
    for i in range(werkers.BESTANDEN_PER_TAAK * taken):
        k = b.kop("301", f"W{i}")
        items.append((f"{i}.xml", b.toewijzingbericht(k, [b.toewijzing(k, i)])))
    gezien, geen = [], 0
    with werkers.Werkerpool(2) as pool:
        for n, (item, gelezen) in enumerate(werkers.in_volgorde(items, lambda x: x, pool)):
            gezien.append(item)
            if n == 0:
                for proces in multiprocessing.active_children():
                    if proces.pid is not None and proces.pid != os.getpid():
                        os.kill(proces.pid, signal.SIGKILL)
            if gelezen is None:
                geen += 1
            else:
                assert gelezen.info is not None and gelezen.info.aantal_records == 1
    assert gezien == items
    assert geen > 0


def test_results_come_in_order_whichever_worker_is_faster_and_workers_exit_after(tmp_path):
    """Tasks of very different sizes (a table among small messages) go to whichever worker
    has the fewest open; the caller still gets every item in its own order. When the pool
    ends, the workers exit by themselves (their task pipe closes) and are reaped."""
    items: list[tuple[str, bytes]] = []
    for i in range(werkers.BESTANDEN_PER_TAAK * 6):
        if i % 100 == 0:  # a table is a task of its own: a long one
            rijen = "".join(f"{BSN_A},0505,2024-01-{1 + j % 28:02d},1,4\n" for j in range(3000))
            items.append((f"{i}.csv", ("bsn,gemeente,datum,domein,score\n" + rijen).encode()))
        k = b.kop("301", f"O{i}")
        items.append((f"{i}.xml", b.toewijzingbericht(k, [b.toewijzing(k, i)])))
    eerder = set(multiprocessing.active_children())
    with werkers.Werkerpool(2) as pool:
        gelezen = list(werkers.in_volgorde(items, lambda x: x, pool))
        nieuw = set(multiprocessing.active_children()) - eerder
    assert [item for item, _ in gelezen] == items
    for (naam, _), uitkomst in gelezen:
        assert uitkomst is not None and not uitkomst.mislukt and uitkomst.info is not None
        if naam.endswith(".xml"):
            assert uitkomst.info.identificatie == f"O{naam.removesuffix('.xml')}"
    assert len(nieuw) == 2
    grens = time.monotonic() + 30
    while any(p.is_alive() for p in nieuw) and time.monotonic() < grens:
        time.sleep(0.05)
    assert [p.exitcode for p in nieuw] == [0, 0]  # ended by themselves, not killed


def test_what_was_read_ahead_is_used_only_for_the_same_files(tmp_path, monkeypatch):
    """Tasks handed out ahead (while the sources are hashed) serve the pipeline when it asks
    for the same files; a task that turned out different (a file was imported already) is
    sent anew, and every file gets what was read of it."""
    n = werkers.BESTANDEN_PER_TAAK
    paden = []
    for i in range(n * 3):
        k = b.kop("301", f"V{i}")
        bericht = b.toewijzingbericht(k, [b.toewijzing(k, i)])
        paden.append(str(b.schrijf(tmp_path, f"{i:03d}.xml", bericht)))
    verstuurd: list[list[str]] = []
    echt = werkers._verstuur

    def verstuur(pool, taak):  # type: ignore[no-untyped-def]
        if taak:
            verstuurd.append([naam for naam, _ in taak])
        return echt(pool, taak)

    monkeypatch.setattr(werkers, "_verstuur", verstuur)
    with werkers.Werkerpool(1) as pool:
        pool.vooruit(paden, lambda pad: (pad, pad), n * 2)
        assert verstuurd == [paden[:n], paden[n : n * 2]]
        items = paden[:n] + paden[n + 1 :]  # file n was imported already
        gelezen = list(werkers.in_volgorde(items, lambda pad: (pad, pad), pool))
    assert verstuurd[2:] == [items[n : n * 2], items[n * 2 :]]  # the first block was not sent
    assert [pad for pad, _ in gelezen] == items
    for pad, uitkomst in gelezen:
        assert uitkomst is not None and uitkomst.info is not None
        assert uitkomst.info.identificatie == f"V{int(Path(pad).stem)}"


def test_a_worker_reads_what_the_pipeline_would():
    k = b.kop("301", "LEES")
    inhoud = b.toewijzingbericht(k, [b.toewijzing(k, 1), b.toewijzing(k, 1)])
    gelezen = werkers.lees_bericht("bericht.xml", inhoud)
    assert not gelezen.mislukt and gelezen.info is not None
    assert gelezen.info.identificatie == "LEES" and gelezen.info.aantal_records == 2
    uitkomsten = [s for s in gelezen.stappen if not isinstance(s, type(gelezen.info))]
    assert [u.record is not None for u in uitkomsten] == [True, True]
    # The checks ran in the worker (a duplicate inside the message is the pipeline's).
    assert [u.bevindingen for u in uitkomsten] == [[], []]
    fout = b.client("111111111")
    foutief = werkers.lees_bericht("f.xml", b.toewijzingbericht(k, [b.toewijzing(k, 1, c=fout)]))
    (fout_uitkomst,) = [s for s in foutief.stappen if not isinstance(s, type(foutief.info))]
    assert [f.regel for f in fout_uitkomst.bevindingen or []] == ["ELFPROEF"]
    # Fragments of records are made later, in the pipeline, only when needed.
    assert all(u.fragment is werkers.later_fragment for u in uitkomsten)
    assert werkers.lees_bericht("x.xml", b"<kapot").stappen[-1].record is None
    assert werkers.lees_bericht("x.xml", b"x" * (werkers.MAX_BESTAND + 1)).mislukt


def _kinderen(pid: int) -> list[int]:
    kinderen = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[1]) == pid and "spawn_main" in _opdracht(stat.parent):
            kinderen.append(int(stat.parent.name))
    return kinderen


def _opdracht(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _leeft(pid: int) -> bool:
    try:
        staat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return staat != "Z"


@pytest.mark.cli_db
@pytest.mark.slow
def test_workers_exit_when_the_import_is_killed(cli_omgeving, tmp_path):
    """SIGKILL on the importing process leaves no worker waiting for work forever."""
    invoer = _veel_berichten(tmp_path / "berichten")
    cli_omgeving.passend("status")
    proces = subprocess.Popen(
        [sys.executable, "-m", "passend.cli", "import", str(invoer), "--werkers", "2"],
        env=cli_omgeving.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(kinderen := _kinderen(proces.pid)) < 2:
        assert proces.poll() is None, "import finished before its workers were seen"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proces.send_signal(signal.SIGKILL)
    proces.wait()
    deadline = time.monotonic() + 20
    while any(_leeft(pid) for pid in kinderen):
        assert time.monotonic() < deadline, "workers outlived the import"
        time.sleep(0.1)


@pytest.mark.django_db
def test_workers_start_while_the_sources_are_hashed(tmp_path, monkeypatch):
    """Enough messages for the workers: they are spawned before the first source is hashed,
    so their start overlaps the hashing. Too few: no worker is started at all."""
    from passend.imports import sources
    from passend.imports.pipeline import importeer

    bij_hashen: list[set[int | None]] = []
    hash_van = sources._met_hash

    def pids() -> set[int | None]:  # other tests' pools may still be winding down
        return {p.pid for p in multiprocessing.active_children()}

    def met_hash(bron):
        bij_hashen.append(pids())
        return hash_van(bron)

    monkeypatch.setattr(sources, "_met_hash", met_hash)
    for aantal, naam, eerste in ((werkers.MIN_BESTANDEN, "veel", 0), (3, "weinig", 1000)):
        map_ = tmp_path / naam
        map_.mkdir()
        for i in range(aantal):
            k = b.kop("301", f"{naam}{i}")
            toewijzing = b.toewijzing(k, eerste + i)
            b.schrijf(map_, f"{i:03d}.xml", b.toewijzingbericht(k, [toewijzing]))
        bij_hashen.clear()
        eerder = pids()
        assert importeer([map_], werkers=2).accepted == aantal
        gestart = bij_hashen[0] - eerder
        assert len(gestart) == (2 if naam == "veel" else 0), naam
        grens = time.monotonic() + 60  # the import has let its own go (they exit on their own)
        while gestart & pids() and time.monotonic() < grens:
            time.sleep(0.1)
        assert not gestart & pids()


@pytest.mark.django_db
def test_the_import_uses_what_its_workers_read_while_it_hashed(tmp_path, monkeypatch):
    from passend.imports.pipeline import importeer

    aantal = werkers.BESTANDEN_PER_TAAK * 2 + 5
    for i in range(aantal):
        k = b.kop("301", f"H{i}")
        b.schrijf(tmp_path, f"{i:03d}.xml", b.toewijzingbericht(k, [b.toewijzing(k, i)]))
    uit_vooruit = []
    stuur = werkers.Werkerpool.stuur

    def tel(pool, taak):  # type: ignore[no-untyped-def]
        uit_vooruit.append(bool(taak) and tuple(taak) in pool._vooruit)
        return stuur(pool, taak)

    monkeypatch.setattr(werkers.Werkerpool, "stuur", tel)
    assert importeer([tmp_path], werkers=2).accepted == aantal
    assert uit_vooruit[0] is True  # the first task was read while the sources were hashed
    assert len(uit_vooruit) == 3


@pytest.mark.parametrize("grootte", [0, 1, 4_000, 70_000, 200_000])
@pytest.mark.parametrize("grens", [0, 3_999, 4_000, 150_000])
def test_a_bounded_read_gives_the_content_up_to_one_past_the_limit(tmp_path, grootte, grens):
    """Plain files (whose size the read takes from the file) and zip members (which do not
    tell theirs) alike; larger than the limit shows as one byte more."""
    inhoud = os.urandom(grootte)
    (tmp_path / "los.xml").write_bytes(inhoud)
    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("lid.xml", inhoud)
    with (
        (tmp_path / "los.xml").open("rb") as los,
        zipfile.ZipFile(tmp_path / "a.zip") as archief,
        archief.open("lid.xml") as lid,
    ):
        gelezen = [lees_begrensd(los, grens), lees_begrensd(lid, grens)]
    assert gelezen == [inhoud[: grens + 1]] * 2


def test_workers_run_at_a_lower_priority_than_the_importing_process():
    verwacht = min(os.getpriority(os.PRIO_PROCESS, 0) + werkers.WERKER_NICE, 19)
    eerder = {p.pid for p in multiprocessing.active_children()}
    with werkers.Werkerpool(2) as pool:
        pool.start()
        grens = time.monotonic() + 60
        while time.monotonic() < grens:  # spawned, then lowered by their initializer
            nieuw = {p.pid for p in multiprocessing.active_children()} - eerder
            prioriteiten = {os.getpriority(os.PRIO_PROCESS, pid) for pid in nieuw}
            if len(nieuw) == 2 and prioriteiten == {verwacht}:
                break
            time.sleep(0.05)
    assert len(nieuw) == 2 and prioriteiten == {verwacht}


def test_a_worker_exempts_what_it_loaded_at_start_from_the_cycle_collector():
    code = (
        "import gc, os\n"
        "from passend.imports.werkers import _begin_werker\n"
        "voor = gc.get_freeze_count()\n"
        "_begin_werker(os.getppid())\n"
        "print(voor, gc.get_freeze_count())\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    voor, na = map(int, uit.stdout.split())
    assert voor == 0 and na > 10_000  # the modules and the reference data


_NAAMDELEN = st.sampled_from(["a", "b.xml", ".", "..", "", "/", "!", ".CSV", "x.tar.gz", "é", "\\"])


@given(st.lists(_NAAMDELEN, max_size=8).map("".join) | st.text(max_size=30))
def test_the_extension_is_the_one_a_path_gives(naam):
    """Listing takes a source's extension from its name without building a path; it must be
    the suffix the path would give (of a zip member's own name)."""
    assert extensie_van(naam) == Path(naam.rsplit("!", 1)[-1]).suffix.lower()


def test_whether_there_are_enough_files_is_counted_without_listing_all(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for i in range(5):
        (tmp_path / "a" / "b" / f"{i}.xml").write_bytes(b"<x/>")
    with zipfile.ZipFile(tmp_path / "z.zip", "w") as archief:
        for i in range(4):
            archief.writestr(f"{i}.xml", "<x/>")
    (tmp_path / "kapot.zip").write_bytes(b"geen zip")
    los = tmp_path / "a" / "b" / "0.xml"
    assert minstens([tmp_path / "a"], 5) and not minstens([tmp_path / "a"], 6)
    assert minstens([tmp_path / "a", tmp_path / "z.zip"], 9)
    assert not minstens([tmp_path / "a", tmp_path / "z.zip"], 10)
    assert minstens([los, los], 2) and not minstens([los], 2)
    assert not minstens([tmp_path / "kapot.zip"], 1)  # the listing proper reports it


def test_the_command_line_starts_workers_before_django_only_for_enough_files(tmp_path):
    for i in range(werkers.MIN_BESTANDEN - 1):
        (tmp_path / f"{i}.xml").write_bytes(b"<x/>")
    eerder = set(multiprocessing.active_children())
    with werkers.vooraf_gestarte_werkers([tmp_path], 2) as pool:
        assert set(multiprocessing.active_children()) == eerder  # too few: none yet
    (tmp_path / "laatste.xml").write_bytes(b"<x/>")
    with werkers.vooraf_gestarte_werkers([tmp_path], 2) as pool:
        assert len(set(multiprocessing.active_children()) - eerder) == 2
        assert pool.aantal == 2
    eerder = set(multiprocessing.active_children())
    with werkers.vooraf_gestarte_werkers([tmp_path], 0) as pool:  # none asked for
        assert pool.aantal == 0 and set(multiprocessing.active_children()) <= eerder
