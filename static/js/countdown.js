// Counts down the time left to pay the billing code; at zero the page reloads to show expiry.
(function () {
  var clock = document.querySelector(".countdown[data-seconds]");
  if (!clock) return;
  var end = Date.now() + Number(clock.dataset.seconds) * 1000;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    clock.textContent = Math.floor(left / 3600) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
    if (left === 0) { window.location.reload(); return; }
    setTimeout(tick, 1000);
  }
  tick();
})();
