// Phones follow the room: every few seconds one small request (304 when nothing changed) asks
// whether the facilitator opened or closed a test or moved the presentation; when that matters
// to this page, the page moves on by itself. Without this script, a "Muat ulang" button does it.
(function () {
  var el = document.getElementById("room-watch");
  if (!el) return;
  var seen = withEveryone(JSON.parse(el.dataset.state));
  var watch = el.dataset.watch.split(" ").filter(Boolean);
  var delay = (Number(el.dataset.seconds) || 4) * 1000;
  var etag = null;

  // "everyone": the posttest is open for everyone now, so people still in the modules go to it.
  function withEveryone(state) {
    state.everyone = state.post === "open" && state["for"] === "everyone";
    return state;
  }

  function moveOn(state) {
    if (el.dataset.follow && state.show && state.show !== seen.show) {
      var at = state.show.split("/");
      window.location.assign(el.dataset.follow.replace("__module__", at[0]).replace(/1$/, at[1]));
      return true;
    }
    for (var i = 0; i < watch.length; i++) {
      if (state[watch[i]] !== seen[watch[i]] && (watch[i] !== "everyone" || state.everyone)) {
        window.location.assign(el.dataset.target || window.location.href);
        return true;
      }
    }
    return false;
  }

  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(el.dataset.url, { credentials: "same-origin", cache: "no-store", headers: headers })
      .then(function (response) {
        if (response.status !== 200) return null;
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (state) { return state !== null && moveOn(withEveryone(state)); })
      .catch(function () { return false; })  // the hotspot hiccuped: ask again next time
      .then(function (moving) { if (!moving) setTimeout(poll, delay + Math.random() * 1000); });
  }
  setTimeout(poll, delay);
})();
