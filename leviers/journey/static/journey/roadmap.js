// The "Imprimer" button of a roadmap: hidden without JavaScript (the browser's menu prints too).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
