/* Herald embed: sizes every Herald iframe on this page to its content. docs/embed.md
   <script async src="https://YOUR-HERALD/embed.js"></script> */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  // Only messages from the Herald that served this script, and only from its iframes.
  var herald = new URL(script.src, location.href).origin;
  var maxHeight = 100000;

  window.addEventListener("message", function (event) {
    if (event.origin !== herald) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "herald:resize") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height < 0 || height > maxHeight) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
        return;
      }
    }
  });
})();
