// Behaviour that pages share, kept out of the HTML so that the Content-Security-Policy can
// forbid inline script (core.middleware.SecurityHeadersMiddleware).
document.addEventListener("DOMContentLoaded", function () {
  var language = document.getElementById("language-select");
  if (language) {
    language.addEventListener("change", function () {
      language.form.submit();
    });
  }
});
