// The office board: runs a job (check, report) in the background and shows its progress;
// reloads itself every 30 seconds while no job is shown.
(function () {
  var actions = document.getElementById("actions");
  var csrf = actions.dataset.csrf;
  var panel = document.getElementById("job");
  var busy = false;

  function poll(url) {
    fetch(url, {headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (job) {
      document.getElementById("job-title").textContent = job.title;
      var bar = document.getElementById("job-progress");
      if (job.total) { bar.max = job.total; bar.value = job.done; } else { bar.removeAttribute("value"); }
      var state = job.state === "running" ? "进行中" : (job.state === "done" ? "已完成" : "未完成");
      document.getElementById("job-label").textContent = job.label + " " + (job.total ? job.done + "/" + job.total : "") + " · " + state;
      document.getElementById("job-lines").textContent = job.lines.join("\n");
      if (job.state === "running") { setTimeout(function () { poll(url); }, 700); return; }
      bar.max = 1; bar.value = 1;
      var link = document.getElementById("job-result");
      if (job.result_url) { link.href = job.result_url; link.textContent = "下载" + job.result; link.hidden = false; }
    });
  }

  actions.querySelectorAll("button[data-job]").forEach(function (button) {
    button.addEventListener("click", function () {
      busy = true;
      panel.hidden = false;
      document.getElementById("job-result").hidden = true;
      var body = new URLSearchParams({csrf_token: csrf,
        allow_missing: document.getElementById("allow-missing").checked ? "1" : ""});
      fetch(button.dataset.job, {method: "POST", body: body, headers: {"Accept": "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (job.status_url) { poll(job.status_url); return; }
          // refused (e.g. 后台任务已满): say why instead of polling nothing
          busy = false;
          document.getElementById("job-title").textContent = button.textContent;
          document.getElementById("job-label").textContent = job.message || "任务未能开始，请稍后再试";
          document.getElementById("job-lines").textContent = "";
        });
    });
  });

  // The reminder text: copied with the button where the browser allows it; selected otherwise,
  // so a long press copies it (older in-app browsers).
  var copy = document.getElementById("copy-reminder");
  if (copy) {
    copy.addEventListener("click", function () {
      var text = document.getElementById("reminder-text");
      text.focus();
      text.select();
      var done = function () { document.getElementById("copy-note").textContent = copy.dataset.copied; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text.value).then(done, function () { if (document.execCommand("copy")) { done(); } });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  }
  var closing = document.getElementById("close-form");
  if (closing) {
    closing.addEventListener("submit", function (event) {
      if (!window.confirm("截止后各单位不能再上传或网上填报，确定截止本期报送吗？")) { event.preventDefault(); }
    });
  }

  // Not while the office is typing or selecting the reminder text.
  setInterval(function () { if (!busy && document.activeElement.tagName !== "TEXTAREA") { location.reload(); } }, 30000);
})();
