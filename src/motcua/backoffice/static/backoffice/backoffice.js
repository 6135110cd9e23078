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
  function picks(formId) {
    return Array.prototype.slice.call(document.querySelectorAll("input[type=checkbox][form='" + formId + "']"));
  }
  // "Select all on this page" ticks the rows that point at the same form; a row keeps it honest.
  document.addEventListener("change", function (event) {
    var box = event.target;
    // A choice that only changes what the page shows (the leader's agency) applies at once.
    if (box.hasAttribute && box.hasAttribute("data-autosubmit") && box.form) {
      box.form.submit();
      return;
    }
    var all = box.getAttribute && box.getAttribute("data-select-all");
    if (all) {
      picks(all).forEach(function (pick) { pick.checked = box.checked; });
    } else if (box.form && box.form.hasAttribute("data-needs-selection")) {
      var head = document.querySelector("[data-select-all='" + box.form.id + "']");
      var list = picks(box.form.id);
      if (head) head.checked = list.length > 0 && list.every(function (p) { return p.checked; });
    }
  });
  // A form marked data-once is sent once: a second click (or Enter) does nothing, and the button
  // says what is happening. Approving and signing fifty results takes a while.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-needs-selection")) {
      var empty = document.getElementById(form.id + "-empty");
      if (!picks(form.id).some(function (p) { return p.checked; })) {
        event.preventDefault();
        if (empty) { empty.hidden = false; empty.setAttribute("tabindex", "-1"); empty.focus(); }
        return;
      }
      if (empty) empty.hidden = true;
    }
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.setAttribute("aria-busy", "true");
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      if (button.dataset.busyLabel) {
        button.dataset.idleLabel = button.textContent;
        button.textContent = button.dataset.busyLabel;
        button.classList.add("is-busy");  // the spinner (motcua.css): something is happening
      }
      // Said once in the live region: a screen reader hears that signing has started.
      var region = form.querySelector("[data-busy-region]");
      if (region && button.dataset.busyStatus) region.textContent = button.dataset.busyStatus;
      button.setAttribute("aria-disabled", "true");
      // Disabled after the browser has read the form, so the submission itself still goes out.
      setTimeout(function () { button.disabled = true; }, 0);
    });
  });
  // Back from the result page: the form is usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("[data-busy-region]").forEach(function (r) { r.textContent = ""; });
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        if (button.dataset.idleLabel) button.textContent = button.dataset.idleLabel;
        button.classList.remove("is-busy");
        button.removeAttribute("aria-disabled");
        button.disabled = false;
      });
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    // After a failed action the error is the first thing to read; after a receipt, the print button.
    var error = document.getElementById("action-error");
    if (error) { error.focus(); return; }
    var print = document.querySelector("[data-print-now]");
    if (print) print.focus();
  });
})();
