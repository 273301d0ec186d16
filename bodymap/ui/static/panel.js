// The details panel, drawn in the browser from blocks of plain text (bodymap/panel.py describes them). Every
// region's panel arrives once per language and audience, so a tap on the map draws its region at once, before the
// server has heard of the tap. Everything is written with textContent or setAttribute, never innerHTML.
const RUN_TAGS = { bold: "strong", italic: "em", small: "small" };
const STORE = (window.__bodymapPanel ??= { panels: {}, folds: {}, step: "Explain", yes: new Set(), root: null });

function runs(parent, list) {
  for (const piece of list) {
    const node = document.createElement(RUN_TAGS[piece.style] || "span");
    if (piece.style && !RUN_TAGS[piece.style]) node.className = `run-${piece.style}`;
    node.textContent = piece.text;
    parent.append(node);
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function draw(parent, blocks, context) {
  for (const block of blocks) parent.append(DRAW[block.kind](block, context));
}

const DRAW = {
  heading(block) {
    const node = element(`h${block.level}`, "", block.text);
    if (block.anchor) {
      node.id = block.anchor;
      node.tabIndex = -1; // the skip link and the jump links move the focus here
    }
    return node;
  },
  paragraph(block) {
    const node = element("p", block.tone ? `tone-${block.tone}` : "");
    runs(node, block.runs);
    return node;
  },
  list(block) {
    const node = element(block.ordered ? "ol" : "ul");
    for (const item of block.items) runs(node.appendChild(element("li")), item);
    return node;
  },
  fold(block, context) {
    const node = element("details", "fold");
    const open = STORE.folds[block.key];
    node.open = open === undefined ? block.open : open;
    node.append(element("summary", "", block.title));
    const body = node.appendChild(element("div", "fold-body"));
    draw(body, block.blocks, context);
    node.addEventListener("toggle", () => { STORE.folds[block.key] = node.open; });
    return node;
  },
  box(block, context) {
    const node = element("div", `box box-${block.tone}`);
    draw(node, block.blocks, context);
    return node;
  },
  card(block, context) {
    const node = element("div", "card");
    draw(node, block.blocks, context);
    return node;
  },
  actions(block, context) {
    const node = element("div", "actions");
    if (block.label) {
      node.setAttribute("role", "group");
      node.append(element("p", "tone-muted", block.label));
      node.setAttribute("aria-label", block.label);
    }
    for (const choice of block.buttons) {
      const press = node.appendChild(element("button", "action", choice.label));
      press.type = "button";
      press.addEventListener("click", () => context.act(choice.action, choice.value));
    }
    return node;
  },
  call(block) {
    const node = element("a", "call", block.label);
    node.href = block.href; // a tel: link from the clinic's setting, checked as a phone number (bodymap/clinic.py)
    return node;
  },
  links(block, context) {
    const node = element("nav", "jump-links");
    node.setAttribute("aria-label", context.jumpLabel);
    block.links.forEach((link) => {
      const anchor = node.appendChild(element("a", "", link.text));
      anchor.href = `#${link.anchor}`;
      // The headings are in this component's own tree, where the page's #fragment cannot find them.
      anchor.addEventListener("click", (event) => {
        event.preventDefault();
        const target = context.root.querySelector(`#${CSS.escape(link.anchor)}`);
        if (!target) return;
        target.scrollIntoView({ behavior: smoothness(), block: "start" });
        target.focus({ preventScroll: true });
      });
    });
    return node;
  },
  sources(block, context) {
    const node = element("ol");
    for (const id of block.ids) runs(node.appendChild(element("li")), context.sources[id] || []);
    return node;
  },
  chair(block, context) {
    return chair(block, context);
  },
};

function smoothness() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
}

// The chair script: four steps, one shown at a time; a step with questions lists them to tick. The step shown and
// the questions ticked are kept for the whole visit (across regions and languages), so a yes is not lost.
function chair(block, context) {
  const node = element("div", "chair");
  const steps = node.appendChild(element("div", "chair-steps"));
  steps.setAttribute("role", "group");
  steps.setAttribute("aria-label", block.label);
  const body = node.appendChild(element("div", "chair-step"));
  const buttons = block.steps.map((step) => {
    const press = steps.appendChild(element("button", "chair-step-button"));
    press.type = "button";
    press.addEventListener("click", () => {
      STORE.step = step.key;
      showStep();
    });
    return press;
  });
  const yesCount = (step) => step.questions.filter((question) => STORE.yes.has(question.id)).length;
  const label = () => block.steps.forEach((step, index) => {
    const count = yesCount(step);
    const chosen = step.key === STORE.step;
    buttons[index].textContent = count ? step.label_with_yes.replace("{count}", String(count)) : step.label;
    buttons[index].setAttribute("aria-pressed", String(chosen));
    buttons[index].tabIndex = chosen ? 0 : -1; // one Tab stop, the chosen step; the arrow keys move between them
  });
  steps.addEventListener("keydown", (event) => {
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const here = buttons.indexOf(event.target);
    if (here < 0 || !(event.key in moves || event.key === "Home" || event.key === "End")) return;
    event.preventDefault();
    const last = buttons.length - 1;
    const next = event.key === "Home" ? 0 : event.key === "End" ? last : (here + moves[event.key] + buttons.length) % buttons.length;
    buttons.forEach((press, index) => { press.tabIndex = index === next ? 0 : -1; });
    buttons[next].focus();
  });
  const showStep = () => {
    const step = block.steps.find((each) => each.key === STORE.step) || block.steps[0];
    STORE.step = step.key;
    body.replaceChildren();
    draw(body, step.blocks, context);
    if (step.questions.length) body.append(tickList(step.questions, label));
    label();
  };
  showStep();
  return node;
}

function tickList(questions, relabel) {
  const list = element("div", "ticks");
  for (const question of questions) {
    const row = list.appendChild(element("label", "tick"));
    const box = row.appendChild(element("input"));
    box.type = "checkbox";
    box.checked = STORE.yes.has(question.id);
    box.setAttribute("data-question", question.id);
    row.append(element("span", "", question.text));
    const meaning = element("div", `box box-${question.tone} tick-meaning`);
    runs(meaning, question.meaning);
    const place = () => {
      if (box.checked) row.after(meaning);
      else meaning.remove();
    };
    box.addEventListener("change", () => {
      if (box.checked) STORE.yes.add(question.id);
      else STORE.yes.delete(question.id);
      place();
      relabel();
    });
    queueMicrotask(place);
  }
  return list;
}

// Draw the panel for ``regionId`` ("" for the start page) from the panels held for this language and audience.
function show(root, regionId) {
  const held = STORE.panels[root.__panel.data.version];
  const blocks = held && held.panels[regionId];
  if (!blocks) return false;
  const context = {
    root,
    sources: held.sources,
    jumpLabel: root.__panel.data.jumpLabel,
    act: (action, value) => root.__panel.setTriggerValue(`${action}_chosen`, value || action),
  };
  const panel = root.querySelector(".panel");
  panel.replaceChildren();
  draw(panel, blocks, context);
  root.__panelShown = `${root.__panel.data.version}:${regionId}`;
  return true;
}

// A tap on the map (body_map.js) names its region at once: draw it now, and reveal its heading if it is off screen.
function listenToTheMap() {
  if (window.__bodymapPanelListening) return;
  window.__bodymapPanelListening = true;
  window.addEventListener("bodymap:region", (event) => {
    const root = STORE.root;
    if (!root || !root.isConnected || !show(root, event.detail)) return;
    const heading = root.querySelector("h2");
    const top = heading.getBoundingClientRect().top;
    if (top > window.innerHeight - 80 || top < 0) heading.scrollIntoView({ behavior: smoothness(), block: "start" });
  });
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  parentElement.__panel = { data, setTriggerValue };
  STORE.root = parentElement;
  listenToTheMap();
  if (data.panels) STORE.panels = { [data.version]: data.panels }; // one language and audience held at a time
  if (!STORE.panels[data.version]) {
    setTriggerValue("panels_missing", data.version); // a run that carried them was cut short: ask again
    return;
  }
  parentElement.querySelector(".panel").classList.toggle("is-presenting", Boolean(data.presenting));
  if (parentElement.__panelShown !== `${data.version}:${data.selected}`) show(parentElement, data.selected);
}
