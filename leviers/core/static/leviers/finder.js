// Suggestions for the commune / EPCI search box: the WAI-ARIA combobox pattern
// (input + listbox, arrow keys, Enter, Escape). Without JavaScript the form still works.
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector("[data-finder-input]");
    var url = input.getAttribute("data-finder-url");
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var results = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var result = results[index];
      var form = input.form;
      if (!result) { return; }
      if (form && form.hasAttribute("data-finder-fills")) {
        // A field of a longer form (a meeting's host commune): fill it, the form goes on.
        input.value = (result.name || result.label) + " (" + result.code + ")";
        lastQuery = input.value.trim();
        close();
        return;
      }
      if (form && form.hasAttribute("data-finder-keeps-form")) {
        // The home page form also holds the situation: send it with the chosen territory.
        var chosen = form.querySelector("input[data-finder-chosen]") || document.createElement("input");
        chosen.type = "hidden";
        chosen.name = result.type;  // "commune" or "epci"
        chosen.value = result.code;
        chosen.setAttribute("data-finder-chosen", "");
        form.appendChild(chosen);
        form.submit();
        return;
      }
      window.location.href = result.url;
    }

    function render() {
      list.textContent = "";
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        var meta = document.createElement("span");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = result.type === "commune" ? result.label : result.name;
        meta.className = "meta";
        meta.textContent = result.type === "commune"
          ? "commune · " + result.department.name + (result.population !== null ? " · " + result.population.toLocaleString("fr-FR") + " hab." : "")
          : "intercommunalité";
        item.appendChild(meta);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(item);
      });
      var count = results.length;
      status.textContent = count === 0 ? "Aucune suggestion." :
        count + (count > 1 ? " suggestions. Flèches haut et bas pour choisir." : " suggestion.");
      if (count) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      active = -1;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < 2) { results = []; render(); return; }
      fetch(url + "?limit=8&q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) { results = data.results; render(); }
        })
        .catch(function () { results = []; render(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && results.length) {
        event.preventDefault();
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight((active + 1) % results.length);
      } else if (event.key === "ArrowUp" && results.length) {
        event.preventDefault();
        highlight(active <= 0 ? results.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-finder]").forEach(setup);
  });
})();
