// The presenter view: arrow keys (and a presentation clicker's Page Up/Down) move between steps.
document.addEventListener("keydown", function (event) {
  if (event.altKey || event.ctrlKey || event.metaKey || /INPUT|TEXTAREA|SELECT/.test(event.target.tagName)) return;
  var id = { ArrowRight: "present-next", PageDown: "present-next", ArrowLeft: "present-previous", PageUp: "present-previous" }[event.key];
  var link = id && document.getElementById(id);
  if (link) { event.preventDefault(); window.location.assign(link.href); }
});
