// The live board refreshes its rows every 5 seconds: one small request, no framework.
(function () {
  var board = document.getElementById("board");
  if (!board) return;
  setInterval(function () {
    fetch(board.dataset.refresh, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) board.innerHTML = html; })
      .catch(function () { /* the room's Wi-Fi hiccuped: try again next time */ });
  }, 5000);
})();
