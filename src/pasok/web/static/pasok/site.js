// A form shown again with its errors: the summary above it takes the focus, so a screen
// reader says what went wrong first, and each of its links puts the focus in its field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      field.scrollIntoView({block: "center"});
    }
  });
});

// The phone menu: a real button that opens and closes the navigation (aria-expanded); Escape
// closes it and gives the focus back to the button. Loaded in <head> so that the page is
// marked before it is drawn; without JS the navigation is always shown (site.css).
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".nav-toggle");
  if (!button) { return; }
  var nav = document.getElementById(button.getAttribute("aria-controls"));
  function show(open) {
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  }
  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { show(false); button.focus(); }
  });
});
