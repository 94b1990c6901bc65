// Follows one process log in the page ("tail -f") by polling
// supervisor.tailProcessStdoutLog / tailProcessStderrLog. Those return the LAST `length` bytes
// of the log and the log's size, whatever offset was asked for, so the new text is the last
// (size - previous size) bytes of what came back. Output is only ever added as text nodes.
"use strict";

class Tailer {
  /**
   * @param {object} opts
   * @param {HTMLElement} opts.output     a <pre> the text goes into
   * @param {HTMLElement} opts.status     a line for "following…", errors and the like
   * @param {HTMLElement} opts.scroller   the element that scrolls (the <pre> or the page)
   */
  constructor(opts) {
    this.output = opts.output;
    this.statusEl = opts.status;
    this.scroller = opts.scroller || opts.output;
    this.intervalMs = opts.intervalMs || 1000;
    this.chunk = 16384;
    this.maxChars = 400000;
    this.generation = 0;
    this.timer = null;
    this.paused = false;
    this.encoder = new TextEncoder();
    this.decoder = new TextDecoder();
    // Following means "keep the newest line in view". Only the user's own scrolling changes
    // it: a resize (a phone turned sideways) moves the bottom without a scroll event, and a
    // test made at append time would then wrongly stop following.
    this.follow = true;
    this.autoTop = null; // where keepInView last scrolled to
    const page = this.scroller === document.scrollingElement;
    (page ? window : this.scroller).addEventListener("scroll", () => {
      this.follow = this.atBottom();
    }, { passive: true });
    window.addEventListener("resize", () => this.keepInView());
  }

  atBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 40;
  }

  keepInView() {
    const s = this.scroller;
    // Scroll events arrive a frame late: a reader who moved up just before new output
    // arrived shows as a position above the one we left, before the event says so.
    if (this.autoTop !== null && s.scrollTop < this.autoTop - 2 && !this.atBottom()) {
      this.follow = false;
    }
    if (this.follow) {
      s.scrollTop = s.scrollHeight;
      this.autoTop = s.scrollTop;
    }
  }

  /** Starts following `namespec`'s "stdout" or "stderr", showing the last `initialBytes`. */
  start(namespec, channel, initialBytes) {
    this.stop();
    this.namespec = namespec;
    this.channel = channel === "stderr" ? "stderr" : "stdout";
    this.offset = null;
    this.paused = false;
    this.output.textContent = "";
    this.follow = true;
    this.autoTop = null;
    const generation = ++this.generation;
    this.setStatus("Loading…", "");
    this.checkLogFile(generation);
    this.poll(generation, Math.max(1024, initialBytes || this.chunk));
  }

  stop() {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = null;
  }

  setPaused(paused) {
    this.paused = paused;
    this.setStatus(paused ? "Paused" : "Following…", "");
    if (!paused && this.timer === null && this.namespec) {
      this.schedule(this.generation);
    }
  }

  clearScreen() {
    this.output.textContent = "";
  }

  setStatus(text, kind) {
    this.statusEl.textContent = text;
    this.statusEl.className = "tail-status" + (kind ? " " + kind : "");
  }

  async checkLogFile(generation) {
    try {
      const info = await XmlRpc.call("supervisor.getProcessInfo", this.namespec);
      const file = this.channel === "stderr" ? info.stderr_logfile : info.stdout_logfile;
      if (generation === this.generation && !file) {
        this.append("[" + this.namespec + " has no " + this.channel + " log file" +
          (this.channel === "stderr" ? " (stderr_logfile is none, or redirect_stderr is set)" : "") + "]\n");
      }
    } catch (e) {
      // poll() reports the same failure; one message is enough.
    }
  }

  schedule(generation) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.poll(generation, this.chunk), this.intervalMs);
  }

  async poll(generation, length) {
    this.timer = null;
    if (generation !== this.generation || this.paused) {
      return;
    }
    const method = this.channel === "stderr" ? "supervisor.tailProcessStderrLog" : "supervisor.tailProcessStdoutLog";
    try {
      const [data, size, overflow] = await XmlRpc.call(method, this.namespec, this.offset === null ? 0 : this.offset, length);
      if (generation !== this.generation) {
        return;
      }
      this.consume(data, size, overflow);
      if (!this.paused) {
        this.setStatus("Following " + this.namespec + " " + this.channel + "…", "");
      }
    } catch (e) {
      if (generation !== this.generation) {
        return;
      }
      if (e instanceof XmlRpc.Fault && e.faultName === "BAD_NAME") {
        this.setStatus("No such process: " + this.namespec, "error");
        return; // nothing to follow
      }
      const what = e instanceof XmlRpc.Fault ? e.faultName + ": " + e.message : e.message;
      this.setStatus("Error (retrying): " + what, "error");
      if (e instanceof XmlRpc.TransportError && (e.status === 401 || e.status === 403)) {
        return; // a reload is needed; polling would only repeat the error
      }
    }
    if (!this.paused) {
      this.schedule(generation);
    }
  }

  consume(data, size, overflow) {
    const previous = this.offset;
    this.offset = size;
    if (previous === null) {
      if (overflow) {
        this.append("[… earlier output not shown]\n");
      }
      this.append(data);
    } else if (overflow) {
      this.append("\n[… output skipped: it grew faster than the page reads]\n");
      this.append(data);
    } else if (size < previous) {
      this.append("\n[log cleared or rotated]\n");
      this.append(data);
    } else if (size > previous) {
      const bytes = this.encoder.encode(data);
      const fresh = bytes.subarray(Math.max(0, bytes.length - (size - previous)));
      this.append(this.decoder.decode(fresh));
    }
  }

  append(text) {
    if (!text) {
      return;
    }
    this.output.appendChild(document.createTextNode(text));
    if (this.output.textContent.length > this.maxChars) {
      this.output.textContent = this.output.textContent.slice(-Math.floor(this.maxChars / 2));
      this.autoTop = null; // the text moved, not the reader
    }
    this.keepInView();
  }
}
