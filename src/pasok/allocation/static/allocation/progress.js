// Follows a run in the background: asks the server where it is every second, shows the
// stage and the seconds elapsed, and reloads the page when the run is finished.
(function () {
  var box = document.getElementById("progress");
  if (!box) { return; }
  var status = document.getElementById("run-status");
  var elapsed = document.getElementById("run-elapsed");
  var stages = box.querySelectorAll(".stages li");
  var codes = ["queued", "building", "solving"];
  function poll() {
    fetch(box.dataset.url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        status.textContent = p.label;
        elapsed.textContent = p.elapsed;
        stages.forEach(function (li, i) { li.classList.toggle("now", codes[i] === p.status); });
        if (p.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
