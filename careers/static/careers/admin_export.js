// django-import-export's export page: its "Select all" toggle calls onSelectToggleChange from
// an inline onchange attribute, which the Content-Security-Policy blocks. Same call, from here.
document.addEventListener("change", (event) => {
  if (event.target.matches(".select-toggle") && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});
