// The photo picker: our own big button (in the page's language) opens the phone's camera or
// gallery; the name of the chosen photo shows under it. Without JavaScript the browser's own
// control shows instead (see .upload in app.css).
document.querySelectorAll(".upload").forEach(function (box) {
  var input = box.querySelector("input[type=file]"), chosen = box.querySelector(".upload-chosen");
  box.classList.add("upload-ready");
  input.addEventListener("change", function () {
    if (input.files.length) chosen.textContent = input.files[0].name;
  });
});
