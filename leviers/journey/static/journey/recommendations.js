// Answering a question reloads the recommendations (the form "reponses", sent by GET): keep
// what was ticked and typed in the roadmap form ("feuille") across that reload. Without
// JavaScript the answers still work; only the ticks are to be made again.
(function () {
  "use strict";
  var KEY = "leviers-choix:" + window.location.pathname;
  var answers = document.getElementById("reponses");
  var roadmap = document.getElementById("feuille");
  if (!answers || !roadmap) { return; }
  try {
    var saved = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
    if (saved) {
      saved.ticked.forEach(function (id) {
        var box = document.getElementById(id);
        if (box && box.form === roadmap) { box.checked = true; }
      });
      if (typeof saved.title === "string" && roadmap.elements.titre) {
        roadmap.elements.titre.value = saved.title;
      }
    }
  } catch (error) { /* storage refused: nothing to restore */ }
  answers.addEventListener("submit", function () {
    var ticked = [];
    roadmap.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      ticked.push(box.id);
    });
    var title = roadmap.elements.titre ? roadmap.elements.titre.value : null;
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({ ticked: ticked, title: title }));
    } catch (error) { /* storage refused: the ticks are lost, the answers are not */ }
  });
})();
