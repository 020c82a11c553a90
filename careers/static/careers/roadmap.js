// Copy-link and print buttons: only shown when this script runs (they need JavaScript).
document.querySelectorAll("[data-copy], [data-print]").forEach((button) => {
  button.hidden = false;
});

document.addEventListener("click", (event) => {
  const copy = event.target.closest("[data-copy]");
  if (copy) {
    const field = document.querySelector(copy.dataset.copy);
    const status = copy.parentElement.querySelector("[role=status]");
    const done = (message) => { if (status) status.textContent = message; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(
        () => done("Link copied."),
        () => { field.select(); done("Press Ctrl+C (or ⌘C) to copy the selected link."); },
      );
    } else {
      field.select();
      done("Press Ctrl+C (or ⌘C) to copy the selected link.");
    }
  }
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// Print everything: folded tables and answers open for the paper copy.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details:not([open])").forEach((details) => {
    details.dataset.printOpened = "true";
    details.open = true;
  });
});
window.addEventListener("afterprint", () => {
  document.querySelectorAll("details[data-print-opened]").forEach((details) => {
    delete details.dataset.printOpened;
    details.open = false;
  });
});
