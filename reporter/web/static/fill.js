// Checks each figure as it is typed, with the server's rules (those of reporter check), and
// shows the Chinese message under the field before anything is submitted.
(function () {
  var form = document.getElementById("fill");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }  // the form still submits as plain HTML
  var url = form.dataset.checkUrl;
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var timers = {};

  function show(input, message) {
    var box = document.getElementById("error-" + input.dataset.code);
    box.textContent = message || "";
    input.classList.toggle("invalid", !!message);
    input.setAttribute("aria-invalid", message ? "true" : "false");
  }

  function check(input) {
    var body = new URLSearchParams({code: input.dataset.code, value: input.value});
    return fetch(url, {method: "POST", body: body, headers: {"X-CSRF-Token": csrf, "Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (data) { show(input, data.message); return !data.message; })
      .catch(function () { return true; });
  }

  form.querySelectorAll("input.figure").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timers[input.name]);
      timers[input.name] = setTimeout(function () { check(input); }, 250);
    });
    input.addEventListener("blur", function () { check(input); });
  });

  form.addEventListener("submit", function (event) {
    if (form.querySelector("input.invalid")) {
      event.preventDefault();
      form.querySelector("input.invalid").focus();
    }
  });
})();
