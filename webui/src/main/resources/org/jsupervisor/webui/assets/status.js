// The status page: a live table of every process, refreshed by polling
// supervisor.getAllProcessInfo, with per-process, per-group and global actions sent as
// XML-RPC POSTs. Rows are built with createElement/textContent only: process names,
// descriptions and fault strings are data, never markup.
"use strict";

(() => {
  const POLL_MS = 1500;
  const $ = (id) => document.getElementById(id);

  const rowsTable = $("processes");
  const groupBodies = new Map(); // group name -> <tbody>
  const rows = new Map();        // namespec -> <tr>
  const busy = new Set();        // namespecs and group names with an action in flight
  let pollTimer = null;
  let lastInfos = [];
  let requested = 0; // answers can overtake each other; only the newest is shown
  let shown = 0;

  const RUNNING_LIKE = new Set(["RUNNING", "STARTING", "BACKOFF"]);
  const STARTABLE = new Set(["STOPPED", "EXITED", "FATAL"]);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") {
        e.className = v;
      } else if (k === "text") {
        e.textContent = v;
      } else {
        e.setAttribute(k, v);
      }
    }
    for (const c of children) {
      e.append(c);
    }
    return e;
  }

  function stateClass(statename) {
    switch (statename) {
      case "RUNNING": return "state-running";
      case "STARTING": case "STOPPING": return "state-transition";
      case "BACKOFF": case "FATAL": return "state-error";
      case "EXITED": return "state-exited";
      case "UNKNOWN": return "state-unknown";
      default: return "state-stopped";
    }
  }

  // Supervisor's classes for the state, which scrapers and old user styles look for.
  function supervisorClass(statename) {
    return statename === "RUNNING" ? "statusrunning"
      : statename === "FATAL" || statename === "BACKOFF" ? "statuserror" : "statusnominal";
  }

  function tailHref(ns, channel) {
    return "tail.html?processname=" + encodeURIComponent(ns) + (channel === "stderr" ? "&channel=stderr" : "");
  }

  // ---- messages -------------------------------------------------------------------------

  function showMessage(text, kind) {
    const box = $("message");
    $("message-time").textContent = new Date().toLocaleTimeString();
    $("message-text").textContent = text;
    box.className = "message " + (kind || "info");
    box.hidden = false;
  }

  function describeError(e) {
    if (e instanceof XmlRpc.Fault) {
      return e.faultName + (e.message ? ": " + e.message : "");
    }
    return e.message || String(e);
  }

  // Supervisor's wording for a failed start.
  function startFailure(e) {
    const words = {
      NO_FILE: "no such file", NOT_EXECUTABLE: "file not executable",
      ALREADY_STARTED: "already started", SPAWN_ERROR: "spawn error",
      ABNORMAL_TERMINATION: "abnormal termination"
    };
    return e instanceof XmlRpc.Fault && words[e.faultName] ? words[e.faultName] : describeError(e);
  }

  // Results of startAllProcesses / stopProcessGroup and friends: [{name, group, status, description}].
  function failuresOf(results) {
    return (results || []).filter((r) => r.status !== 80)
      .map((r) => XmlRpc.namespec(r.group, r.name) + ": " + (r.description || XmlRpc.FAULT_NAMES[r.status]));
  }

  async function act(key, pending, work) {
    if (busy.has(key)) {
      return;
    }
    busy.add(key);
    showMessage(pending, "info");
    render(lastInfos);
    try {
      const [text, kind] = await work();
      showMessage(text, kind || "ok");
    } catch (e) {
      showMessage("ERROR: " + describeError(e), "error");
    } finally {
      busy.delete(key);
      render(lastInfos); // buttons come back now, not at the next answer
      refreshSoon(0);
    }
  }

  // ---- actions ---------------------------------------------------------------------------

  const processActions = {
    start: (ns) => act(ns, "Starting " + ns + "…", async () => {
      try {
        await XmlRpc.call("supervisor.startProcess", ns, true);
        return ["Process " + ns + " started"];
      } catch (e) {
        return ["ERROR: Process " + ns + ": " + startFailure(e), "error"];
      }
    }),
    stop: (ns) => act(ns, "Stopping " + ns + "…", async () => {
      await XmlRpc.call("supervisor.stopProcess", ns, true);
      return ["Process " + ns + " stopped"];
    }),
    restart: (ns) => act(ns, "Restarting " + ns + "…", async () => {
      try {
        await XmlRpc.call("supervisor.stopProcess", ns, true);
      } catch (e) {
        if (!(e instanceof XmlRpc.Fault && e.faultName === "NOT_RUNNING")) {
          throw e;
        }
      }
      try {
        await XmlRpc.call("supervisor.startProcess", ns, true);
      } catch (e) {
        return ["ERROR: Process " + ns + ": " + startFailure(e), "error"];
      }
      return ["Process " + ns + " restarted"];
    }),
    clearlog: (ns) => act(ns, "Clearing the log of " + ns + "…", async () => {
      await XmlRpc.call("supervisor.clearProcessLogs", ns);
      return ["Log for " + ns + " cleared"];
    }),
    tailstdout: (ns) => openTail(ns, "stdout"),
    tailstderr: (ns) => openTail(ns, "stderr")
  };

  function summarize(verb, results) {
    const failures = failuresOf(results);
    return failures.length
      ? ["ERROR: " + verb + " with failures: " + failures.join("; "), "error"]
      : [verb]; // the message line shows the time already
  }

  const groupActions = {
    start: (g) => act("group " + g, "Starting group " + g + "…", async () =>
      summarize("Group " + g + " started", await XmlRpc.call("supervisor.startProcessGroup", g, true))),
    stop: (g) => act("group " + g, "Stopping group " + g + "…", async () =>
      summarize("Group " + g + " stopped", await XmlRpc.call("supervisor.stopProcessGroup", g, true))),
    restart: (g) => act("group " + g, "Restarting group " + g + "…", async () => {
      const stopped = await XmlRpc.call("supervisor.stopProcessGroup", g, true);
      const started = await XmlRpc.call("supervisor.startProcessGroup", g, true);
      return summarize("Group " + g + " restarted", stopped.concat(started));
    })
  };

  const globalActions = {
    startall: () => act("*", "Starting all processes…", async () =>
      summarize("All started", await XmlRpc.call("supervisor.startAllProcesses", true))),
    stopall: () => {
      if (!window.confirm("Stop every process?")) {
        return;
      }
      act("*", "Stopping all processes…", async () =>
        summarize("All stopped", await XmlRpc.call("supervisor.stopAllProcesses", true)));
    },
    restartall: () => {
      if (!window.confirm("Restart every process?")) {
        return;
      }
      act("*", "Restarting all processes…", async () => {
        const stopped = await XmlRpc.call("supervisor.stopAllProcesses", true);
        const started = await XmlRpc.call("supervisor.startAllProcesses", true);
        return summarize("All restarted", stopped.concat(started));
      });
    },
    refresh: () => {
      refreshSoon(0);
      showMessage("Page refreshed", "ok");
    }
  };

  // ---- rendering -------------------------------------------------------------------------

  // `subject` names the process or group for screen readers, which would otherwise hear a
  // column of identical "Stop" buttons.
  function actionButton(act, label, extraClass, subject) {
    return el("button", { type: "button", "data-act": act, class: "btn " + (extraClass || ""), text: label,
      "aria-label": label + " " + subject });
  }

  function newRow(ns) {
    const badge = el("span", { class: "badge" });
    const link = el("a", { href: tailHref(ns, "stdout"), target: "_blank", rel: "noopener", text: ns });
    const tr = el("tr", { class: "process", "data-ns": ns },
      el("td", { class: "state" }, badge),
      el("td", { class: "desc" }),
      el("td", { class: "name" }, link),
      el("td", { class: "actions" },
        actionButton("start", "Start", "primary", ns),
        actionButton("stop", "Stop", "", ns),
        actionButton("restart", "Restart", "", ns),
        actionButton("clearlog", "Clear log", "", ns),
        actionButton("tailstdout", "Tail stdout", "", ns),
        actionButton("tailstderr", "Tail stderr", "", ns)));
    tr.dataset.ns = ns;
    return tr;
  }

  function setText(node, text) {
    if (node.textContent !== text) {
      node.textContent = text;
    }
  }

  function updateRow(tr, info, ns) {
    const badge = tr.querySelector(".badge");
    setText(badge, info.statename.toLowerCase());
    const cls = "badge " + stateClass(info.statename) + " " + supervisorClass(info.statename);
    if (badge.className !== cls) {
      badge.className = cls;
    }
    tr.dataset.state = info.statename;
    setText(tr.querySelector(".desc"), info.description || "");
    const isBusy = busy.has(ns) || busy.has("group " + info.group) || busy.has("*");
    tr.classList.toggle("busy", isBusy);
    const enabled = {
      start: STARTABLE.has(info.statename),
      stop: RUNNING_LIKE.has(info.statename),
      restart: info.statename === "RUNNING",
      clearlog: true, tailstdout: true, tailstderr: true
    };
    for (const b of tr.querySelectorAll("button[data-act]")) {
      const disabled = isBusy ? !b.dataset.act.startsWith("tail") : !enabled[b.dataset.act];
      if (b.disabled !== disabled) {
        b.disabled = disabled;
      }
      // Phones hide what the state rules out (not what a running action blocks, which would
      // make the card jump); wide screens keep every column in place.
      b.classList.toggle("unavailable", !enabled[b.dataset.act]);
    }
  }

  function newGroupBody(group) {
    const body = el("tbody", { class: "group", "data-group": group });
    body.dataset.group = group;
    const header = el("tr", { class: "group-row" },
      el("th", { colspan: "4", scope: "rowgroup" },
        el("span", { class: "group-name", text: group }),
        el("span", { class: "group-actions" },
          actionButton("group-start", "Start group", "", group),
          actionButton("group-stop", "Stop group", "", group),
          actionButton("group-restart", "Restart group", "", group))));
    body.append(header);
    return body;
  }

  // Puts `node` at index `i` of `parent` only when it is not there already, so focus and
  // hover survive a refresh that changes nothing.
  function place(parent, node, i) {
    if (parent.children[i] !== node) {
      parent.insertBefore(node, parent.children[i] || null);
    }
  }

  function matchesFilter(ns) {
    const f = $("filter").value.trim().toLowerCase();
    return !f || ns.toLowerCase().includes(f);
  }

  function render(infos) {
    if (shown === 0) {
      return; // nothing to draw before the first answer: keep what the server sent
    }
    // The server sends the table as it was at page load (for readers without JavaScript);
    // it gives way to the live rows at the first answer.
    for (const stale of rowsTable.querySelectorAll("tbody[data-static]")) {
      stale.remove();
    }
    const sorted = infos.slice().sort((a, b) =>
      a.group < b.group ? -1 : a.group > b.group ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const byGroup = new Map();
    for (const info of sorted) {
      if (!byGroup.has(info.group)) {
        byGroup.set(info.group, []);
      }
      byGroup.get(info.group).push(info);
    }
    const seenRows = new Set();
    let gi = 1; // index 0 is <thead>
    for (const [group, members] of byGroup) {
      let body = groupBodies.get(group);
      if (!body) {
        body = newGroupBody(group);
        groupBodies.set(group, body);
      }
      place(rowsTable, body, gi++);
      // A group of one process named like the group is Supervisor's default: no header.
      const header = body.firstElementChild;
      header.hidden = members.length === 1 && members[0].name === group;
      const groupBusy = busy.has("group " + group) || busy.has("*");
      for (const b of header.querySelectorAll("button")) {
        b.disabled = groupBusy;
      }
      let ri = 1;
      let visible = 0;
      for (const info of members) {
        const ns = XmlRpc.namespec(info.group, info.name);
        seenRows.add(ns);
        let tr = rows.get(ns);
        if (!tr) {
          tr = newRow(ns);
          rows.set(ns, tr);
        }
        place(body, tr, ri++);
        updateRow(tr, info, ns);
        tr.hidden = !matchesFilter(ns);
        visible += tr.hidden ? 0 : 1;
      }
      body.hidden = visible === 0;
    }
    for (const [ns, tr] of rows) {
      if (!seenRows.has(ns)) {
        tr.remove();
        rows.delete(ns);
      }
    }
    for (const [group, body] of groupBodies) {
      if (!byGroup.has(group)) {
        body.remove();
        groupBodies.delete(group);
      }
    }
    $("empty").hidden = infos.length !== 0;
    rowsTable.hidden = infos.length === 0;
    renderSummary(infos);
    for (const id of ["startall", "stopall", "restartall"]) {
      $(id).disabled = busy.has("*");
    }
  }

  function renderSummary(infos) {
    const counts = new Map();
    for (const i of infos) {
      counts.set(i.statename, (counts.get(i.statename) || 0) + 1);
    }
    const parts = Array.from(counts, ([s, n]) => n + " " + s.toLowerCase());
    setText($("summary"), infos.length + (infos.length === 1 ? " process" : " processes") +
      (parts.length ? ": " + parts.join(", ") : ""));
  }

  // ---- polling ---------------------------------------------------------------------------

  async function refresh() {
    pollTimer = null;
    const seq = ++requested;
    const began = performance.now();
    try {
      const infos = await XmlRpc.call("supervisor.getAllProcessInfo");
      if (seq > shown) {
        shown = seq;
        lastInfos = infos;
        render(lastInfos);
        setConnection(null);
      }
    } catch (e) {
      setConnection(describeError(e));
      if (e instanceof XmlRpc.TransportError && (e.status === 401 || e.status === 403)) {
        return; // only a reload helps
      }
    }
    // A daemon with hundreds of processes answers slowly; never spend more than a fifth of
    // its time on one open page.
    refreshSoon(Math.max(POLL_MS, 5 * (performance.now() - began)));
  }

  function refreshSoon(delay) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => {
      if (document.hidden) {
        pollTimer = null; // resumes on visibilitychange
      } else {
        refresh();
      }
    }, delay);
  }

  function setConnection(error) {
    const box = $("connection");
    box.hidden = error === null;
    if (error !== null) {
      box.textContent = "Not up to date: " + error;
    }
    rowsTable.classList.toggle("stale", error !== null);
  }

  async function loadIdentity() {
    try {
      const [ident, version, state] = await Promise.all([
        XmlRpc.call("supervisor.getIdentification"),
        XmlRpc.call("supervisor.getSupervisorVersion"),
        XmlRpc.call("supervisor.getState")]);
      $("identity").textContent = ident;
      $("daemon-state").textContent = state.statename.toLowerCase();
      $("version").textContent = "supervisor version " + version;
    } catch (e) {
      // The table's polling reports connection problems.
    }
  }

  // ---- tail panel ------------------------------------------------------------------------

  const tailer = new Tailer({ output: $("tail-output"), status: $("tail-status"), scroller: $("tail-output") });

  function openTail(ns, channel) {
    const panel = $("tail");
    panel.hidden = false;
    panel.dataset.ns = ns;
    $("tail-title").textContent = ns + " " + channel;
    $("tail-open").href = tailHref(ns, channel);
    // The daemon's plain-text stream of the same log, Supervisor's old "Tail -f" link.
    $("tail-raw").href = "logtail/" + encodeURIComponent(ns) + (channel === "stderr" ? "/stderr" : "");
    $("tail-stdout").setAttribute("aria-pressed", String(channel === "stdout"));
    $("tail-stderr").setAttribute("aria-pressed", String(channel === "stderr"));
    $("tail-pause").textContent = "Pause";
    tailer.start(ns, channel, 16384);
    panel.scrollIntoView({ block: "nearest" });
  }

  $("tail-stdout").addEventListener("click", () => openTail($("tail").dataset.ns, "stdout"));
  $("tail-stderr").addEventListener("click", () => openTail($("tail").dataset.ns, "stderr"));
  $("tail-pause").addEventListener("click", () => {
    const pause = !tailer.paused;
    tailer.setPaused(pause);
    $("tail-pause").textContent = pause ? "Resume" : "Pause";
  });
  $("tail-clear").addEventListener("click", () => tailer.clearScreen());
  $("tail-close").addEventListener("click", () => {
    tailer.stop();
    $("tail").hidden = true;
  });

  // ---- wiring ----------------------------------------------------------------------------

  rowsTable.addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-act]");
    if (!button || button.disabled) {
      return;
    }
    const act = button.dataset.act;
    if (act.startsWith("group-")) {
      groupActions[act.slice(6)](button.closest("tbody").dataset.group);
    } else {
      processActions[act](button.closest("tr").dataset.ns);
    }
  });
  for (const id of Object.keys(globalActions)) {
    $(id).addEventListener("click", globalActions[id]);
  }
  $("message-close").addEventListener("click", () => { $("message").hidden = true; });
  // The filter lives in the URL's fragment, so index.html#web can be bookmarked.
  function filterFromUrl() {
    try {
      $("filter").value = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      $("filter").value = ""; // a malformed fragment is no filter
    }
  }
  filterFromUrl();
  window.addEventListener("hashchange", () => {
    filterFromUrl();
    render(lastInfos);
  });
  $("filter").addEventListener("input", () => {
    const f = $("filter").value;
    history.replaceState(null, "", f ? "#" + encodeURIComponent(f) : window.location.pathname + window.location.search);
    render(lastInfos);
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && pollTimer === null) {
      refresh();
    }
  });

  // Supervisor's own page acted on links like index.html?action=stop&processname=x. Here a
  // link changes nothing; say so to whoever followed an old bookmark, and drop the query so
  // a reload does not repeat the notice.
  const query = new URLSearchParams(window.location.search);
  if (query.has("action")) {
    showMessage("This address asks for an action, but links cannot change anything here: " +
      "use the buttons instead. Nothing was done.", "info");
    history.replaceState(null, "", window.location.pathname + window.location.hash);
  }

  loadIdentity();
  refresh();
})();
