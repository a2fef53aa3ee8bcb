/* News brief: the page's few behaviours. Loaded with `defer`; no inline script anywhere (strict CSP).
 * Everything here is an enhancement: the forms and downloads work without it.
 *   - article boxes: remove without a reload, keep their numbers in order; what was typed in every box is
 *     kept for this history entry, so Back and reload bring all the boxes back, not only the first two;
 *   - how many articles the page found (boxes, boxes split at a line of dashes, links, files);
 *   - files: drag and drop onto the upload zone, list the chosen files, each with "Remove";
 *   - the method's one-line explanation follows the chosen method;
 *   - errors: the alert is scrolled into view and focused, and fields get aria-invalid;
 *   - brief <-> sources: focusing or clicking a sentence highlights and scrolls to its counterparts; a badge
 *     opens its (collapsed) source at the sentence, "back to the brief" returns;
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
    formChanged();
  }

  /* ---- nothing lost: every box's content, kept per history entry ------------------------------
   * A browser restores, on Back (without the back/forward cache) and on reload, only the fields the page's
   * HTML has: the first two boxes. So what the form holds is kept in sessionStorage under a key held in
   * this history entry's state, and put back (boxes added as needed) when the entry is visited again. */

  var FORM_STORE = "brief-form:";
  var OPTION_NAMES = ["length", "unit", "words_mode", "algorithm", "language"];

  function homeForm() { return document.getElementById("summarize-form"); }

  function formKey(create) {
    var state = history.state && typeof history.state === "object" ? history.state : {};
    if (!state.briefForm && create) {
      state = Object.assign({}, state, { briefForm: Date.now().toString(36) + Math.random().toString(36).slice(2) });
      try { history.replaceState(state, ""); } catch (error) { return null; }
    }
    return state.briefForm ? FORM_STORE + state.briefForm : null;
  }

  function snapshot(form) {
    var boxes = Array.prototype.map.call(form.querySelectorAll("#boxes [data-box]"), function (box) {
      var title = box.querySelector("input[name=title]");
      var text = box.querySelector("textarea[name=text]");
      return [title ? title.value : "", text ? text.value : ""];
    });
    var options = {};
    OPTION_NAMES.forEach(function (name) {
      var field = form.elements[name];
      if (field) { options[name] = field.type === "checkbox" ? field.checked : field.value; }
    });
    return { boxes: boxes, options: options };
  }

  function saveForm() {
    var form = homeForm();
    var key = form && formKey(true);
    if (!key) { return; }
    var value = JSON.stringify(snapshot(form));
    try {
      sessionStorage.setItem(key, value);
    } catch (error) {
      /* storage full: older history entries' forms give way to this one */
      try {
        Object.keys(sessionStorage).forEach(function (name) {
          if (name.indexOf(FORM_STORE) === 0 && name !== key) { sessionStorage.removeItem(name); }
        });
        sessionStorage.setItem(key, value);
      } catch (ignored) { /* too large to keep: the browser's own restoring still covers the first boxes */ }
    }
  }

  var saveTimer = null;
  function formChanged() {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(function () { saveForm(); countArticles(); }, 200);
  }

  function boxIndex(box) { return parseInt((box.id || "").replace("box-", ""), 10) || 0; }

  /* A new empty box made from an existing one (same markup as the server's _article_box.html). */
  function cloneBox(model, index) {
    var box = model.cloneNode(true);
    var old = String(boxIndex(model));
    box.id = "box-" + index;
    box.querySelectorAll("[id], [for], [value^=remove-]").forEach(function (element) {
      ["id", "for"].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value && value.slice(-(old.length + 1)) === "-" + old) {
          element.setAttribute(attribute, value.slice(0, -old.length) + index);
        }
      });
      if (element.matches("[value^=remove-]")) { element.value = "remove-" + index; }
    });
    box.querySelectorAll("input, textarea").forEach(function (field) { field.value = ""; field.removeAttribute("autofocus"); });
    return box;
  }

  function setBoxCount(count) {
    var container = document.getElementById("boxes");
    var boxes = container ? container.querySelectorAll("[data-box]") : [];
    if (!boxes.length) { return; }
    var next = Math.max.apply(null, Array.prototype.map.call(boxes, boxIndex)) + 1;
    for (var n = boxes.length; n < count; n++) { container.appendChild(cloneBox(boxes[0], next++)); }
    for (var m = boxes.length; m > Math.max(count, 1); m--) { boxes[m - 1].remove(); }
    var add = document.getElementById("add-box");
    if (add && add.getAttribute("hx-get")) {
      add.setAttribute("hx-get", add.getAttribute("hx-get").replace(/index=\d+/, "index=" + next));
      if (window.htmx) { window.htmx.process(add); }
    }
    renumberBoxes();
  }

  function restoreForm() {
    var form = homeForm();
    var key = form && formKey(false);
    var navigation = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (!key || !navigation || (navigation.type !== "back_forward" && navigation.type !== "reload")) { return; }
    var saved;
    try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (error) { saved = null; }
    if (!saved || !Array.isArray(saved.boxes) || !saved.boxes.length) { return; }
    setBoxCount(saved.boxes.length);
    form.querySelectorAll("#boxes [data-box]").forEach(function (box, position) {
      var values = saved.boxes[position] || ["", ""];
      var title = box.querySelector("input[name=title]");
      var text = box.querySelector("textarea[name=text]");
      if (title) { title.value = values[0]; }
      if (text) { text.value = values[1]; }
    });
    Object.keys(saved.options || {}).forEach(function (name) {
      var field = form.elements[name];
      if (!field || OPTION_NAMES.indexOf(name) < 0) { return; }
      if (field.type === "checkbox") { field.checked = !!saved.options[name]; } else { field.value = saved.options[name]; }
    });
  }

  /* ---- how many articles the page found, before it is sent --------------------------------- */

  /* The server's split (summarizer/ingest.py split_pasted): a line of three or more dashes splits, except,
     in a paste that reads as Markdown, right under a short line that does not end as a sentence or a tag
     does, where it underlines a heading. */
  var DASH_LINE = /^[ \t]*-{3,}[ \t]*$/;
  var MARKDOWN_SIGNS = /^#{1,6}[ \t]+\S|^[ \t]*(?:```|~~~)|\[[^\[\]\n]+\]\([^()\[\]\s]+[)\s]|\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*|^[ \t]*\*[^*\s](?:[^*\n]*[^*\s])?\*(?![*\w])/m;
  var ENDS_LIKE_TEXT = /[.!?;:,"'\u201d\u2019>\]]\s*$/;
  var SETEXT_MAX_WORDS = 12;
  var LINK_LINE = /^https?:\/\/\S+$/i;

  function couldBeHeading(line) {
    var words = line.split(/\s+/).filter(Boolean);
    return words.length > 0 && words.length <= SETEXT_MAX_WORDS && !ENDS_LIKE_TEXT.test(line);
  }

  function pastedArticles(text) {
    var markdown = MARKDOWN_SIGNS.test(text);
    var pieces = [], current = [], underHeading = false;
    text.split(/\r\n|\r|\n/).forEach(function (line) {
      if (DASH_LINE.test(line) && !(markdown && underHeading)) {
        pieces.push(current.join("\n"));
        current = [];
        underHeading = false;
        return;
      }
      current.push(line);
      underHeading = couldBeHeading(line);
    });
    pieces.push(current.join("\n"));
    return pieces.filter(function (piece) { return piece.trim(); });
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function articleCount(form) {
    var boxes = 0, split = 0, pieces = 0, links = 0;
    form.querySelectorAll("#boxes textarea[name=text]").forEach(function (area) {
      var text = area.value;
      if (!text.trim()) { return; }
      var lines = text.split(/\r\n|\r|\n/).map(function (line) { return line.trim(); }).filter(Boolean);
      if (lines.every(function (line) { return LINK_LINE.test(line); })) { links += lines.length; return; }
      var parts = pastedArticles(text);
      boxes += 1;
      pieces += parts.length;
      if (parts.length > 1) { split += 1; }
    });
    var input = form.querySelector("input[type=file]");
    var files = input && input.files ? input.files.length : 0;
    var total = pieces + links + files;
    if (!total) { return "No articles yet."; }
    var parts = [];
    if (boxes) {
      var said = plural(boxes, "box", "boxes");
      if (split === 1 && boxes === 1) { said += pieces > 2 ? " split at lines of dashes" : " split at a line of dashes"; }
      else if (split && split === boxes) { said += ", each split at lines of dashes"; }
      else if (split === 1) { said += ", one of them split at a line of dashes"; }
      else if (split) { said += ", " + split + " of them split at lines of dashes"; }
      parts.push(said);
    }
    if (links) { parts.push(plural(links, "link", "links")); }
    if (files) { parts.push(plural(files, "file", "files")); }
    var last = parts.pop();
    var list = parts.length ? parts.join(", ") + (parts.join("").indexOf(",") >= 0 ? ", and " : " and ") + last : last;
    return plural(total, "article", "articles") + ": " + list + ".";
  }

  function countArticles() {
    var form = homeForm();
    var line = document.getElementById("article-count");
    if (!form || !line) { return; }
    var text = articleCount(form);
    if (line.textContent !== text) { line.textContent = text; }
    line.hidden = false;
  }

  /* ---- files ---------------------------------------------------------------------------- */

  var canRebuildFiles = (function () {
    try { return typeof DataTransfer !== "undefined" && !!new DataTransfer().items; } catch (error) { return false; }
  }());

  function sizeOf(bytes) {
    if (bytes < 1024) { return bytes + " bytes"; }
    if (bytes < 1048576) { return Math.round(bytes / 1024) + " KB"; }
    return megabytes(bytes);
  }

  function listFiles(input) {
    var zone = input.closest("[data-dropzone]");
    var list = zone && zone.querySelector("[data-file-list]");
    if (!list) { return; }
    list.textContent = "";
    Array.prototype.forEach.call(input.files || [], function (file, index) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "file-name";
      name.textContent = file.name;  /* textContent: a file name is never markup */
      var size = document.createElement("span");
      size.className = "file-size";
      size.textContent = sizeOf(file.size);
      item.appendChild(name);
      item.appendChild(size);
      if (canRebuildFiles) {
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link-button";
        remove.setAttribute("data-remove-file", String(index));
        remove.textContent = "Remove";
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = " " + file.name;
        remove.appendChild(hidden);
        item.appendChild(remove);
      }
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

  /* "Remove" beside a chosen file: the input's list is rebuilt without it (a file input cannot drop one file). */
  function removeFile(button) {
    var zone = button.closest("[data-dropzone]");
    var input = zone && zone.querySelector("input[type=file]");
    if (!input) { return; }
    var index = parseInt(button.getAttribute("data-remove-file"), 10);
    var transfer = new DataTransfer();
    var removed = null;
    Array.prototype.forEach.call(input.files || [], function (file, position) {
      if (position === index) { removed = file; } else { transfer.items.add(file); }
    });
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    var status = zone.querySelector("[data-file-status]");
    if (status && removed) { status.textContent = removed.name + " removed; " + plural(input.files.length, "file", "files") + " chosen."; }
    var buttons = zone.querySelectorAll("[data-remove-file]");
    (buttons[Math.min(index, buttons.length - 1)] || input).focus();
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
    if (event.target.matches && event.target.matches("select[data-hint]")) { showHint(event.target); }
    if (event.target.closest && event.target.closest("#summarize-form")) { countArticles(); formChanged(); }
  });
  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#summarize-form")) { formChanged(); }
  });

  /* ---- the method's one-line explanation ------------------------------------------------------ */

  function showHint(select) {
    var hint = document.querySelector(select.getAttribute("data-hint"));
    var option = select.options[select.selectedIndex];
    if (hint && option) { hint.textContent = option.getAttribute("data-hint") || ""; }
  }

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

  var quietFocus = false;  /* focus moved by a link the browser already scrolled for: highlight, do not scroll */

  function focusQuietly(element) {
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    quietFocus = true;
    try { element.focus({ preventScroll: true }); } finally { quietFocus = false; }
  }

  document.addEventListener("focusin", function (event) {
    if (quietFocus) { return; }
    var target = linkTarget(event.target);
    if (target) { show(target); }
  });

  /* A badge ("Kyodo") or "Sources differ" link: open that source's whole text if it is collapsed, then let
   * the browser follow the link (so Back returns); "back to the brief" goes the other way. Either way the
   * sentence arrived at is highlighted and focused, so the keyboard and a screen reader are there too. */
  function followToSource(link) {
    var id = (link.getAttribute("href") || "").split("#")[1];
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var text = target.closest(".source-text");
    var whole = text && text.querySelector(":scope > .source-whole");
    if (whole && !whole.open) { whole.open = true; }
    window.setTimeout(function () {
      if (target.classList.contains("source-sentence") && target.hasAttribute("data-brief")) { showSourceSentence(target, false); }
      focusQuietly(target);
    }, 0);
  }

  function followToBrief(link) {
    var item = document.getElementById("b-" + link.getAttribute("data-brief"));
    if (!item) { return; }
    window.setTimeout(function () {
      showBriefSentence(item, false);
      focusQuietly(item);
    }, 0);
  }

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
    var removeFileButton = event.target.closest && event.target.closest("[data-remove-file]");
    if (removeFileButton) {
      removeFile(removeFileButton);
      return;
    }
    var toSource = event.target.closest && event.target.closest("a.badge.source, a.dispute");
    if (toSource) {
      followToSource(toSource);  /* the browser then follows the link */
      return;
    }
    var toBrief = event.target.closest && event.target.closest("a.back-to-brief");
    if (toBrief) {
      followToBrief(toBrief);
      return;
    }
    var target = linkTarget(event.target);
    if (target) { show(target); }
  });

  /* ---- htmx ------------------------------------------------------------------------------- */

  /* An error: scrolled into view and focused (it is also a role=alert region, so it is announced), and each
   * field with a message marked aria-invalid (the server marks them in a page it renders; htmx swaps only the
   * messages). */
  function revealAlert() {
    var box = document.querySelector("#form-alert .alert-box");
    if (!box) { return; }
    if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "-1"); }
    box.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    box.focus({ preventScroll: true });
  }

  function markInvalidFields() {
    document.querySelectorAll(".field-error[id^='error-']").forEach(function (message) {
      var field = document.getElementById(message.id.slice("error-".length));
      if (!field) { return; }
      if (message.textContent.trim()) { field.setAttribute("aria-invalid", "true"); }
      else { field.removeAttribute("aria-invalid"); }
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    renumberBoxes();
    markInvalidFields();
    var target = event.detail && event.detail.target;
    if (target && target.id === "form-alert") { revealAlert(); }
    if (target && target.id === "boxes") { formChanged(); }
  });

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
    revealAlert();
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
    saveForm();
    var input = form.querySelector("input[type=file]");
    var problems = input ? fileProblems(input) : [];
    if (problems.length) {
      event.preventDefault();  /* nothing is sent; the form keeps everything */
      showAlert(problems);
    }
  });

  /* ---- start ------------------------------------------------------------------------------ */

  /* A page shown again from the back/forward cache is as it was left: a form that was being sent still looks
   * busy (htmx keeps its indicator when the answer is a redirect). */
  function resetBusyState() {
    document.querySelectorAll(".htmx-request").forEach(function (element) { element.classList.remove("htmx-request"); });
    document.querySelectorAll("#summarize-button, #add-box, #resummarize-button").forEach(function (button) {
      button.disabled = false;
    });
  }

  function start() {
    document.querySelectorAll("[data-copy][hidden]").forEach(function (button) { button.hidden = false; });
    restoreForm();
    if (homeForm()) { formKey(true); }  /* now: a state replaced while the page unloads may not be kept */
    document.querySelectorAll("[data-dropzone] input[type=file]").forEach(listFiles);
    document.querySelectorAll("select[data-hint]").forEach(showHint);
    countArticles();
    markInvalidFields();
    revealAlert();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    resetBusyState();
    document.querySelectorAll("[data-dropzone] input[type=file]").forEach(listFiles);
    countArticles();
  });
  window.addEventListener("pagehide", function () { if (homeForm()) { saveForm(); } });
}());
