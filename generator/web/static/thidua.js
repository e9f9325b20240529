// Progressive enhancement only: every page works without this file.
// A link of the error summary moves the keyboard focus to its field, not just the scroll.
document.addEventListener("click", function (event) {
  var link = event.target.closest(".summary a[href^='#']");
  if (!link) { return; }
  var target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) { return; }
  var field = target.matches("input, select, textarea") ? target
    : target.querySelector("input, select, textarea, button");
  if (field) { event.preventDefault(); field.focus(); field.scrollIntoView({block: "center"}); }
});
