/* Back-office keyboard shortcuts. Every control works with Tab and Enter without this file. */
(function () {
  "use strict";
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-row-link]"));
  }
  function move(step) {
    var links = rows();
    if (!links.length) return;
    var index = links.indexOf(document.activeElement);
    var next = index < 0 ? 0 : Math.min(links.length - 1, Math.max(0, index + step));
    links[next].focus();
    links[next].scrollIntoView({ block: "nearest" });
  }
  function toggleHelp(show) {
    var help = document.getElementById("shortcut-help");
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) help.querySelector("button").focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      if (event.key === "Escape") toggleHelp(false);
      return;
    }
    if (event.key === "/") {
      var box = document.querySelector("[data-shortcut='search-code']");
      if (box) { event.preventDefault(); box.focus(); }
    } else if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    } else if (event.key === "?") {
      toggleHelp();
    } else if (event.key === "Escape") {
      toggleHelp(false);
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-help]")) toggleHelp(false);
  });
  document.addEventListener("DOMContentLoaded", function () {
    // After a failed action the error is the first thing to read; after a receipt, the print button.
    var error = document.getElementById("action-error");
    if (error) { error.focus(); return; }
    var print = document.querySelector("[data-print-now]");
    if (print) print.focus();
  });
})();
