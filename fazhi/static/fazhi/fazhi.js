// Behaviour that pages share, kept out of the HTML so that the Content-Security-Policy can
// forbid inline script (core.middleware.SecurityHeadersMiddleware).
document.addEventListener("DOMContentLoaded", function () {
  var language = document.getElementById("language-select");
  if (language) {
    language.addEventListener("change", function () {
      language.form.submit();
    });
  }

  // A list's print view (core/list_print.html): its "Print" button, and the print dialog
  // opened once when the page is first shown.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
  if (document.body.dataset.autoprint === "1") {
    window.setTimeout(function () {
      window.print();
    }, 0);
  }
});
