// /api/v1/docs: Swagger UI draws a few controls without a name a screen reader could say
// (axe button-name, select-name): the copy and close buttons are icons, and a parameter's
// list of choices has no label. Each gets one as Swagger UI draws it; its words are Swagger
// UI's own language, English.
(function () {
  function name(root) {
    root.querySelectorAll(".copy-to-clipboard button:not([aria-label])").forEach(function (b) {
      b.setAttribute("aria-label", "Copy to clipboard");
    });
    root.querySelectorAll(".close-modal:not([aria-label])").forEach(function (b) {
      b.setAttribute("aria-label", "Close");
    });
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (s) {
      s.setAttribute("aria-label", s.closest("tr").getAttribute("data-param-name"));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var ui = document.getElementById("swagger-ui");
    name(ui);
    new MutationObserver(function () { name(ui); }).observe(ui, {childList: true, subtree: true});
  });
})();
