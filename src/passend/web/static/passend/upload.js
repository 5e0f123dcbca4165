/* Upload with progress (XHR), then poll the import's progress. Without JavaScript the form
   posts normally and the result page refreshes itself. No inline script (CSP). */
(function () {
  "use strict";
  var formulier = document.getElementById("upload-formulier");
  if (!formulier || !window.XMLHttpRequest || !window.FormData) { return; }
  var blok = document.getElementById("voortgang");
  var uploadBalk = document.getElementById("upload-balk");
  var uploadTekst = document.getElementById("upload-tekst");
  var importBalk = document.getElementById("import-balk");
  var importTekst = document.getElementById("import-tekst");
  var foutVak = document.getElementById("voortgang-fout");
  var nl = (document.documentElement.lang || "nl").indexOf("en") !== 0;
  var T = nl ? {
    verzonden: " verzonden", verwerkt: " van ", bestanden: " bestanden verwerkt",
    wacht: "Wacht op de server…", fout: "De upload is mislukt: ", klaar: "Klaar."
  } : {
    verzonden: " sent", verwerkt: " of ", bestanden: " files processed",
    wacht: "Waiting for the server…", fout: "The upload failed: ", klaar: "Done."
  };

  function toonFout(tekst) {
    foutVak.textContent = T.fout + tekst;
    foutVak.hidden = false;
    formulier.querySelector("button[type=submit]").disabled = false;
  }

  function volg(statusUrl) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", statusUrl);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      if (xhr.status !== 200) { toonFout(String(xhr.status)); return; }
      var s = JSON.parse(xhr.responseText);
      if (s.totaal > 0) {
        importBalk.max = s.totaal;
        importBalk.value = s.verwerkt;
        importTekst.textContent = s.verwerkt + T.verwerkt + s.totaal + T.bestanden +
          (s.huidig ? " (" + s.huidig + ")" : "");
      } else {
        importTekst.textContent = s.status_tekst;
      }
      if (s.klaar) {
        importTekst.textContent = T.klaar;
        window.location.assign(s.pagina);
      } else {
        window.setTimeout(function () { volg(statusUrl); }, 700);
      }
    };
    xhr.onerror = function () { window.setTimeout(function () { volg(statusUrl); }, 2000); };
    xhr.send();
  }

  formulier.addEventListener("submit", function (gebeurtenis) {
    var invoer = document.getElementById("bestanden");
    if (!invoer.files || invoer.files.length === 0) { return; }
    gebeurtenis.preventDefault();
    formulier.querySelector("button[type=submit]").disabled = true;
    foutVak.hidden = true;
    blok.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", formulier.getAttribute("action") || window.location.pathname);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        uploadBalk.value = Math.round((e.loaded / e.total) * 100);
        uploadTekst.textContent = uploadBalk.value + "%" + T.verzonden;
      }
    };
    xhr.upload.onload = function () {
      uploadBalk.value = 100;
      importTekst.textContent = T.wacht;
    };
    xhr.onload = function () {
      var antwoord = {};
      try { antwoord = JSON.parse(xhr.responseText); } catch (e) { antwoord = {}; }
      if (xhr.status === 202 && antwoord.status) { volg(antwoord.status); }
      else { toonFout(antwoord.fout || String(xhr.status)); }
    };
    xhr.onerror = function () { toonFout("netwerk"); };
    xhr.send(new FormData(formulier));
  });
}());
