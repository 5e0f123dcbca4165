// The "Keuze wijzigen" form: when another Keuze is chosen, offer only its options, with the
// option currently chosen for it selected. The server renders and checks the same list, so
// the form also works without this script (a mismatching option is refused and re-offered).
(function () {
  "use strict";
  var dimensie = document.getElementById("id_dimensie");
  var optie = document.getElementById("id_optie");
  var bron = document.getElementById("keuze-opties");
  var huidig = document.getElementById("keuze-gekozen");
  if (!dimensie || !optie || !bron || !huidig) {
    return;
  }
  var opties = JSON.parse(bron.textContent);
  var gekozen = JSON.parse(huidig.textContent);
  dimensie.addEventListener("change", function () {
    optie.replaceChildren();
    (opties[dimensie.value] || []).forEach(function (paar) {
      var element = document.createElement("option");
      element.value = paar[0];
      element.textContent = paar[1];
      element.selected = paar[0] === gekozen[dimensie.value];
      optie.appendChild(element);
    });
  });
})();
