// Suggestions for the boxes that choose among many (web/pick.py): as one types, the names
// that contain the last part typed, from the box's data-suggest address, in a datalist of
// its own. In a box of several (data-separator), each suggestion keeps what came before.
// Rows added later (formset.js) work too: the listener is the document's.
(function () {
  var timers = new WeakMap();
  function suggest(input) {
    var separator = input.dataset.separator, value = input.value, head = "", last = value;
    var at = separator ? value.lastIndexOf(separator) : -1;
    if (at >= 0) {
      head = value.slice(0, at + 1) + " ";
      last = value.slice(at + 1);
    }
    last = last.trim();
    if (last.length < 2) { return; }
    var list = document.getElementById(input.id + "-suggestions");
    if (!list) {
      list = document.createElement("datalist");
      list.id = input.id + "-suggestions";
      input.insertAdjacentElement("afterend", list);
      input.setAttribute("list", list.id);
    }
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(last),
          {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {names: []}; })
      .then(function (data) {
        list.replaceChildren.apply(list, data.names.map(function (name) {
          var option = document.createElement("option");
          option.value = head + name;
          return option;
        }));
      })
      .catch(function () {});
  }
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-suggest]")) { return; }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { suggest(input); }, 200));
  });
})();
