// "Add a row" for Django formsets: clone the empty form, number it, bump TOTAL_FORMS.
// Rows already typed are untouched, so nothing typed is lost.
document.querySelectorAll("fieldset.formset").forEach(function (set) {
  var prefix = set.dataset.prefix;
  var total = set.querySelector("#id_" + prefix + "-TOTAL_FORMS");
  set.querySelector(".formset-add").addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = set.querySelector("template.formset-empty").innerHTML.replace(/__prefix__/g, index);
    set.querySelector(".formset-rows").insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
  });
});
