/* Portal behaviour. Every page works without this file; it only helps keyboard and screen-reader users
   and keeps a form from being sent twice. Loaded with `defer`: it runs once the page is parsed. */
(function () {
  "use strict";
  // Move focus to the error summary, so screen-reader and keyboard users hear what went wrong.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // A form sent once is not sent again by a second click; the server is idempotent anyway.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.once === undefined) { return; }
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
  });
  // Coming back with the browser's Back button makes the forms usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button[aria-disabled]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
    });
  });
})();
