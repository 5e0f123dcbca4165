"""Import in the browser: upload, counts per message type, quarantine, batches, re-import."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests import berichten as b
from tests.web.gegevens import GEHEIMEN, maak_zip

pytestmark = pytest.mark.django_db


def _upload(client, *paden: Path, json: bool = True):
    bestanden = [pad.open("rb") for pad in paden]
    try:
        kop = {"HTTP_ACCEPT": "application/json"} if json else {}
        return client.post("/import/", {"bestanden": bestanden}, **kop)
    finally:
        for f in bestanden:
            f.close()


def test_upload_zip_shows_counts_per_type_and_quarantine_reasons(als, tmp_path, synchrone_import):
    client = als("beheerder")
    antwoord = _upload(client, maak_zip(tmp_path))
    assert antwoord.status_code == 202
    status = client.get(antwoord.json()["status"]).json()
    assert status["klaar"] and status["status"] == "klaar-fouten"  # one record quarantined
    assert status["status_tekst"] == "Klaar met fouten"
    html = client.get(antwoord.json()["pagina"]).content.decode()
    assert 'id="aantal-geaccepteerd">12<' in html and 'id="aantal-quarantaine">1<' in html
    rij = html.split(">JW301<")[1].split("</tr>")[0]
    assert [c.split("<")[0] for c in rij.split('class="getal">')[1:]] == ["4", "3", "1"]
    assert "elfproef" in html
    for geheim in GEHEIMEN:
        assert geheim not in html


def test_uploaded_files_are_deleted_after_the_import(als, tmp_path, synchrone_import, settings):
    _upload(als("beheerder"), maak_zip(tmp_path))
    overgebleven = [p for p in Path(settings.UPLOAD_DIR).rglob("*") if p.is_file()]
    assert overgebleven == []


def test_upload_audit_and_batches(als, tmp_path, synchrone_import):
    from passend.accounts.models import AuditRegel
    from passend.imports.models import ImportBatch

    client = als("beheerder")
    _upload(client, maak_zip(tmp_path))
    regel = AuditRegel.objects.get(actie="upload")
    assert (
        regel.gebruiker == "beheerder" and regel.details["bestanden"][0]["naam"] == "berichten.zip"
    )
    batch = ImportBatch.objects.get()
    html = client.get("/import/batches/").content.decode()
    assert batch.inhoud_hash[:16] in html and "berichten.zip" in html
    assert "/uploads/" not in html
    detail = client.get(f"/import/batches/{batch.pk}/").content.decode()
    assert batch.inhoud_hash in detail


def test_same_upload_twice_changes_nothing(als, tmp_path, synchrone_import):
    client = als("beheerder")
    zip_ = maak_zip(tmp_path)
    _upload(client, zip_)
    tweede = _upload(client, zip_).json()
    html = client.get(tweede["pagina"]).content.decode()
    assert "al eerder volledig geïmporteerd" in html


def test_quarantine_list_detail_and_reimport_after_correction(als, tmp_path, synchrone_import):
    from passend.imports.models import QuarantineRecord

    client = als("beheerder")
    _upload(client, maak_zip(tmp_path))
    lijst = client.get("/import/quarantaine/").content.decode()
    record = QuarantineRecord.objects.get(status="open")
    assert "ELFPROEF" in lijst and f"/import/quarantaine/{record.pk}/" in lijst
    detail = client.get(f"/import/quarantaine/{record.pk}/").content.decode()
    assert "ToewijzingNummer" in detail and b.FOUT_BSN not in detail
    # The corrected message: same identification, a valid BSN.
    k = b.kop("301", "F301")
    gecorrigeerd = b.schrijf(
        tmp_path,
        "F-jw301-correctie.xml",
        b.toewijzingbericht(k, [b.toewijzing(k, 1001, c=b.client(b.BSN_A))]),
    )
    _upload(client, gecorrigeerd)
    record.refresh_from_db()
    assert record.status == "opgelost"
    assert "ELFPROEF" not in client.get("/import/quarantaine/").content.decode()
    assert "ELFPROEF" in client.get("/import/quarantaine/?alles=1").content.decode()


def test_upload_without_files_or_while_busy(als, synchrone_import):
    from passend.web.models import ImportTaak

    client = als("beheerder")
    assert client.post("/import/", {}, HTTP_ACCEPT="application/json").status_code == 400
    ImportTaak.objects.create(gebruiker="x", status="bezig")
    pad = Path(__file__)
    antwoord = _upload(client, pad)
    assert antwoord.status_code == 400 and "loopt al" in antwoord.json()["fout"]


def test_upload_without_javascript_redirects_to_the_result(als, tmp_path, synchrone_import):
    antwoord = _upload(als("beheerder"), maak_zip(tmp_path), json=False)
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/import/taken/")


def test_zip_slip_names_stay_inside_the_upload_dir(als, tmp_path, synchrone_import, settings):
    kwaad = tmp_path / "kwaad.zip"
    with zipfile.ZipFile(kwaad, "w") as z:
        z.writestr("../../buiten.xml", "<niets/>")
    _upload(als("beheerder"), kwaad)
    assert not (Path(settings.UPLOAD_DIR).parent / "buiten.xml").exists()


@pytest.mark.postgres
def test_background_import_reports_progress(als, tmp_path, settings, transactional_db):
    """The real path: a background thread, polled until done. Runs on the PostgreSQL run
    only: the SQLite test database is in memory with table locks between threads (the e2e
    test covers SQLite on a file)."""
    import time

    settings.PASSEND_IMPORT_ACHTERGROND = True
    client = als("beheerder")
    antwoord = _upload(client, maak_zip(tmp_path)).json()
    for _ in range(200):
        status = client.get(antwoord["status"]).json()
        if status["klaar"]:
            break
        time.sleep(0.1)
    assert status["status"] == "klaar-fouten" and status["verwerkt"] == status["totaal"] == 13


def test_a_task_whose_process_died_blocks_nothing_and_its_uploads_are_deleted(
    als, tmp_path, synchrone_import, settings
):
    import subprocess

    from passend.procesinfo import dit_proces
    from passend.web.models import ImportTaak

    dood = subprocess.Popen(["true"])
    dood.wait()
    host = dit_proces().rpartition(":")[0]
    oud = ImportTaak.objects.create(
        gebruiker="beheerder", status=ImportTaak.Status.BEZIG, proces=f"{host}:{dood.pid}"
    )
    resten = Path(settings.UPLOAD_DIR) / str(oud.pk)
    resten.mkdir(parents=True)
    (resten / "0000-bericht.xml").write_text("<Bsn>999990019</Bsn>")
    antwoord = _upload(als("beheerder"), maak_zip(tmp_path))
    assert antwoord.status_code == 202  # not refused with "Er loopt al een import"
    oud.refresh_from_db()
    assert oud.status == ImportTaak.Status.FOUT and "onderbroken" in oud.fout
    assert not resten.exists()


def test_upload_names_are_masked_in_the_task_the_audit_log_and_on_disk(
    als, tmp_path, synchrone_import
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from passend.accounts.models import AuditRegel
    from passend.web import importtaken
    from passend.web.models import ImportTaak

    naam = "JW301_999990019_Jansen.xml"
    pad = tmp_path / naam
    pad.write_bytes(b"<geen-xml")
    _upload(als("beheerder"), pad)
    taak = ImportTaak.objects.get()
    regel = AuditRegel.objects.get(actie="upload")
    tekst = repr(taak.bestanden) + repr(regel.details) + taak.huidig + repr(taak.samenvatting)
    assert "Jansen" not in tekst and "999990019" not in tekst
    assert taak.bestanden[0]["naam"] == "JW301_*********_….xml"
    assert len(taak.bestanden[0]["sha256"]) == 64
    paden = importtaken.bewaar_uploads(
        ImportTaak.objects.create(gebruiker="x"), [SimpleUploadedFile(naam, b"x")]
    )
    assert "Jansen" not in str(paden[0]) and "999990019" not in str(paden[0])


@pytest.mark.parametrize(
    ("naam", "inhoud", "regel", "uitleg"),
    [
        (
            "kapot.zip",
            b"PK\x03\x04" + b"\x00rommel" * 40,
            "ZIP-ONLEESBAAR",
            "zip-archief is beschadigd",
        ),
        (
            "brief.pdf",
            b"%PDF-1.4\n1 0 obj<<>>endobj\n",
            "BESTANDSTYPE-ONBEKEND",
            "'.pdf'-bestanden",
        ),
        ("afgekapt.xml", None, "XML-ONLEESBAAR", "geen leesbare XML"),
        (
            "bestelling.xml",
            b"<?xml version='1.0'?><bestelling/>",
            "ONBEKEND-BERICHTTYPE",
            "geen iJw",
        ),
    ],
)
def test_each_bad_upload_gets_its_own_plain_dutch_reason(
    naam, inhoud, regel, uitleg, als, tmp_path, synchrone_import, settings
):
    from passend.imports.models import QuarantineRecord

    if inhoud is None:  # a valid message cut off halfway
        k = b.kop("301", "AFGEKAPT")
        heel = b.toewijzingbericht(k, [b.toewijzing(k, 1)])
        inhoud = heel[: len(heel) // 2]
    pad = tmp_path / naam
    pad.write_bytes(inhoud)
    client = als("beheerder")
    antwoord = _upload(client, pad)
    status = client.get(antwoord.json()["status"]).json()
    assert status["status"] == "klaar-fouten" and status["status_tekst"] == "Klaar met fouten"
    record = QuarantineRecord.objects.get()
    assert record.regel == regel and uitleg in record.reden, record.reden
    # never a server path, never "al geïmporteerd" for a file that could not be read
    for plek in (str(settings.UPLOAD_DIR), str(tmp_path), "/tmp/", "/work/"):
        assert plek not in record.reden
    html = client.get(antwoord.json()["pagina"]).content.decode()
    assert uitleg.replace("'", "&#x27;") in html or uitleg in html
    assert "GEEN-GEGEVENS" not in html and "al geïmporteerd" not in html.lower()
