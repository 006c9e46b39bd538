// smartpick: the little JavaScript the pages use (no build step, no external code).
"use strict";

// "Add a row" in the repeated sections of the profile form: clone the last row, blank it.
document.querySelectorAll("button.add-row").forEach(function (button) {
  button.addEventListener("click", function () {
    var fieldset = button.closest("fieldset");
    var rows = fieldset.querySelectorAll("tr.row");
    var last = rows[rows.length - 1];
    var next = rows.length;
    var copy = last.cloneNode(true);
    copy.querySelectorAll("input, select").forEach(function (el) {
      el.name = el.name.replace(/\.\d+\./, "." + next + ".");
      el.id = "f-" + el.name;
      el.classList.remove("invalid");
      if (el.tagName === "SELECT") { el.selectedIndex = 0; } else { el.value = ""; }
    });
    copy.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    last.parentNode.appendChild(copy);
  });
});

// Range inputs show their value next to them (plan budget).
document.querySelectorAll("input[type=range][data-output]").forEach(function (range) {
  var out = document.getElementById(range.dataset.output);
  var mirror = range.dataset.mirror ? document.getElementById(range.dataset.mirror) : null;
  // the number field holds the budget; the slider, in steps of 100, is only a handle on it
  var show = function () {
    out.textContent = "$" + Number(mirror ? mirror.value : range.value).toLocaleString("en-US");
  };
  range.addEventListener("input", function () { show(); if (mirror) { mirror.value = range.value; } });
  range.addEventListener("change", function () { if (range.form) { range.form.submit(); } });
  if (mirror) { mirror.addEventListener("input", function () { range.value = mirror.value; show(); }); }
  show();
});

// Interview practice timer.
document.querySelectorAll("[data-timer]").forEach(function (box) {
  var seconds = Number(box.dataset.timer);
  var out = box.querySelector(".time-left");
  var start = box.querySelector("button.start-timer");
  if (!start || !out) { return; }
  var form = box.querySelector("form");
  var startedAt = null;
  if (form) {
    form.addEventListener("submit", function () {
      var field = form.querySelector("input[name=seconds]");
      if (field && startedAt !== null) { field.value = ((Date.now() - startedAt) / 1000).toFixed(1); }
    });
  }
  start.addEventListener("click", function () {
    var left = seconds;
    startedAt = Date.now();
    start.disabled = true;
    var tick = setInterval(function () {
      left -= 1;
      out.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left <= 0) { clearInterval(tick); out.textContent = "time"; start.disabled = false; }
    }, 1000);
  });
});

// Sortable tables: click a heading with data-sort="num" or "text".
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th[data-sort]").forEach(function (th, column) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var descending = th.dataset.dir !== "desc";
      th.dataset.dir = descending ? "desc" : "asc";
      var key = function (row) {
        var cell = row.cells[column];
        return th.dataset.sort === "num" ? Number(cell.dataset.value) : cell.textContent.trim().toLowerCase();
      };
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});

// Filter a table's rows by the text typed in an input with data-table.
document.querySelectorAll("input[data-table]").forEach(function (input) {
  var table = document.getElementById(input.dataset.table);
  input.addEventListener("input", function () {
    var needle = input.value.trim().toLowerCase();
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
    });
  });
});
