/* Render the Vega-Lite charts of a page. Specs come from <script type="application/json">
   data blocks; Vega runs with its CSP-safe interpreter (no eval). */
(function () {
  "use strict";
  if (!window.vegaEmbed || !window.vega) { return; }
  var nl = (document.documentElement.lang || "nl").indexOf("en") !== 0;
  if (nl) {
    window.vega.formatLocale({decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""]});
    window.vega.timeFormatLocale({
      dateTime: "%a %e %B %Y %X", date: "%d-%m-%Y", time: "%H:%M:%S", periods: ["", ""],
      days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
      shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
        "dec"]
    });
  }
  var vakken = document.querySelectorAll(".grafiek[data-spec]");
  Array.prototype.forEach.call(vakken, function (vak) {
    var bron = document.getElementById(vak.getAttribute("data-spec"));
    if (!bron) { return; }
    var spec = JSON.parse(bron.textContent);
    window.vegaEmbed(vak, spec, {
      mode: "vega-lite", ast: true, actions: false, renderer: "svg", defaultStyle: false,
      tooltip: {theme: "custom", disableDefaultStyle: true}
    }).catch(function (fout) {
      vak.textContent = (nl ? "De grafiek kon niet worden getoond: " : "Chart failed: ") + fout;
    });
  });
}());
