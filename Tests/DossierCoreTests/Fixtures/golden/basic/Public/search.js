// Search over the prebuilt index (search-index.js), entirely in the browser; works from disk.
// The page stays usable without JavaScript: it then links to the directories instead.
(function () {
  "use strict";
  var index = window.DOSSIER_SEARCH_INDEX || [];
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  if (!form || !input || !status || !results) return;
  // Paths in the index are from the site root; this page is one folder deep.
  var root = "../";
  var labels = { article: "Article", actor: "Actor", topic: "Topic", event: "Event" };

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var prepared = index.map(function (entry) {
    return { entry: entry, title: normalise(entry.title), words: normalise(entry.words) };
  });

  function search(query) {
    var terms = normalise(query).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!terms.length) {
      status.textContent = "Type a name, a place or a word.";
      return;
    }
    var hits = [];
    prepared.forEach(function (item) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = item.title.indexOf(terms[i]) >= 0;
        if (!inTitle && item.words.indexOf(terms[i]) < 0) return;
        score += inTitle ? 3 : 1;
      }
      hits.push({ item: item.entry, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.item.title.localeCompare(b.item.title); });
    status.textContent = hits.length === 1 ? "1 result" : hits.length + " results";
    hits.slice(0, 100).forEach(function (hit) {
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = labels[hit.item.kind] || hit.item.kind;
      var link = document.createElement("a");
      link.href = root + hit.item.path;
      link.textContent = hit.item.title;
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(link);
      if (hit.item.description) {
        var description = document.createElement("span");
        description.className = "meta";
        description.textContent = " — " + hit.item.description;
        li.appendChild(description);
      }
      results.appendChild(li);
    });
  }

  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  status.textContent = "Type a name, a place or a word.";
  if (initial) search(initial);
  input.addEventListener("input", function () { search(input.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
})();
