// After a step the page opens at its confirmation (#melding): give it the focus, so a screen reader
// reads it and the keyboard continues from there. Without JavaScript the anchor still scrolls to it.
document.addEventListener("DOMContentLoaded", function () {
  var message = document.getElementById("melding");
  if (message && window.location.hash === "#melding") {
    message.focus();
  }
});
