/* Aller-vers: a form sent on a poor connection never loses what was typed.
 *
 * A form with data-keep-form is sent by fetch. Before sending, its fields are copied into
 * sessionStorage (this tab only, gone when the tab is closed; never localStorage). If the
 * network fails, the page stays as it is, says so, and sends again when the browser is back
 * online (or every 20 seconds). Once the server has answered, the copy is removed and its
 * answer shown (the next page, or the form with its errors). A copy left by a tab that was
 * reloaded while offline is put back into the form, to be checked and sent again by hand.
 */
(function () {
  "use strict";
  var RETRY_MS = 20000;

  function key(form) { return "keep-form:" + (form.getAttribute("action") || location.pathname); }

  function fields(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || typeof value !== "string") return;
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(form, data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data)) return;
      var values = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.indexOf(el.value) !== -1;
      else el.value = values[0];
    });
  }

  function say(form, text) {
    var status = form.querySelector(".keep-form-status");
    if (!status) return;
    status.hidden = false;
    status.textContent = text;
  }

  function send(form) {
    if (form.dataset.sending === "1") return;
    form.dataset.sending = "1";
    fetch(form.getAttribute("action") || location.href, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    }).then(function (response) {
      return response.text().then(function (html) {
        sessionStorage.removeItem(key(form));
        // The page the server answered (after its redirection: the record, with « Visite
        // notée. »), shown as is and at its address, without asking for it a second time.
        if (response.redirected) history.replaceState(null, "", response.url);
        document.open(); document.write(html); document.close();
      });
    }).catch(function () {
      form.dataset.sending = "";
      say(form, "Pas de réseau : rien n'est perdu, ce que vous avez écrit reste sur cette page. " +
        "Il sera envoyé tout seul dès le retour du réseau.");
      var again = function () { window.removeEventListener("online", again); clearTimeout(timer); send(form); };
      var timer = setTimeout(again, RETRY_MS);
      window.addEventListener("online", again);
    });
  }

  function setUp(form) {
    var kept = sessionStorage.getItem(key(form));
    if (kept) {
      try {
        restore(form, JSON.parse(kept));
        say(form, "Une saisie qui n'avait pas pu être envoyée a été remise dans le formulaire : " +
          "vérifiez-la, puis enregistrez.");
      } catch (error) { sessionStorage.removeItem(key(form)); }
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      try { sessionStorage.setItem(key(form), JSON.stringify(fields(form))); } catch (error) { /* full: sent anyway */ }
      send(form);
    });
  }

  document.querySelectorAll("form[data-keep-form]").forEach(setUp);
})();
