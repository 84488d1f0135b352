(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var boxes = form.querySelectorAll("input[type=checkbox]");
  var marks = document.querySelectorAll("mark[data-mention]");
  var rows = document.querySelectorAll("tr[data-mention]");
  var status = document.getElementById("filter-status");
  function hiddenBy(off, el) {
    return off.has("category\u0000" + el.dataset.category) ||
      off.has("voice\u0000" + el.dataset.voice);
  }
  function apply() {
    var off = new Set();
    boxes.forEach(function (box) {
      if (!box.checked) { off.add(box.name + "\u0000" + box.value); }
    });
    var shown = new Set();
    marks.forEach(function (mark) {
      var hide = hiddenBy(off, mark);
      mark.classList.toggle("off", hide);
      if (mark.hasAttribute("data-first")) { mark.tabIndex = hide ? -1 : 0; }
      if (!hide) { shown.add(mark.dataset.mention); }
    });
    rows.forEach(function (row) { row.hidden = hiddenBy(off, row); });
    if (status) {
      status.textContent = shown.size + " of " + form.dataset.total +
        " highlighted mentions shown";
    }
  }
  function activate(event, on) {
    var target = event.target.closest ? event.target.closest("mark[data-mention]") : null;
    if (!target) { return; }
    var id = target.dataset.mention;
    marks.forEach(function (m) {
      if (m.dataset.mention === id) { m.classList.toggle("active", on); }
    });
  }
  boxes.forEach(function (box) { box.disabled = false; });
  form.addEventListener("change", apply);
  document.addEventListener("focusin", function (e) { activate(e, true); });
  document.addEventListener("focusout", function (e) { activate(e, false); });
  document.addEventListener("mouseover", function (e) { activate(e, true); });
  document.addEventListener("mouseout", function (e) { activate(e, false); });
  apply();
}());
