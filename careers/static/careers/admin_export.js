// django-import-export's export page: its "Select all" toggle (the page's copy carries no inline
// handler, which the Content-Security-Policy would refuse) calls the library's own function.
document.addEventListener("change", (event) => {
  if (event.target.matches(".select-toggle") && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});
