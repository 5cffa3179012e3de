// Formset rows on the page: "Add a row" clones the empty form and bumps TOTAL_FORMS;
// ticking "remove" greys the row out (untick to keep it). Nothing typed is ever lost:
// removed rows are dropped only when the form is saved.
document.querySelectorAll("fieldset.formset").forEach(function (set) {
  var prefix = set.dataset.prefix;
  var total = set.querySelector("#id_" + prefix + "-TOTAL_FORMS");
  set.querySelector(".formset-add").addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = set.querySelector("template.formset-empty").innerHTML.replace(/__prefix__/g, index);
    set.querySelector(".formset-rows").insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    var added = set.querySelectorAll(".formset-row");
    var first = added[added.length - 1].querySelector("input, select");
    if (first) { first.focus(); }
  });
  set.addEventListener("change", function (event) {
    if (event.target.name && event.target.name.endsWith("-DELETE")) {
      event.target.closest(".formset-row").classList.toggle("removed", event.target.checked);
    }
  });
});
