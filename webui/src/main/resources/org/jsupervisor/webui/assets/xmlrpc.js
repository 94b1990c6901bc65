// A small XML-RPC client for the web UI. Every call is a POST to RPC2 (relative, so the UI
// also works behind a proxy that adds a path prefix) carrying the daemon's CSRF token, which
// the page receives in <meta name="csrf-token">. Values go through the DOM, never through
// innerHTML or eval.
"use strict";

const XmlRpc = (() => {
  const tokenMeta = document.querySelector('meta[name="csrf-token"]');
  let token = tokenMeta ? tokenMeta.getAttribute("content") : "";
  let tokenRefresh = null; // one refresh at a time, shared by the calls that need it

  // fetch() refuses URLs with credentials in them, and a page opened as
  // http://user:pass@host:9001/ resolves relative URLs to such URLs. The browser keeps the
  // login for the realm, so dropping them from the URL loses nothing.
  function sameOriginUrl(relative) {
    const url = new URL(relative, document.baseURI);
    url.username = "";
    url.password = "";
    return url.href;
  }
  const endpoint = sameOriginUrl("RPC2");

  // A restarted daemon has a new token, so an open page's calls get 403. The current token is
  // in the status page's HTML, which only this origin can read: fetch it and go on, instead
  // of asking the user to reload.
  function refreshToken() {
    if (!tokenRefresh) {
      tokenRefresh = (async () => {
        try {
          const r = await fetch(sameOriginUrl("index.html"), { credentials: "same-origin", cache: "no-store" });
          if (!r.ok) {
            return false;
          }
          const doc = new DOMParser().parseFromString(await r.text(), "text/html");
          const meta = doc.querySelector('meta[name="csrf-token"]');
          const fresh = meta ? meta.getAttribute("content") : "";
          const changed = fresh !== "" && fresh !== token;
          token = fresh || token;
          return changed;
        } catch (e) {
          return false;
        } finally {
          tokenRefresh = null;
        }
      })();
    }
    return tokenRefresh;
  }

  // Supervisor's fault codes, by number, for messages.
  const FAULT_NAMES = {
    1: "UNKNOWN_METHOD", 2: "INCORRECT_PARAMETERS", 3: "BAD_ARGUMENTS",
    4: "SIGNATURE_UNSUPPORTED", 6: "SHUTDOWN_STATE", 10: "BAD_NAME", 11: "BAD_SIGNAL",
    20: "NO_FILE", 21: "NOT_EXECUTABLE", 30: "FAILED", 40: "ABNORMAL_TERMINATION",
    50: "SPAWN_ERROR", 60: "ALREADY_STARTED", 70: "NOT_RUNNING", 80: "SUCCESS",
    90: "ALREADY_ADDED", 91: "STILL_RUNNING", 92: "CANT_REREAD"
  };

  class Fault extends Error {
    constructor(code, text) {
      super(text);
      this.name = "Fault";
      this.code = code;
      this.faultName = FAULT_NAMES[code] || String(code);
    }
  }

  class TransportError extends Error {
    constructor(message, status) {
      super(message);
      this.name = "TransportError";
      this.status = status;
    }
  }

  function escapeXml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function encodeValue(v) {
    if (v === null || v === undefined) {
      return "<value><nil/></value>";
    }
    switch (typeof v) {
      case "boolean":
        return "<value><boolean>" + (v ? "1" : "0") + "</boolean></value>";
      case "number":
        return Number.isInteger(v)
          ? "<value><int>" + v + "</int></value>"
          : "<value><double>" + v + "</double></value>";
      case "string":
        return "<value><string>" + escapeXml(v) + "</string></value>";
      default:
        if (Array.isArray(v)) {
          return "<value><array><data>" + v.map(encodeValue).join("") + "</data></array></value>";
        }
        return "<value><struct>" + Object.keys(v).map((k) =>
          "<member><name>" + escapeXml(k) + "</name>" + encodeValue(v[k]) + "</member>").join("") +
          "</struct></value>";
    }
  }

  function encodeCall(method, params) {
    return "<?xml version=\"1.0\"?>\n<methodCall><methodName>" + escapeXml(method) +
      "</methodName><params>" + params.map((p) => "<param>" + encodeValue(p) + "</param>").join("") +
      "</params></methodCall>";
  }

  function elementChildren(node) {
    return Array.from(node.childNodes).filter((n) => n.nodeType === Node.ELEMENT_NODE);
  }

  function child(node, name) {
    return elementChildren(node).find((n) => n.localName === name) || null;
  }

  function decodeValue(valueEl) {
    const typed = elementChildren(valueEl)[0];
    if (!typed) {
      return valueEl.textContent; // an untyped <value> is a string
    }
    const text = typed.textContent;
    switch (typed.localName) {
      case "string": return text;
      case "int": case "i4": case "i8": return parseInt(text.trim(), 10);
      case "double": return parseFloat(text.trim());
      case "boolean": return text.trim() === "1";
      case "nil": return null;
      case "dateTime.iso8601": return text.trim();
      case "base64": {
        const bytes = Uint8Array.from(atob(text.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
        return new TextDecoder().decode(bytes);
      }
      case "array": {
        const data = child(typed, "data");
        return data ? elementChildren(data).filter((n) => n.localName === "value").map(decodeValue) : [];
      }
      case "struct": {
        const out = {};
        for (const member of elementChildren(typed)) {
          const name = child(member, "name");
          const value = child(member, "value");
          if (name && value) {
            out[name.textContent] = decodeValue(value);
          }
        }
        return out;
      }
      default:
        throw new Error("unknown XML-RPC type " + typed.localName);
    }
  }

  // Process output may hold bytes that XML 1.0 forbids (colour escapes, NULs); some servers
  // send them raw or as character references, which makes the document ill-formed. Colour
  // escapes are dropped, the rest shown as U+FFFD, and the parse tried once more.
  function sanitize(xml) {
    return xml
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "")
      .replace(/&#(?:x0*1b|0*27);\[[0-9;?]*[A-Za-z]/gi, "")
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
      .replace(/&#(x0*[0-8bcef]|x0*1[0-9a-f]|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));/gi, "\ufffd");
  }

  function parse(xml) {
    const parser = new DOMParser();
    let doc = parser.parseFromString(xml, "text/xml");
    if (doc.getElementsByTagName("parsererror").length) {
      doc = parser.parseFromString(sanitize(xml), "text/xml");
      if (doc.getElementsByTagName("parsererror").length) {
        throw new TransportError("the daemon's answer is not well-formed XML");
      }
    }
    return doc;
  }

  function decodeResponse(xml) {
    const root = parse(xml).documentElement;
    if (!root || root.localName !== "methodResponse") {
      throw new TransportError("the daemon's answer is not an XML-RPC response");
    }
    const fault = child(root, "fault");
    if (fault) {
      const f = decodeValue(child(fault, "value"));
      throw new Fault(f.faultCode, f.faultString);
    }
    const params = child(root, "params");
    const param = params && child(params, "param");
    const value = param && child(param, "value");
    if (!value) {
      throw new TransportError("the daemon's answer has no value");
    }
    return decodeValue(value);
  }

  async function post(body) {
    try {
      return await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "text/xml", "X-CSRF-Token": token },
        body: body,
        credentials: "same-origin",
        cache: "no-store"
      });
    } catch (e) {
      throw new TransportError("cannot reach supervisord (" + e.message + ")");
    }
  }

  async function call(method, ...params) {
    const body = encodeCall(method, params);
    const sentWith = token;
    let response = await post(body);
    // A refused call did nothing, so sending it again with the new token is safe.
    if (response.status === 403 && (token !== sentWith || await refreshToken())) {
      response = await post(body);
    }
    if (response.status === 401) {
      throw new TransportError("not authorized: reload the page and log in", 401);
    }
    if (response.status === 403) {
      throw new TransportError("refused by supervisord (HTTP 403); reload the page", 403);
    }
    if (!response.ok) {
      throw new TransportError("supervisord answered HTTP " + response.status, response.status);
    }
    return decodeResponse(await response.text());
  }

  // Supervisor's namespec: "name" when the process is alone in a group of its own name.
  function namespec(group, name) {
    return group === name ? name : group + ":" + name;
  }

  return { call, Fault, TransportError, encodeCall, decodeResponse, namespec, FAULT_NAMES };
})();
