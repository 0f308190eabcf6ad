// A form sends once: after the first tap its submit buttons wait, so a double tap on a slow
// connection does not send the same thing twice. The server also guards every submit.
document.addEventListener("submit", function (event) {
  var buttons = event.target.querySelectorAll("button[type=submit], input[type=submit]");
  setTimeout(function () {
    buttons.forEach(function (button) { button.disabled = true; });
  }, 0);
  setTimeout(function () {  // give the buttons back if the page is still here (e.g. no signal)
    buttons.forEach(function (button) { button.disabled = false; });
  }, 8000);
});
