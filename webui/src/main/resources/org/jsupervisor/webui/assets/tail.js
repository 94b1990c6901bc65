// The stand-alone tail page, tail.html?processname=NAME[&channel=stderr][&limit=BYTES]:
// Supervisor's bookmarkable URL, now following the log live.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const query = new URLSearchParams(window.location.search);
  const ns = query.get("processname") || "";
  const channel = query.get("channel") === "stderr" ? "stderr" : "stdout";
  const limit = parseInt(query.get("limit") || "", 10);

  const link = (ch) => "tail.html?processname=" + encodeURIComponent(ns) + (ch === "stderr" ? "&channel=stderr" : "");
  $("tail-stdout").href = link("stdout");
  $("tail-stderr").href = link("stderr");
  $("tail-raw").href = "logtail/" + encodeURIComponent(ns) + (channel === "stderr" ? "/stderr" : "");
  $("tail-stdout").setAttribute("aria-current", String(channel === "stdout"));
  $("tail-stderr").setAttribute("aria-current", String(channel === "stderr"));

  const tailer = new Tailer({ output: $("tail-output"), status: $("tail-status"), scroller: document.scrollingElement });
  if (!ns) {
    $("tail-title").textContent = "Tail";
    tailer.setStatus("No process name found: open this page as tail.html?processname=NAME", "error");
    return;
  }
  document.title = "Supervisor tail of process " + ns + (channel === "stderr" ? " (stderr)" : "");
  $("tail-title").textContent = ns + " " + channel;
  $("tail-pause").addEventListener("click", () => {
    const pause = !tailer.paused;
    tailer.setPaused(pause);
    $("tail-pause").textContent = pause ? "Resume" : "Pause";
  });
  $("tail-clear").addEventListener("click", () => tailer.clearScreen());
  tailer.start(ns, channel, Number.isFinite(limit) && limit > 0 ? limit : 16384);
})();
