/* News brief: the page's few behaviours. Loaded with `defer`; no inline script anywhere (strict CSP).
 * Everything here is an enhancement: the forms and downloads work without it.
 *   - article boxes: remove without a reload, keep their numbers in order;
 *   - files: drag and drop onto the upload zone, list the chosen files;
 *   - brief <-> sources: focusing or clicking a sentence highlights and scrolls to its counterparts;
 *   - copy the brief as plain text, with a spoken "Copied";
 *   - a message when htmx cannot reach the server.
 */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function scrollTo(element) {
    element.scrollIntoView({ block: "nearest", behavior: reduceMotion ? "auto" : "smooth" });
  }

  /* ---- article boxes ------------------------------------------------------------------- */

  function renumberBoxes() {
    var boxes = document.querySelectorAll("#boxes [data-box]");
    boxes.forEach(function (box, position) {
      var number = String(position + 1);
      box.querySelectorAll(".box-label").forEach(function (label) { label.textContent = "Article " + number; });
      box.querySelectorAll(".box-number").forEach(function (span) { span.textContent = number; });
    });
  }

  function removeBox(button) {
    var box = button.closest("[data-box]");
    var boxes = Array.prototype.slice.call(document.querySelectorAll("#boxes [data-box]"));
    if (!box || boxes.length < 2) { return; }
    var index = boxes.indexOf(box);
    var next = boxes[index + 1] || boxes[index - 1];
    box.remove();
    renumberBoxes();
    var field = next && next.querySelector("textarea");
    (field || document.getElementById("add-box")).focus();
  }

  /* ---- files ---------------------------------------------------------------------------- */

  function listFiles(input) {
    var zone = input.closest("[data-dropzone]");
    var list = zone && zone.querySelector("[data-file-list]");
    if (!list) { return; }
    list.textContent = "";
    Array.prototype.forEach.call(input.files || [], function (file) {
      var item = document.createElement("li");
      item.textContent = file.name;  /* textContent: a file name is never markup */
      list.appendChild(item);
    });
    fileProblems(input).forEach(function (problem) {
      var warning = document.createElement("li");
      warning.className = "file-warning";
      warning.textContent = problem;
      list.appendChild(warning);
    });
  }

  function megabytes(bytes) { return (bytes / 1048576).toFixed(1).replace(/\.0$/, "") + " MB"; }

  /* The server's limits, checked before sending: a request over the size limit may be cut off by
   * the server before its answer can be read, which a browser reports as a network failure. */
  function fileProblems(input) {
    var files = Array.prototype.slice.call(input.files || []);
    var maxFiles = parseInt(input.getAttribute("data-max-files") || "0", 10);
    var maxFile = parseInt(input.getAttribute("data-max-file-bytes") || "0", 10);
    var maxRequest = parseInt(input.getAttribute("data-max-request-bytes") || "0", 10);
    var problems = [];
    if (maxFiles && files.length > maxFiles) {
      problems.push("That is " + files.length + " files; at most " + maxFiles + " can be read at once.");
    }
    files.forEach(function (file) {
      if (maxFile && file.size > maxFile) {
        problems.push(file.name + " is " + megabytes(file.size) + "; each file may be at most " + megabytes(maxFile) + ".");
      }
    });
    var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    if (maxRequest && total > maxRequest) {
      problems.push("The files add up to " + megabytes(total) + "; at most " + megabytes(maxRequest) + " can be sent at once.");
    }
    return problems;
  }

  function addDroppedFiles(input, dropped) {
    if (typeof DataTransfer === "undefined") { input.files = dropped; return; }
    var transfer = new DataTransfer();
    Array.prototype.forEach.call(input.files || [], function (file) { transfer.items.add(file); });
    Array.prototype.forEach.call(dropped, function (file) { transfer.items.add(file); });
    input.files = transfer.files;
  }

  function zoneOf(event) {
    return event.target && event.target.closest ? event.target.closest("[data-dropzone]") : null;
  }

  document.addEventListener("dragover", function (event) {
    var zone = zoneOf(event);
    if (!zone) { return; }
    event.preventDefault();
    zone.classList.add("is-dragover");
  });
  document.addEventListener("dragleave", function (event) {
    var zone = zoneOf(event);
    if (zone && !zone.contains(event.relatedTarget)) { zone.classList.remove("is-dragover"); }
  });
  document.addEventListener("drop", function (event) {
    var zone = zoneOf(event);
    if (!zone) { return; }
    event.preventDefault();
    zone.classList.remove("is-dragover");
    var input = zone.querySelector("input[type=file]");
    if (input && event.dataTransfer && event.dataTransfer.files.length) {
      addDroppedFiles(input, event.dataTransfer.files);
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-dropzone] input[type=file]")) { listFiles(event.target); }
  });

  /* ---- brief <-> sources ---------------------------------------------------------------- */

  function clearLinks() {
    document.querySelectorAll(".is-active, .is-linked, .is-differs").forEach(function (element) {
      element.classList.remove("is-active", "is-linked", "is-differs");
    });
  }

  function sourcesOf(briefSentence, attribute) {
    return (briefSentence.getAttribute(attribute || "data-sources") || "").split(/\s+/).filter(Boolean).map(function (pair) {
      var parts = pair.split(":");
      return document.getElementById("s-" + parts[0] + "-" + parts[1]);
    }).filter(Boolean);
  }

  function showBriefSentence(item, scroll) {
    clearLinks();
    item.classList.add("is-active");
    var sources = sourcesOf(item);
    sources.forEach(function (source) { source.classList.add("is-linked"); });
    /* sources that give its figures differently ("Sources differ: ...") */
    sourcesOf(item, "data-disputes").forEach(function (source) { source.classList.add("is-differs"); });
    if (scroll && sources.length) { scrollTo(sources[0]); }
  }

  function showSourceSentence(source, scroll) {
    var item = document.getElementById("b-" + source.getAttribute("data-brief"));
    if (!item) { return; }
    clearLinks();
    item.classList.add("is-linked");
    sourcesOf(item).forEach(function (other) { other.classList.add("is-linked"); });
    source.classList.add("is-active");
    if (scroll) { scrollTo(item); }
  }

  function linkTarget(element) {
    if (!element || !element.closest) { return null; }
    if (element.closest(".badge, .dispute")) { return null; }  /* a badge is a link of its own */
    return element.closest(".brief-sentence[data-sources], .source-sentence[data-brief]");
  }

  function show(target) {
    if (target.classList.contains("brief-sentence")) { showBriefSentence(target, true); }
    else { showSourceSentence(target, true); }
  }

  document.addEventListener("focusin", function (event) {
    var target = linkTarget(event.target);
    if (target) { show(target); }
  });

  /* ---- copy ------------------------------------------------------------------------------- */

  function announce(status, message) {
    if (!status) { return; }
    status.textContent = message;
    window.clearTimeout(status._timer);
    status._timer = window.setTimeout(function () { status.textContent = ""; }, 4000);
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    area.remove();
    return done;
  }

  function copy(button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    var status = document.getElementById("copy-status");
    if (!source) { return; }
    var text = source.textContent;
    var focusBack = function () { button.focus(); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        announce(status, "Copied");
      }, function () {
        announce(status, copyWithTextarea(text) ? "Copied" : "Could not copy: use a download instead");
      }).then(focusBack);
    } else {
      announce(status, copyWithTextarea(text) ? "Copied" : "Could not copy: use a download instead");
      focusBack();
    }
  }

  /* ---- clicks ----------------------------------------------------------------------------- */

  document.addEventListener("click", function (event) {
    var remove = event.target.closest && event.target.closest("[data-remove-box]");
    if (remove) {
      event.preventDefault();  /* without JavaScript it submits the form with action=remove-N */
      removeBox(remove);
      return;
    }
    var copyButton = event.target.closest && event.target.closest("[data-copy]");
    if (copyButton) {
      copy(copyButton);
      return;
    }
    var target = linkTarget(event.target);
    if (target) { show(target); }
  });

  /* ---- htmx ------------------------------------------------------------------------------- */

  document.addEventListener("htmx:afterSettle", renumberBoxes);

  function showAlert(messages) {
    var alert = document.getElementById("form-alert");
    if (!alert) { return; }
    alert.textContent = "";
    var box = document.createElement("div");
    box.className = "alert-box";
    var title = document.createElement("h2");
    title.className = "alert-title";
    title.textContent = "There is a problem";
    box.appendChild(title);
    messages.forEach(function (message) {
      var text = document.createElement("p");
      text.textContent = message;
      box.appendChild(text);
    });
    alert.appendChild(box);
  }

  function networkProblem() {
    showAlert(["The server could not be reached or did not answer, so no brief was made. " +
               "Check the connection and try again; if you chose large files, choose fewer or smaller ones."]);
  }
  document.addEventListener("htmx:sendError", networkProblem);
  document.addEventListener("htmx:timeout", networkProblem);

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail && event.detail.elt;
    if (!form || form.id !== "summarize-form") { return; }
    var input = form.querySelector("input[type=file]");
    var problems = input ? fileProblems(input) : [];
    if (problems.length) {
      event.preventDefault();  /* nothing is sent; the form keeps everything */
      showAlert(problems);
    }
  });

  /* ---- start ------------------------------------------------------------------------------ */

  function start() {
    document.querySelectorAll("[data-copy][hidden]").forEach(function (button) { button.hidden = false; });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
