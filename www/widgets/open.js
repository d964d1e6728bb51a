// Opens the overlay page with one widget chosen, for an OBS source of its own.
// Trunk names the bundle by its hash, so a static page cannot load it directly: this one replaces
// itself (no history entry) with the overlay page next to `widgets/`, putting `widgets=<name>`
// in front of its own fragment. Everything stays in the fragment, which browsers never send to a
// server: the token is never in a query string. A `widgets=` of the page's own fragment wins.
(function () {
  var widget = document.currentScript.getAttribute("data-widget");
  var own = location.hash.replace(/^#/, "");
  var overlay = new URL("../", location.href);
  location.replace(overlay.pathname + "#widgets=" + widget + (own ? "&" + own : ""));
})();
