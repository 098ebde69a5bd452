/*
 * Assistant achats durables: chat widget for intranet pages.
 *
 * Embed with one tag (no build step, no dependency):
 *   <script src="http://assistant:5005/widget/widget.js" data-server="http://assistant:5005"
 *           data-title="..." data-welcome="..." data-color="#00695c" data-position="right" defer></script>
 *
 * Talks to the assistant's REST channel (POST /webhooks/rest/webhook {sender, message}).
 * Security: every piece of text (user input, bot answers, attributes) reaches the page through
 * textContent / createTextNode only; links are built with createElement and accept http(s) only.
 *
 * A structured answer (the message's `custom` payload, actions/reply.py) shows its short answer, its
 * useful links as small chips, « En savoir plus » as a native <details> disclosure (the details in
 * place, no second request), and its sources as small titled links under the bubble, with the date
 * they were consulted.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || window.__assistantAchatsDurablesWidget) {
    return;
  }
  window.__assistantAchatsDurablesWidget = true;

  const DEFAULTS = {
    title: "Assistant achats durables",
    welcome:
      "Bonjour\u00a0! Je réponds à vos questions sur les achats durables\u00a0: loi AGEC, matériaux " +
      "biosourcés, clauses sociales, réseaux régionaux… Que puis-je faire pour vous\u00a0?",
    color: "#00695c",
  };
  const MAX_ATTEMPTS = 3;
  const BACKOFF_MS = [1000, 3000];
  const REQUEST_TIMEOUT_MS = 45000;
  const MAX_STORED_MESSAGES = 200;
  const MAX_MESSAGE_CHARS = 2000;
  // « En savoir plus » as a button payload (actions/reply.py): the widget shows the details in place.
  const DETAILS_PAYLOAD = "/more_details";
  const MAX_REPLY_CHARS = 6000;
  const MAX_REPLY_ITEMS = 12;
  // Issue 13: votes on an answer and the handoff (actions/reply.py: vote_payload, HANDOFF_PAYLOAD).
  const ANSWER_ID = /^[A-Za-z0-9_-]{1,32}$/;
  const MAX_COMMENT_CHARS = 100;
  const HANDOFF_PAYLOAD = "/ask_human";
  const TEXT = {
    launcher: "Une question\u00a0?",
    open: "Une question\u00a0? Ouvrir la conversation avec l'assistant",
    close: "Fermer la conversation",
    restart: "Recommencer la conversation",
    restartConfirm: "Effacer cette conversation et en commencer une nouvelle\u00a0?",
    log: "Conversation avec l'assistant",
    input: "Votre message",
    placeholder: "Posez votre question…",
    send: "Envoyer",
    sendLabel: "Envoyer le message",
    you: "Vous\u00a0: ",
    bot: "Assistant\u00a0: ",
    typing: "L'assistant écrit…",
    replies: "Réponses proposées",
    more: "En savoir plus",
    links: "Liens utiles",
    source: "Source\u00a0: ",
    sources: "Sources\u00a0: ",
    retry: "Réessayer",
    notSent: "Non envoyé",
    unreachable:
      "Impossible de joindre l'assistant pour le moment. Votre message n'est pas perdu\u00a0: " +
      "vérifiez votre connexion, puis cliquez sur «\u00a0Réessayer\u00a0».",
    serverError:
      "L'assistant n'a pas pu traiter votre message (erreur {status}). Vous pouvez réessayer " +
      "dans quelques instants.",
    tooLong: "Votre message est trop long (plus de {limit} caractères). Pouvez-vous le raccourcir\u00a0?",
    busy: "Patientez\u00a0: l'assistant répond encore à votre message précédent.",
    voteGroup: "Cette réponse vous a-t-elle aidé\u00a0?",
    voteUp: "Réponse utile",
    voteDown: "Réponse pas utile",
    voteThanks: "Merci pour votre retour\u00a0!",
    voteNotSent: "Votre vote n'a pas pu être envoyé. Cliquez à nouveau pour réessayer.",
    commentLabel: "Qu'est-ce qui manquait\u00a0? (facultatif)",
    commentSend: "Envoyer ma remarque",
    commentSkip: "Passer",
    commentThanks: "Merci, votre remarque est notée.",
    handoff: "Préparer ma question pour le guichet vert",
    copy: "Copier le texte",
    copied: "Texte copié\u00a0: collez-le dans le formulaire.",
    copyFailed: "Sélectionnez le texte puis copiez-le (Ctrl+C).",
    copyLabel: "Votre question prête à envoyer",
  };

  /* ---------- configuration ---------- */

  function readConfig() {
    const data = script.dataset;
    const scriptUrl = new URL(script.src, document.baseURI);
    // By default, the server that serves .../widget/widget.js (also behind a proxy path prefix).
    let server = new URL("../", scriptUrl).href.replace(/\/+$/, "");
    if (data.server) {
      try {
        server = new URL(data.server, document.baseURI).href.replace(/\/+$/, "");
      } catch (error) {
        /* keep the default */
      }
    }
    const color = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || "") ? data.color : DEFAULTS.color;
    return {
      server: server,
      webhook: server + "/webhooks/rest/webhook",
      stylesheet: new URL("widget.css", scriptUrl).href,
      title: (data.title || "").trim() || DEFAULTS.title,
      welcome: (data.welcome || "").trim() || DEFAULTS.welcome,
      color: color,
      position: data.position === "left" ? "left" : "right",
      storageKey: "assistant-achats-durables:" + server,
    };
  }

  /** Relative luminance (WCAG 2.x) of a #rgb or #rrggbb color. */
  function luminance(hex) {
    let digits = hex.slice(1);
    if (digits.length === 3) {
      digits = digits.replace(/./g, "$&$&");
    }
    const channels = [0, 2, 4].map(function (i) {
      const value = parseInt(digits.slice(i, i + 2), 16) / 255;
      return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  function contrast(a, b) {
    const hi = Math.max(a, b);
    const lo = Math.min(a, b);
    return (hi + 0.05) / (lo + 0.05);
  }

  /** Text color (white or near-black) with the best contrast on the brand color. */
  function textColorOn(hex) {
    const background = luminance(hex);
    return contrast(background, 1) >= contrast(background, luminance("#1a1a1a")) ? "#ffffff" : "#1a1a1a";
  }

  /* ---------- storage (sender id + history) ---------- */

  function randomId() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  function createStore(key) {
    let memory = null;
    function load() {
      let state = memory;
      try {
        const raw = window.localStorage.getItem(key);
        if (raw) {
          state = JSON.parse(raw);
        }
      } catch (error) {
        state = memory;
      }
      if (!state || typeof state.sender !== "string" || !Array.isArray(state.messages)) {
        state = { sender: "widget-" + randomId(), messages: [], open: false };
      }
      state.messages = state.messages.filter(function (m) {
        return m && (m.from === "user" || m.from === "bot") && typeof m.text === "string";
      });
      state.messages.forEach(function (m) {
        if (m.from === "bot") {
          m.reply = readReply(m.reply); // stored state is input too: read it again
        }
      });
      return state;
    }
    function save(state) {
      state.messages = state.messages.slice(-MAX_STORED_MESSAGES);
      memory = state;
      try {
        window.localStorage.setItem(key, JSON.stringify(state));
      } catch (error) {
        /* storage full or disabled: the conversation still works for this page */
      }
    }
    return { load: load, save: save };
  }

  /* ---------- safe rendering of bot text ---------- */

  const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'«»]+/gi;
  const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;
  const LIST_ITEM = /^\s*(?:•|-)\s+(.*)$/;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function safeHttpUrl(candidate) {
    try {
      const url = new URL(candidate);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /** Appends text to parent, turning bare http(s) URLs into links opening in a new tab. */
  function appendLinkified(parent, text) {
    let last = 0;
    URL_PATTERN.lastIndex = 0;
    let match;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      let raw = match[0];
      const trailing = raw.match(TRAILING_PUNCTUATION);
      if (trailing) {
        let cut = trailing[0];
        // Keep a closing parenthesis that belongs to the URL, e.g. .../Loi_(France)
        if (cut.indexOf(")") !== -1 && raw.split("(").length > raw.split(")").length - 1) {
          cut = cut.slice(cut.lastIndexOf(")") + 1);
        }
        raw = raw.slice(0, raw.length - cut.length);
      }
      const href = safeHttpUrl(raw);
      if (!href) {
        continue;
      }
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      const link = el("a", "aw-link", raw);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.appendChild(link);
      last = match.index + raw.length;
      URL_PATTERN.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** Inline formatting: **gras** and links. An unmatched ** stays literal. */
  function appendInline(parent, text) {
    const parts = text.split("**");
    if (parts.length % 2 === 0) {
      const tail = parts.pop();
      parts[parts.length - 1] += "**" + tail;
    }
    parts.forEach(function (part, index) {
      if (!part) {
        return;
      }
      if (index % 2 === 1) {
        const strong = el("strong");
        appendLinkified(strong, part);
        parent.appendChild(strong);
      } else {
        appendLinkified(parent, part);
      }
    });
  }

  /** French typography: no line break before « : ; ? ! » or inside « ». */
  function frenchSpacing(text) {
    return text.replace(/ ([:;?!»])/g, "\u00a0$1").replace(/« /g, "«\u00a0");
  }

  /** Paragraphs (blank lines), line breaks and bullet lists ("• " or "- " lines). */
  function renderRichText(container, text) {
    let paragraph = null;
    let list = null;
    frenchSpacing(text).split(/\r?\n/).forEach(function (line) {
      const item = LIST_ITEM.exec(line);
      if (item) {
        paragraph = null;
        if (!list) {
          list = el("ul", "aw-list");
          container.appendChild(list);
        }
        const li = el("li");
        appendInline(li, item[1]);
        list.appendChild(li);
      } else if (!line.trim()) {
        paragraph = null;
        list = null;
      } else {
        list = null;
        if (paragraph) {
          paragraph.appendChild(el("br"));
        } else {
          paragraph = el("p", "aw-paragraph");
          container.appendChild(paragraph);
        }
        appendInline(paragraph, line);
      }
    });
  }

  /* ---------- structured answers (the REST message's `custom` payload, actions/reply.py) ---------- */

  function shortText(value, limit) {
    return typeof value === "string" ? value.trim().slice(0, limit) : "";
  }

  function readLinks(items, max) {
    if (!Array.isArray(items)) {
      return [];
    }
    return items
      .filter(function (item) {
        return item && typeof item === "object" && shortText(item.title, 200) && safeHttpUrl(item.url);
      })
      .slice(0, max)
      .map(function (item) {
        const link = { title: shortText(item.title, 200), url: safeHttpUrl(item.url) };
        if (typeof item.note === "string") {
          link.note = shortText(item.note, 80);
        }
        return link;
      });
  }

  function readButtons(items) {
    if (!Array.isArray(items)) {
      return [];
    }
    return items
      .filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string";
      })
      .slice(0, MAX_REPLY_ITEMS)
      .map(function (b) {
        return { title: b.title, payload: b.payload };
      });
  }

  /** The structured reply of a bot message, keeping only text and http(s) links; null if none. */
  function readReply(custom) {
    if (
      !custom ||
      typeof custom !== "object" ||
      (custom.kind !== "answer" && custom.kind !== "details" && custom.kind !== "handoff")
    ) {
      return null;
    }
    const answer = shortText(custom.answer, MAX_REPLY_CHARS);
    if (!answer) {
      return null;
    }
    return {
      kind: custom.kind,
      answer: answer,
      details: shortText(custom.details, MAX_REPLY_CHARS),
      links: readLinks(custom.links, MAX_REPLY_ITEMS),
      detailLinks: readLinks(custom.detail_links, MAX_REPLY_ITEMS),
      sources: readLinks(custom.sources, 2),
      sourcesNote: shortText(custom.sources_note, 120),
      buttons: readButtons(custom.buttons),
      id: typeof custom.id === "string" && ANSWER_ID.test(custom.id) ? custom.id : "",
      copy: shortText(custom.copy, MAX_REPLY_CHARS),
    };
  }

  /** The NLU-free vote message (actions/reply.py: vote_payload). */
  function votePayload(answerId, vote, comment) {
    const entities = { vote: vote, answer: answerId };
    if (comment) {
      entities.comment = comment.slice(0, MAX_COMMENT_CHARS);
    }
    return "/feedback" + JSON.stringify(entities);
  }

  /** Copies text with the Clipboard API, else the old way (a selected, hidden textarea). */
  async function copyText(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (error) {
      /* fall back below */
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    return done;
  }

  function copyBlock(text) {
    const box = el("div", "aw-copy");
    const pre = el("pre", "aw-copy-text", text);
    pre.setAttribute("tabindex", "0");
    pre.setAttribute("aria-label", TEXT.copyLabel);
    box.appendChild(pre);
    const button = el("button", "aw-copy-button", TEXT.copy);
    button.type = "button";
    const status = el("span", "aw-copy-status");
    status.setAttribute("role", "status");
    button.addEventListener("click", async function () {
      const done = await copyText(text);
      status.textContent = done ? TEXT.copied : TEXT.copyFailed;
      if (!done) {
        const range = document.createRange();
        range.selectNodeContents(pre);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
    });
    box.appendChild(button);
    box.appendChild(status);
    return box;
  }

  function appendLink(parent, link, className) {
    const a = el("a", className, link.title);
    a.href = link.url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    parent.appendChild(a);
    return a;
  }

  function linkList(links, label) {
    const list = el("ul", "aw-links");
    list.setAttribute("aria-label", label);
    links.forEach(function (link) {
      const item = el("li");
      appendLink(item, link, "aw-link aw-link-chip");
      list.appendChild(item);
    });
    return list;
  }

  /** « Sources : Titre · Titre — consultées le … »: small titled links (no raw address shown). */
  function sourcesLine(sources, note) {
    const line = el("p", "aw-sources");
    line.appendChild(document.createTextNode(sources.length > 1 ? TEXT.sources : TEXT.source));
    sources.forEach(function (source, index) {
      if (index > 0) {
        line.appendChild(document.createTextNode(" · "));
      }
      appendLink(line, source, "aw-link");
      if (!note && source.note) {
        line.appendChild(document.createTextNode(" (" + source.note + ")"));
      }
    });
    if (note) {
      line.appendChild(document.createTextNode(" — " + note));
    }
    return line;
  }

  /** « En savoir plus »: a native disclosure (keyboard accessible), the details rendered as text. */
  function detailsDisclosure(reply) {
    const disclosure = el("details", "aw-details");
    disclosure.appendChild(el("summary", "aw-more", TEXT.more));
    const body = el("div", "aw-details-body");
    renderRichText(body, reply.details);
    if (reply.detailLinks.length) {
      body.appendChild(linkList(reply.detailLinks, TEXT.links));
    }
    disclosure.appendChild(body);
    return disclosure;
  }

  /* ---------- the widget ---------- */

  function svgIcon(paths) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "24");
    svg.setAttribute("height", "24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    paths.forEach(function (d) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  const ICON_CHAT = ["M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"];
  const ICON_CLOSE = ["M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"];
  const ICON_RESTART = [
    "M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z",
  ];
  const ICON_SEND = ["M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z"];

  function Widget(config) {
    this.config = config;
    this.store = createStore(config.storageKey);
    this.state = this.store.load();
    this.busy = false;
    this.nodes = new WeakMap(); // user message -> its bubble (kept out of the stored state)
    this.build();
    this.renderHistory();
    if (this.state.open) {
      this.open(false);
    }
  }

  Widget.prototype.build = function () {
    const config = this.config;
    const host = el("div");
    host.id = "assistant-achats-durables-widget";
    const root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    this.host = host;
    this.root = root;

    const stylesheet = document.createElement("link");
    stylesheet.rel = "stylesheet";
    stylesheet.href = config.stylesheet;
    root.appendChild(stylesheet);

    const frame = el("div", "aw-root aw-" + config.position);
    frame.style.setProperty("--aw-color", config.color);
    frame.style.setProperty("--aw-on-color", textColorOn(config.color));
    root.appendChild(frame);

    const launcher = el("button", "aw-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-label", TEXT.open);
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "aw-panel");
    launcher.appendChild(svgIcon(ICON_CHAT));
    launcher.appendChild(el("span", "aw-launcher-text", TEXT.launcher));
    frame.appendChild(launcher);

    const panel = el("section", "aw-panel");
    panel.id = "aw-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "aw-title");
    frame.appendChild(panel);

    const header = el("header", "aw-header");
    const title = el("h2", "aw-title", config.title);
    title.id = "aw-title";
    header.appendChild(title);
    const restart = el("button", "aw-icon-button aw-restart");
    restart.type = "button";
    restart.setAttribute("aria-label", TEXT.restart);
    restart.title = TEXT.restart;
    restart.appendChild(svgIcon(ICON_RESTART));
    header.appendChild(restart);
    const close = el("button", "aw-icon-button aw-close");
    close.type = "button";
    close.setAttribute("aria-label", TEXT.close);
    close.title = TEXT.close;
    close.appendChild(svgIcon(ICON_CLOSE));
    header.appendChild(close);
    panel.appendChild(header);

    const log = el("div", "aw-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.setAttribute("aria-label", TEXT.log);
    log.tabIndex = 0;
    panel.appendChild(log);

    const typing = el("div", "aw-typing");
    typing.setAttribute("role", "status");
    typing.hidden = true;
    const dots = el("span", "aw-dots");
    dots.setAttribute("aria-hidden", "true");
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    typing.appendChild(dots);
    typing.appendChild(el("span", "aw-typing-text", TEXT.typing));
    panel.appendChild(typing);

    const notice = el("p", "aw-notice");
    notice.setAttribute("role", "status");
    panel.appendChild(notice);

    const form = el("form", "aw-form");
    form.noValidate = true;
    const label = el("label", "aw-sr", TEXT.input);
    label.htmlFor = "aw-input";
    form.appendChild(label);
    const input = el("textarea", "aw-input");
    input.id = "aw-input";
    input.rows = 1;
    input.placeholder = TEXT.placeholder;
    input.setAttribute("enterkeyhint", "send");
    input.autocomplete = "off";
    form.appendChild(input);
    const send = el("button", "aw-send");
    send.type = "submit";
    send.setAttribute("aria-label", TEXT.sendLabel);
    send.appendChild(svgIcon(ICON_SEND));
    send.appendChild(el("span", "aw-sr", TEXT.send));
    form.appendChild(send);
    panel.appendChild(form);

    this.launcher = launcher;
    this.panel = panel;
    this.log = log;
    this.typing = typing;
    this.notice = notice;
    this.input = input;

    const self = this;
    launcher.addEventListener("click", function () {
      if (self.panel.hidden) {
        self.open(true);
      } else {
        self.close();
      }
    });
    close.addEventListener("click", function () {
      self.close();
    });
    restart.addEventListener("click", function () {
      if (window.confirm(TEXT.restartConfirm)) {
        self.restart();
      }
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        self.close();
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submitInput();
      }
    });
    input.addEventListener("input", function () {
      self.setNotice("");
      self.autosize();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submitInput();
    });

    document.body.appendChild(host);
  };

  Widget.prototype.open = function (focus) {
    this.panel.hidden = false;
    this.launcher.setAttribute("aria-expanded", "true");
    this.launcher.classList.add("aw-launcher-open");
    this.state.open = true;
    this.store.save(this.state);
    this.scrollToEnd();
    if (focus) {
      this.input.focus();
    }
  };

  Widget.prototype.close = function () {
    this.panel.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.classList.remove("aw-launcher-open");
    this.state.open = false;
    this.store.save(this.state);
    this.launcher.focus();
  };

  Widget.prototype.restart = function () {
    if (this.busy) {
      this.setNotice(TEXT.busy);
      return;
    }
    this.state = { sender: "widget-" + randomId(), messages: [], open: true };
    this.store.save(this.state);
    this.renderHistory();
    this.input.focus();
  };

  Widget.prototype.setNotice = function (text) {
    this.notice.textContent = text;
  };

  Widget.prototype.autosize = function () {
    this.input.style.height = "auto";
    this.input.style.height = Math.min(this.input.scrollHeight, 120) + "px";
  };

  Widget.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  Widget.prototype.persist = function () {
    this.store.save(this.state);
  };

  /* rendering of the conversation */

  Widget.prototype.renderHistory = function () {
    this.log.replaceChildren();
    this.appendBot({ from: "bot", text: this.config.welcome, welcome: true });
    const messages = this.state.messages;
    const self = this;
    messages.forEach(function (message) {
      if (message.from === "user") {
        if (message.status === "pending") {
          message.status = "failed"; // the page was closed while waiting for the answer
        }
        self.appendUser(message);
      } else {
        self.appendBot(message);
      }
    });
    const last = messages[messages.length - 1];
    if (last && last.from === "bot" && Array.isArray(last.buttons) && last.buttons.length) {
      this.appendReplies(last.buttons);
    }
    if (last && last.from === "user" && last.status === "failed") {
      this.appendError(TEXT.unreachable);
    }
    this.scrollToEnd();
  };

  Widget.prototype.appendUser = function (message) {
    const bubble = el("div", "aw-msg aw-user");
    bubble.appendChild(el("span", "aw-sr", TEXT.you));
    bubble.appendChild(el("span", "aw-user-text", message.text));
    this.nodes.set(message, bubble);
    this.log.appendChild(bubble);
    if (message.status === "failed") {
      this.markFailed(message);
    }
    return bubble;
  };

  /** An unsent message keeps « Non envoyé » and its own « Réessayer » button until it is sent. */
  Widget.prototype.markFailed = function (message) {
    const bubble = this.nodes.get(message);
    if (!bubble || bubble.querySelector(".aw-status")) {
      return;
    }
    bubble.classList.add("aw-failed");
    const status = el("span", "aw-status");
    status.appendChild(el("span", "aw-status-text", TEXT.notSent));
    const retry = el("button", "aw-retry", TEXT.retry);
    retry.type = "button";
    const self = this;
    retry.addEventListener("click", function () {
      if (self.busy) {
        self.setNotice(TEXT.busy);
        return;
      }
      self.clearTransient();
      self.deliver(message);
      self.input.focus();
    });
    status.appendChild(retry);
    bubble.appendChild(status);
  };

  Widget.prototype.clearFailed = function (message) {
    const bubble = this.nodes.get(message);
    if (bubble) {
      bubble.classList.remove("aw-failed");
      bubble.querySelectorAll(".aw-status").forEach(function (node) {
        node.remove();
      });
    }
  };

  Widget.prototype.appendBot = function (message) {
    const reply = message.reply || null;
    const bubble = el("div", "aw-msg aw-bot");
    bubble.appendChild(el("span", "aw-sr", TEXT.bot));
    const body = el("div", "aw-bot-text");
    renderRichText(body, reply ? reply.answer : message.text);
    bubble.appendChild(body);
    if (reply && reply.links.length) {
      bubble.appendChild(linkList(reply.links, TEXT.links));
    }
    if (reply && reply.details) {
      bubble.appendChild(detailsDisclosure(reply));
    }
    if (reply && reply.copy) {
      bubble.appendChild(copyBlock(reply.copy));
    }
    const rated = reply && reply.kind === "answer" && reply.id;
    if (!reply || (!reply.sources.length && !rated)) {
      this.log.appendChild(bubble);
      return bubble;
    }
    // The sources go under the bubble, small, then 👍 / 👎.
    const group = el("div", "aw-bot-group");
    group.appendChild(bubble);
    if (reply.sources.length) {
      group.appendChild(sourcesLine(reply.sources, reply.sourcesNote));
    }
    if (rated) {
      group.appendChild(this.voteBar(message));
    }
    this.log.appendChild(group);
    return bubble;
  };

  /** 👍 / 👎 under a rated answer: toggle buttons; after 👎, an optional comment and the handoff. */
  Widget.prototype.voteBar = function (message) {
    const self = this;
    const bar = el("div", "aw-vote");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", TEXT.voteGroup);
    const status = el("span", "aw-vote-status");
    status.setAttribute("role", "status");
    const buttons = {};
    const comment = el("div", "aw-comment");
    comment.hidden = true;

    function show() {
      ["up", "down"].forEach(function (vote) {
        buttons[vote].setAttribute("aria-pressed", message.vote === vote ? "true" : "false");
      });
    }
    [
      ["up", "👍", TEXT.voteUp],
      ["down", "👎", TEXT.voteDown],
    ].forEach(function (item) {
      const button = el("button", "aw-vote-button aw-vote-" + item[0], item[1]);
      button.type = "button";
      button.setAttribute("aria-label", item[2]);
      button.title = item[2];
      button.addEventListener("click", async function () {
        if (message.vote !== item[0] || message.voteFailed) {
          message.vote = item[0];
          message.voteSeq = (message.voteSeq || 0) + (message.voteFailed ? 0 : 1);
          self.persist();
        }
        show();
        comment.hidden = message.vote !== "down" || message.commented === message.voteSeq;
        const sent = await self.sendVote(votePayload(message.reply.id, message.vote), message, "");
        status.textContent = sent ? TEXT.voteThanks : TEXT.voteNotSent;
      });
      buttons[item[0]] = button;
      bar.appendChild(button);
    });
    bar.appendChild(status);

    const label = el("label", "aw-comment-label", TEXT.commentLabel);
    const field = el("input", "aw-comment-input");
    field.type = "text";
    field.maxLength = MAX_COMMENT_CHARS;
    field.id = "aw-comment-" + message.reply.id;
    label.htmlFor = field.id;
    const send = el("button", "aw-comment-send", TEXT.commentSend);
    send.type = "button";
    const skip = el("button", "aw-comment-skip", TEXT.commentSkip);
    skip.type = "button";
    const handoff = el("button", "aw-reply aw-handoff", TEXT.handoff);
    handoff.type = "button";
    function close(text) {
      message.commented = message.voteSeq;
      self.persist();
      comment.hidden = true;
      status.textContent = text;
    }
    send.addEventListener("click", async function () {
      const text = field.value.trim();
      if (!text) {
        close(TEXT.voteThanks);
        return;
      }
      const sent = await self.sendVote(votePayload(message.reply.id, "down", text), message, "-c");
      if (sent) {
        field.value = "";
        close(TEXT.commentThanks);
      } else {
        status.textContent = TEXT.voteNotSent;
      }
    });
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        send.click();
      }
    });
    skip.addEventListener("click", function () {
      close(TEXT.voteThanks);
    });
    handoff.addEventListener("click", function () {
      close(TEXT.voteThanks);
      self.sendMessage(HANDOFF_PAYLOAD, TEXT.handoff);
    });
    comment.appendChild(label);
    comment.appendChild(field);
    comment.appendChild(send);
    comment.appendChild(skip);
    comment.appendChild(handoff);
    bar.appendChild(comment);
    if (message.vote) {
      show();
    } else {
      buttons.up.setAttribute("aria-pressed", "false");
      buttons.down.setAttribute("aria-pressed", "false");
    }
    return bar;
  };

  /** Posts a vote apart from the conversation's messages (no bubble). Its message_id names the answer,
   * the vote's rank and the comment suffix: a retry is a no-op on the server, a changed vote is new. */
  Widget.prototype.sendVote = async function (payload, message, suffix) {
    const body = {
      sender: this.state.sender,
      message: payload,
      message_id: ("vote-" + message.reply.id + "-" + String(message.voteSeq || 1) + suffix).slice(0, 64),
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      try {
        const response = await fetch(this.config.webhook, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
          credentials: "omit",
        });
        if (response.ok) {
          message.voteFailed = false;
          this.persist();
          return true;
        }
        if (response.status < 500 && response.status !== 429) {
          break;
        }
      } catch (error) {
        /* retried below */
      }
      if (attempt < MAX_ATTEMPTS - 1) {
        await new Promise(function (resolve) {
          window.setTimeout(resolve, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]);
        });
      }
    }
    message.voteFailed = true;
    this.persist();
    return false;
  };

  Widget.prototype.appendReplies = function (buttons) {
    const group = el("div", "aw-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", TEXT.replies);
    const self = this;
    buttons.forEach(function (button) {
      if (!button || typeof button.title !== "string" || typeof button.payload !== "string") {
        return;
      }
      const choice = el("button", "aw-reply", button.title);
      choice.type = "button";
      choice.addEventListener("click", function () {
        self.sendMessage(button.payload, button.title);
      });
      group.appendChild(choice);
    });
    this.log.appendChild(group);
  };

  Widget.prototype.clearTransient = function () {
    this.log.querySelectorAll(".aw-replies, .aw-error").forEach(function (node) {
      node.remove();
    });
  };

  Widget.prototype.appendError = function (text) {
    const box = el("div", "aw-msg aw-error");
    box.setAttribute("role", "alert");
    box.appendChild(el("p", "aw-paragraph", text));
    this.log.appendChild(box);
    this.scrollToEnd();
  };

  /* sending */

  Widget.prototype.submitInput = function () {
    const text = this.input.value.trim();
    if (!text) {
      return;
    }
    if (this.busy) {
      this.setNotice(TEXT.busy);
      return;
    }
    if (text.length > MAX_MESSAGE_CHARS) {
      this.setNotice(TEXT.tooLong.replace("{limit}", String(MAX_MESSAGE_CHARS)));
      return;
    }
    this.input.value = "";
    this.autosize();
    this.sendMessage(text, text);
  };

  /** Sends payload (what the assistant receives) and shows display (what the user sees). */
  Widget.prototype.sendMessage = function (payload, display) {
    if (this.busy) {
      this.setNotice(TEXT.busy);
      return;
    }
    this.setNotice("");
    this.clearTransient();
    const message = { from: "user", text: display, payload: payload, id: randomId(), status: "pending" };
    this.state.messages.push(message);
    this.persist();
    this.appendUser(message);
    this.scrollToEnd();
    this.input.focus();
    this.deliver(message);
  };

  Widget.prototype.requestBody = function (message) {
    const body = {
      sender: this.state.sender,
      message: typeof message.payload === "string" ? message.payload : message.text,
    };
    if (typeof message.id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(message.id)) {
      body.message_id = message.id;
    }
    return body;
  };

  /** The server's own French explanation (an error object, or the bot's message of a 503), else a generic one. */
  function serverMessage(data, status) {
    if (data && typeof data.message === "string" && status < 500) {
      return data.message;
    }
    if (Array.isArray(data) && data.length && data[0] && typeof data[0].text === "string") {
      return data[0].text;
    }
    return TEXT.serverError.replace("{status}", String(status));
  }

  Widget.prototype.post = async function (message) {
    const controller = new AbortController();
    const timer = window.setTimeout(function () {
      controller.abort();
    }, REQUEST_TIMEOUT_MS);
    try {
      return await fetch(this.config.webhook, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        // The same message_id on every attempt: the server never processes a retried message twice.
        body: JSON.stringify(this.requestBody(message)),
        signal: controller.signal,
        credentials: "omit",
      });
    } finally {
      window.clearTimeout(timer);
    }
  };

  /** Posts a user message with limited retries; on failure the message stays, with « Réessayer ». */
  Widget.prototype.deliver = async function (message) {
    if (this.busy) {
      return;
    }
    this.busy = true;
    message.status = "pending";
    this.clearFailed(message);
    this.persist();
    this.typing.hidden = false;
    this.scrollToEnd();

    let answers = null;
    let errorText = TEXT.unreachable;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      let retryable = true;
      try {
        const response = await this.post(message);
        const data = await response.json().catch(function () {
          return null;
        });
        // A list of bot messages: the answer, or a polite refusal (e.g. 429 "slow down").
        if (Array.isArray(data) && (response.ok || response.status === 429)) {
          answers = data;
          break;
        }
        if (response.ok) {
          answers = [];
          break;
        }
        errorText = serverMessage(data, response.status);
        retryable = response.status >= 500 || response.status === 408;
      } catch (error) {
        errorText = TEXT.unreachable;
      }
      if (!retryable || attempt === MAX_ATTEMPTS - 1) {
        break;
      }
      await new Promise(function (resolve) {
        window.setTimeout(resolve, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]);
      });
    }

    this.typing.hidden = true;
    this.busy = false;
    if (answers === null) {
      message.status = "failed";
      this.persist();
      this.markFailed(message);
      this.appendError(errorText);
      return;
    }
    message.status = "sent";
    this.receive(answers);
  };

  Widget.prototype.receive = function (answers) {
    let buttons = [];
    const self = this;
    answers.forEach(function (answer) {
      if (!answer || typeof answer !== "object") {
        return;
      }
      const reply = readReply(answer.custom);
      const text = typeof answer.text === "string" ? answer.text : reply ? reply.answer : "";
      // With a structured reply, « En savoir plus » is the disclosure in the bubble, not a button.
      const answerButtons = (reply ? reply.buttons : readButtons(answer.buttons)).filter(function (b) {
        return !(reply && b.payload === DETAILS_PAYLOAD);
      });
      if (!text && !answerButtons.length) {
        return;
      }
      const stored = { from: "bot", text: text, buttons: answerButtons, reply: reply };
      self.state.messages.push(stored);
      if (text) {
        self.appendBot(stored);
      }
      if (answerButtons.length) {
        buttons = answerButtons;
      }
    });
    // Quick replies belong to the last answer of the turn.
    const last = this.state.messages[this.state.messages.length - 1];
    if (last && last.from === "bot") {
      last.buttons = buttons;
    }
    if (buttons.length) {
      this.appendReplies(buttons);
    }
    this.persist();
    this.scrollToEnd();
  };

  function start() {
    const widget = new Widget(readConfig());
    window.AssistantAchatsDurables = {
      open: function () {
        widget.open(true);
      },
      close: function () {
        widget.close();
      },
    };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
