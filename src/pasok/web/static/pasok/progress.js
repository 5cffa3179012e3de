// Follows background work (a plan run, a tender's split proposal): asks the server where it
// is every second, shows the stage and the seconds elapsed, and reloads the page when the
// work is finished. The box names its status URL (data-url) and each stage its code.
(function () {
  var box = document.getElementById("progress");
  if (!box) { return; }
  var status = document.getElementById("progress-status");
  var elapsed = document.getElementById("progress-elapsed");
  var stages = box.querySelectorAll(".stages li");
  function poll() {
    fetch(box.dataset.url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        status.textContent = p.label;
        elapsed.textContent = p.elapsed;
        stages.forEach(function (li) { li.classList.toggle("now", li.dataset.code === p.status); });
        if (p.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
