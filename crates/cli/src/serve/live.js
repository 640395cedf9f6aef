// Injected by `studyforge serve` into every HTML page it serves; never
// written to the output folder. It listens for the server's build events:
// a build that wrote files reloads the page, a build that failed shows its
// errors over the page (the last good build stays underneath), and the
// next good build clears them.
(function () {
  var OVERLAY = 'studyforge-overlay';
  var seen = null;
  function show(errors) {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement('div');
    box.id = OVERLAY;
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;' +
      'margin:0;padding:1em 1.2em;background:#2b0b0b;color:#fff;border-top:4px solid #e5484d;' +
      'font:14px/1.45 ui-monospace,"DejaVu Sans Mono",monospace;box-shadow:0 -4px 16px rgba(0,0,0,.4)';
    var title = document.createElement('p');
    title.style.cssText = 'margin:0 0 .5em;font-weight:bold;font-family:system-ui,sans-serif';
    title.textContent = 'studyforge: the last build failed; showing the last good build';
    box.appendChild(title);
    errors.forEach(function (message) {
      var line = document.createElement('pre');
      line.style.cssText = 'margin:.3em 0;white-space:pre-wrap;color:#fff';
      line.textContent = message;
      box.appendChild(line);
    });
    document.body.appendChild(box);
  }
  var events = new EventSource('/__studyforge/events');
  events.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (seen !== null && state.generation !== seen) {
      events.close();
      location.reload();
      return;
    }
    seen = state.generation;
    show(state.errors);
  };
})();
