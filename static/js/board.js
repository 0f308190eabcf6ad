// The live board refreshes its rows every 5 seconds: one small request at a time, no framework.
// The next refresh waits for the last one, so a slow laptop is never asked twice at once.
(function () {
  var board = document.getElementById("board");
  if (!board) return;
  function refresh() {
    fetch(board.dataset.refresh, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) board.innerHTML = html; })
      .catch(function () { /* the room's Wi-Fi hiccuped: try again next time */ })
      .then(function () { setTimeout(refresh, 5000); });
  }
  setTimeout(refresh, 5000);
})();
