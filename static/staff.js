// Staff pages. Copying a leaflet link: the link goes to the clipboard and the button's form is
// sent as well (that is what counts the hand-over), coming back to the same place on the
// results. Without JavaScript the form leads to a page where the link waits to be copied.
// The language filter narrows the list as one types; without JavaScript its button does.
(function () {
  "use strict";

  function copyText(field) {
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value).catch(function () { document.execCommand("copy"); });
    }
    document.execCommand("copy");
    return Promise.resolve();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var id = form.getAttribute("data-copy-form");
    var field = id && document.getElementById(id);
    if (!field) { return; }
    event.preventDefault();
    var copied = document.createElement("input");
    copied.type = "hidden";
    copied.name = "copied";
    copied.value = "1";
    form.appendChild(copied);
    copyText(field).then(function () { form.submit(); });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    var field = button && document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    copyText(field).then(function () { button.textContent = button.getAttribute("data-done"); });
  });

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }

  var box = document.querySelector("input[data-filter]");
  var list = box && document.getElementById(box.getAttribute("data-filter"));
  if (list) {
    var none = document.getElementById("no-language");
    var narrow = function () {
      var wanted = fold(box.value.trim());
      var matched = 0;
      list.querySelectorAll("label[data-names]").forEach(function (label) {
        var matches = fold(label.getAttribute("data-names")).indexOf(wanted) >= 0;
        label.hidden = !(matches || label.querySelector("input").checked);  // what is ticked stays in sight
        matched += matches ? 1 : 0;
      });
      if (none) { none.hidden = matched > 0; }
    };
    box.addEventListener("input", narrow);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); narrow(); }  // the list is narrowed already
    });
  }
})();
