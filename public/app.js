// Cupola's only script, and an optional one: every function works without it.
// It registers the service worker (offline reading), warns before a held slot's time runs out
// and, on kiosk terminals, warns after a period without a touch and then ends the session.
(function () {
  var body = document.body;
  var kiosk = body.classList.contains("kiosk");
  var sw = navigator.serviceWorker;
  if (sw) {
    if (kiosk) {
      // Nothing may be kept on a shared terminal.
      sw.getRegistrations().then(function (all) {
        all.forEach(function (r) { r.unregister(); });
      });
    } else {
      sw.register("/sw.js").catch(function () {});
    }
  }
  // Print buttons (rendered hidden) and the kiosk's print link print the page.
  document.querySelectorAll("[data-print]").forEach(function (control) {
    control.hidden = false;
    control.addEventListener("click", function (e) { e.preventDefault(); print(); });
  });
  // A success notice takes the focus, to be read first, unless the page puts it on the next
  // action (the console's print link after a booking); the notice is a status region anyway.
  var notice = document.querySelector(".notice[tabindex]");
  if (notice && !document.querySelector("[autofocus]")) notice.focus();
  // The offline page lists the receipts the service worker keeps on this device.
  var saved = document.getElementById("offline-receipts");
  if (saved && window.caches) {
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("cupola-receipts-") === 0; })
        .map(function (n) { return caches.open(n).then(function (c) { return c.keys(); }); }));
    }).then(function (lists) {
      var list = saved.querySelector("ul");
      lists.forEach(function (requests) {
        requests.forEach(function (request) {
          var path = new URL(request.url).pathname;
          if (!/^\/prenotazioni\/[^/]+$/.test(path)) return;
          var code = path.split("/")[2];
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = path;
          link.textContent = code.slice(0, 5) + "-" + code.slice(5);
          item.appendChild(link);
          list.appendChild(item);
        });
      });
      saved.hidden = !list.children.length;
    });
  }
  // The slot held while confirming: about 2 minutes before the hold ends, a live region says
  // so, with a "give me more time" button that submits the page's own extension form (which
  // works without JavaScript too).
  var holdWarning = document.getElementById("hold-warning");
  var extendForm = document.querySelector("form.extend-hold");
  if (holdWarning && extendForm) {
    var left = Number(holdWarning.dataset.secondsLeft) - 120;
    setTimeout(function () {
      var text = document.createElement("p");
      text.textContent = holdWarning.dataset.message;
      var more = extendForm.querySelector("button").cloneNode(true);
      more.type = "button";
      more.addEventListener("click", function () { extendForm.submit(); });
      holdWarning.classList.add("notice");
      holdWarning.appendChild(text);
      holdWarning.appendChild(more);
    }, Math.max(0, left) * 1000);
  }
  if (!kiosk || location.pathname === "/chiosco") return;

  var dialog = document.getElementById("kiosk-idle");
  var end = document.getElementById("kiosk-end");
  var idle = 1000 * body.dataset.idle;
  var warning = 1000 * body.dataset.warn;
  var timer;
  function wait() {
    clearTimeout(timer);
    timer = setTimeout(warn, idle);
  }
  function warn() {
    dialog.showModal();
    timer = setTimeout(function () {
      document.querySelectorAll("form").forEach(function (f) { f.reset(); });
      end.submit();
    }, warning);
  }
  function resume() {
    if (dialog.open) dialog.close();
    wait();
  }
  dialog.querySelector("[data-continue]").addEventListener("click", resume);
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    resume();
  });
  ["pointerdown", "keydown", "input", "scroll"].forEach(function (type) {
    addEventListener(type, function () { if (!dialog.open) wait(); }, { capture: true, passive: true });
  });
  wait();
})();
