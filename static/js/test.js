// Saves each answer as it is chosen, keeps a copy on the phone for when the signal drops,
// and stops a double tap from sending the test twice. The page works without this script.
(function () {
  var form = document.getElementById("test-form");
  if (!form) return;
  var status = document.getElementById("save-status");
  var key = "paspor-test-" + form.dataset.attempt;
  var token = form.querySelector("input[name=csrf_token]").value;
  var stored = {};
  try { stored = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { stored = {}; }

  function progress() {
    var answered = form.querySelectorAll("fieldset input[type=radio]:checked").length;
    return " " + form.dataset.progress.replace("{n}", answered);
  }

  function remember() {
    try { localStorage.setItem(key, JSON.stringify(stored)); } catch (e) { /* storage full or off */ }
  }

  // Unsent answers are tried again by themselves (5 s, then longer, up to 30 s): the laptop may
  // be restarting or the hotspot out of reach for a moment.
  var retry = null, wait = 5000;
  function retryLater() {
    if (retry) return;
    retry = setTimeout(function () {
      retry = null;
      Object.keys(stored).forEach(function (item) { send(item, stored[item]); });
      wait = Math.min(wait * 2, 30000);
    }, wait);
  }

  function send(item, choice) {
    var body = new URLSearchParams({ item: item, choice: choice });
    return fetch(form.dataset.autosave, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token }
    }).then(function (response) {
      if (response.status === 409) { delete stored[item]; remember(); return; }  // the test closed
      if (!response.ok) throw new Error(response.status);
      delete stored[item]; remember(); wait = 5000;
      status.textContent = form.dataset.saved + progress();
    }).catch(function () {
      status.textContent = form.dataset.offline;
      retryLater();
    });
  }

  // Answers kept on the phone but not yet on the server are put back and sent again.
  Object.keys(stored).forEach(function (item) {
    var input = form.querySelector('input[name="q-' + item + '"][value="' + stored[item] + '"]');
    if (input) { input.checked = true; send(item, stored[item]); }
  });

  var count = document.getElementById("answered-count");
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.name || input.name.indexOf("q-") !== 0) return;
    if (count) count.textContent = progress().trim();
    var item = input.name.slice(2);
    stored[item] = input.value; remember();
    send(item, input.value);
  });

  window.addEventListener("online", function () {
    Object.keys(stored).forEach(function (item) { send(item, stored[item]); });
  });

  form.addEventListener("submit", function () {
    var button = form.querySelector("[data-once]");
    if (button) setTimeout(function () { button.value = button.dataset.once; }, 0);
  });
})();
