// Tap a lesson picture to see it large, over the page; Tutup, Escape or the phone's Back
// button returns. Without JavaScript the picture is a plain link to the SVG itself.
(function () {
  var dialog = document.getElementById("zoom");
  if (!dialog || !dialog.showModal) return;  // an old browser follows the link instead
  var large = dialog.querySelector("img");
  document.querySelectorAll(".step a > img").forEach(function (picture) {
    picture.parentNode.addEventListener("click", function (event) {
      event.preventDefault();
      large.src = this.getAttribute("href");
      large.alt = picture.alt;
      dialog.showModal();
      dialog.scrollTop = 0;
      history.pushState({ zoom: true }, "");  // so Back closes the picture, not the lesson
    });
  });
  dialog.querySelector(".zoom-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    if (history.state && history.state.zoom) history.back();
  });
  window.addEventListener("popstate", function () { if (dialog.open) dialog.close(); });
})();
