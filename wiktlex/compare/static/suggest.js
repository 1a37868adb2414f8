/* Suggestions as you type: fills each input's <datalist> from /api/suggest. The form works without it. */
(function () {
  var timers = {};
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    input.addEventListener("input", function () {
      clearTimeout(timers[input.id]);
      var q = input.value.trim();
      if (!q) { return; }
      timers[input.id] = setTimeout(function () {
        fetch("/api/suggest?q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (w) {
              var o = document.createElement("option"); o.value = w; return o;
            }));
          })
          .catch(function () {});
      }, 150);
    });
  });
})();
