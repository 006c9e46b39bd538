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
  var show = function () { out.textContent = "$" + Number(range.value).toLocaleString(); };
  range.addEventListener("input", show);
  show();
});

// Interview practice timer.
document.querySelectorAll("[data-timer]").forEach(function (box) {
  var seconds = Number(box.dataset.timer);
  var out = box.querySelector(".time-left");
  var start = box.querySelector("button.start-timer");
  if (!start || !out) { return; }
  start.addEventListener("click", function () {
    var left = seconds;
    start.disabled = true;
    var tick = setInterval(function () {
      left -= 1;
      out.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left <= 0) { clearInterval(tick); out.textContent = "time"; start.disabled = false; }
    }, 1000);
  });
});
