// « Imprimer » on the certificate page: the browser's print dialog (no JavaScript: Ctrl+P).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
