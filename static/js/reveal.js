// Show a part of a form only when it applies: <div data-show-when="field=value">. Without
// JavaScript everything shows, with a hint saying when to fill it in.
document.querySelectorAll("[data-show-when]").forEach(function (part) {
  var rule = part.getAttribute("data-show-when").split("="), name = rule[0], value = rule[1];
  var inputs = document.querySelectorAll('input[name="' + name + '"]');
  function update() {
    var chosen = document.querySelector('input[name="' + name + '"]:checked');
    part.hidden = !(chosen && chosen.value === value);
  }
  inputs.forEach(function (input) { input.addEventListener("change", update); });
  update();
});
