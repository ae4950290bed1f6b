// A visit that leaves no trace in the history.
//
// Moving from page to page replaces the current history entry instead of adding one, so the
// whole visit is a single entry. Quick exit (the button, Esc, or Shift pressed three times
// within a second, as GOV.UK's "Exit this page") replaces that entry with a neutral site:
// Back then leads to wherever the reader was before. Without JavaScript the links and the
// exit button still work as ordinary links; the safety advice says what Back can show then.
(function () {
  "use strict";

  function leave(event) {
    var exit = document.getElementById("quick-exit");
    if (!exit) { return; }
    if (event) { event.preventDefault(); }
    document.documentElement.style.visibility = "hidden";  // nothing left on screen meanwhile
    window.location.replace(exit.href);
  }

  // Shift three times within a second; any other key starts the count again.
  var SHIFTS = 3, WITHIN_MS = 1000, shifts = [];
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") { leave(event); return; }
    if (event.key !== "Shift") { shifts = []; return; }
    if (event.repeat) { return; }
    var now = Date.now();
    shifts = shifts.filter(function (t) { return now - t < WITHIN_MS; });
    shifts.push(now);
    if (shifts.length >= SHIFTS) { leave(event); }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) { return; }
    // The exit leaves whatever key is held: a frightened hand may hold Shift, Ctrl or Cmd, and
    // the browser would otherwise open the neutral site in a new tab and leave the page here.
    if (link.id === "quick-exit") { leave(event); return; }
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey) { return; }
    if (link.hasAttribute("download") || (link.target && link.target !== "_self")) { return; }
    var url = new URL(link.href, window.location.href);
    if (url.protocol !== "https:" && url.protocol !== "http:") { return; }  // tel:, mailto: open an app
    event.preventDefault();
    window.location.replace(url.href);
  });
})();
