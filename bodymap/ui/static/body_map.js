// The body map. One tap (or click, or Enter/Space) on a region, or on a zone in "where does it hurt?" mode, tells
// Python what was chosen. A muscle's referral pattern is drawn by classes on the zones and X marks for trigger points.
// Everything written into the page goes through textContent or setAttribute, never innerHTML.
const SVG_NS = "http://www.w3.org/2000/svg";
const MARK = 9; // half the size of a trigger point X, in viewBox units

function targetOf(event, attribute) {
  return event.target instanceof Element ? event.target.closest(`[${attribute}]`) : null;
}

// A tap shows as pressed in the same frame, before the server answers; the next render from Python confirms it
// (or, if the server refused the choice, puts the old state back).
function pressRegion(root, regionId) {
  root.querySelectorAll("[data-region]").forEach((region) => {
    const pressed = region.getAttribute("data-region") === regionId;
    region.classList.toggle("is-selected", pressed);
    region.setAttribute("aria-pressed", String(pressed));
  });
}

// "Where does it hurt?" takes the side: an area is chosen as "calf:left" (bodymap/sides.py), a midline area by its id.
function zoneKey(zone) {
  const side = zone.getAttribute("data-side");
  const id = zone.getAttribute("data-zone");
  return side === "left" || side === "right" ? `${id}:${side}` : id;
}

function isChosen(zone, chosen) {
  // A choice without a side (from a link, or a midline area) fills the area on both sides.
  return chosen.has(zoneKey(zone)) || chosen.has(zone.getAttribute("data-zone"));
}

function pressZone(root, tapped) {
  // Only the side tapped: an area chosen on both sides keeps the other one (as bodymap.sides.toggle does).
  const key = zoneKey(tapped);
  const chosen = !tapped.classList.contains("is-chosen");
  root.querySelectorAll(`[data-zone="${CSS.escape(tapped.getAttribute("data-zone"))}"]`).forEach((zone) => {
    if (zoneKey(zone) === key) {
      zone.classList.toggle("is-chosen", chosen);
      zone.setAttribute("aria-pressed", String(chosen));
    }
  });
}

function listen(root) {
  // Listeners are attached once; they read the newest data and setTriggerValue, kept on the root by each render.
  const choose = (event) => {
    const data = root.__bodymap.data;
    if (data.mode === "inert") return; // a self-test question answered beside the map: a tap means nothing
    if (data.mode === "zones") {
      const zone = targetOf(event, "data-zone");
      if (zone) {
        pressZone(root, zone);
        root.__bodymap.setTriggerValue("zone_tapped", zoneKey(zone));
      }
      return;
    }
    const region = targetOf(event, "data-region");
    if (region) {
      pressRegion(root, region.getAttribute("data-region"));
      // The details panel (panel.js) holds every region's text: it draws this one now, before the server answers.
      window.dispatchEvent(new CustomEvent("bodymap:region", { detail: region.getAttribute("data-region") }));
      root.__bodymapRevealPending = true;
      root.__bodymap.setTriggerValue("region_tapped", region.getAttribute("data-region"));
    }
  };
  root.addEventListener("click", choose);
  window.addEventListener("resize", () => readableLabels(root));
  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose(event);
    } else if (event.key in ARROW_STEPS || event.key === "Home" || event.key === "End") {
      moveFocus(root, event);
    }
  });
  root.addEventListener("focusin", (event) => {
    const item = targetOf(event, itemAttribute(root.__bodymap.data.mode));
    if (item) rove(root, item);
  });
}

// The map is one composite widget (the WAI-ARIA toolbar pattern): a single Tab stop, so a keyboard user reaches the
// details in one press; the arrow keys, Home and End move between its areas, the front view's first, top to bottom.
const ARROW_STEPS = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

function itemAttribute(mode) {
  // An inert map has no areas to choose, so no Tab stop.
  return { zones: "data-zone", regions: "data-region" }[mode] || "data-none";
}

function focusOrder(root, mode) {
  // The areas of the views on screen (a zoom or a close-up hides one), in reading order: rows of the figure, then x.
  return [...root.querySelectorAll("figure.bodymap-view")].filter((figure) => !figure.hidden).flatMap((figure) => {
    const items = [...figure.querySelectorAll(`[${itemAttribute(mode)}]`)].map((item) => {
      const box = item.getBBox();
      return { item, row: Math.round((box.y + box.height / 2) / 20), x: box.x + box.width / 2 };
    });
    items.sort((a, b) => a.row - b.row || a.x - b.x);
    return items.map(({ item }) => item);
  });
}

function rove(root, current) {
  // Only the current area is in the Tab order; the map remembers it across renders.
  root.__bodymapFocus = current;
  focusOrder(root, root.__bodymap.data.mode).forEach((item) => item.setAttribute("tabindex", item === current ? "0" : "-1"));
}

function restoreTabStop(root, data) {
  const items = focusOrder(root, data.mode);
  if (!items.length) return;
  const pressed = items.find((item) => item.getAttribute("aria-pressed") === "true");
  rove(root, items.includes(root.__bodymapFocus) ? root.__bodymapFocus : pressed || items[0]);
}

function moveFocus(root, event) {
  const items = focusOrder(root, root.__bodymap.data.mode);
  const here = items.indexOf(targetOf(event, itemAttribute(root.__bodymap.data.mode)));
  if (here < 0) return;
  event.preventDefault();
  const last = items.length - 1;
  const next = event.key === "Home" ? 0 : event.key === "End" ? last : Math.min(Math.max(here + ARROW_STEPS[event.key], 0), last);
  rove(root, items[next]);
  items[next].focus();
}

function ensureHatch(svg) {
  // Spillover zones are hatched as well as lighter, so colour is never the only cue.
  // One pattern per view, with its own id: a url(#id) shared by both views would draw no hatching in one of them
  // while the view holding the pattern is hidden (a close-up, a zoom).
  const id = svg.classList.contains("bodymap-front") ? "bm-hatch-front" : "bm-hatch-back";
  if (svg.querySelector(`#${id}`)) return;
  const defs = document.createElementNS(SVG_NS, "defs");
  const pattern = document.createElementNS(SVG_NS, "pattern");
  pattern.setAttribute("id", id);
  pattern.setAttribute("patternUnits", "userSpaceOnUse");
  pattern.setAttribute("width", "6");
  pattern.setAttribute("height", "6");
  pattern.setAttribute("patternTransform", "rotate(45)");
  const back = document.createElementNS(SVG_NS, "rect");
  back.setAttribute("width", "6");
  back.setAttribute("height", "6");
  back.setAttribute("class", "hatch-back");
  const line = document.createElementNS(SVG_NS, "rect");
  line.setAttribute("width", "2.5");
  line.setAttribute("height", "6");
  line.setAttribute("class", "hatch-line");
  pattern.append(back, line);
  defs.appendChild(pattern);
  svg.insertBefore(defs, svg.firstChild);
}

// Words on the figure are at least this many pixels tall on screen, however small the figure is drawn (a phone).
const MIN_LABEL_PX = 12.5;

function unitsPerPixel(svg) {
  // The figure's own units per screen pixel (the viewBox changes with a zoom or a close-up); 0 while not laid out.
  const width = svg.getBoundingClientRect().width;
  return width ? svg.viewBox.baseVal.width / width : 0;
}

function labelSize(svg, designed) {
  // A label's font size in the figure's units: as designed, or larger where the figure is drawn small.
  return Math.max(designed, MIN_LABEL_PX * unitsPerPixel(svg));
}

function readableLabels(root) {
  root.querySelectorAll("svg.bodymap").forEach((svg) => {
    svg.querySelectorAll(".side-label, .inset-label").forEach((label) => {
      if (!label.dataset.designedSize) label.dataset.designedSize = parseFloat(getComputedStyle(label).fontSize) || 14;
      label.style.fontSize = `${labelSize(svg, Number(label.dataset.designedSize)).toFixed(1)}px`;
    });
  });
}

function nameTag(svg, box, text) {
  // A name tag above the selected region, so the selection is not shown by colour alone.
  const size = labelSize(svg, 17);
  const group = document.createElementNS(SVG_NS, "g");
  group.setAttribute("class", "selection-label");
  group.setAttribute("aria-hidden", "true");
  const caption = document.createElementNS(SVG_NS, "text");
  caption.textContent = text;
  caption.style.fontSize = `${size.toFixed(1)}px`;
  group.appendChild(caption);
  svg.appendChild(group);
  const pad = size * 0.47;
  const width = caption.getComputedTextLength() + 2 * pad;
  const height = size * 1.53;
  const x = Math.min(Math.max(box.x + box.width / 2 - width / 2, 2), 398 - width);
  const y = Math.max(box.y - height - 4, 2);
  const frame = document.createElementNS(SVG_NS, "rect");
  frame.setAttribute("x", x);
  frame.setAttribute("y", y);
  frame.setAttribute("width", width);
  frame.setAttribute("height", height);
  frame.setAttribute("rx", 6);
  group.insertBefore(frame, caption);
  caption.setAttribute("x", x + pad);
  caption.setAttribute("y", y + size * 1.12);
}

function anchorBox(region) {
  // Where to put a region's name tag: above the region, or for a region spread across the body (both elbows, both
  // feet and the soles) above its left-most part, so the tag does not float over an unrelated area.
  const box = region.getBBox();
  if (box.width < 200) return box;
  const boxes = [...region.querySelectorAll(".zone")].map((zone) => zone.getBBox());
  const left = Math.min(...boxes.map((b) => b.x));
  const near = boxes.filter((b) => b.x < left + 60);
  const top = Math.min(...near.map((b) => b.y));
  const right = Math.max(...near.map((b) => b.x + b.width));
  return { x: left, y: top, width: right - left, height: 0 };
}

function triggerPoint(svg, point, kind = "") {
  const group = document.createElementNS(SVG_NS, "g");
  group.setAttribute("class", kind ? `trigger-point ${kind}` : "trigger-point");
  group.setAttribute("data-trigger-point", point.id);
  group.dataset.x = point.x;
  group.dataset.y = point.y;
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = point.label;
  group.appendChild(title);
  for (let stroke = 0; stroke < 2; stroke++) {
    for (const cls of ["tp-halo", "tp-cross"]) {
      const line = document.createElementNS(SVG_NS, "line");
      line.setAttribute("class", cls);
      line.dataset.stroke = stroke;
      group.appendChild(line);
    }
  }
  sizeMark(group, MARK);
  svg.appendChild(group);
}

function sizeMark(group, half) {
  // The two strokes of an X, each line drawn twice (a white halo under a dark cross).
  const x = Number(group.dataset.x), y = Number(group.dataset.y);
  group.querySelectorAll("line").forEach((line) => {
    const down = line.dataset.stroke === "0" ? 1 : -1;
    line.setAttribute("x1", x - half);
    line.setAttribute("y1", y - half * down);
    line.setAttribute("x2", x + half);
    line.setAttribute("y2", y + half * down);
  });
}

const WHOLE_BODY = "0 0 400 900";
const ZOOM_MARGIN = 25; // viewBox units of context around the zoomed region, so its neighbours stay tappable
const ZOOM_MIN = 120;
// A hand's close-up: framed tight and smaller, so each finger is a finger-sized target in a tablet's column.
const CLOSE_ZOOM_MARGIN = 6;
const CLOSE_ZOOM_MIN = 60;
const REVEAL_TOP = 72; // px: a zoomed figure's top is brought at least this far down the screen, below the sticky bar

function zoomBox(svg, zoneIds, close, side) {
  // The zones' shapes on one side of the person and on the midline, with a margin: a close-up where small zones
  // become finger-sized targets. The side is the shape's own (data-side), not its place: the soles' inset has both
  // soles on the back view's right half.
  const wanted = new Set(zoneIds);
  const hidden = side === "left" ? "right" : "left";
  const all = [...svg.querySelectorAll(".zone[data-zone]")]
    .filter((zone) => wanted.has(zone.getAttribute("data-zone")))
    .map((zone) => ({ box: zone.getBBox(), shown: zone.getAttribute("data-side") !== hidden }));
  const margin = close ? CLOSE_ZOOM_MARGIN : ZOOM_MARGIN;
  const least = close ? CLOSE_ZOOM_MIN : ZOOM_MIN;
  const boxes = all.filter((zone) => zone.shown).map((zone) => zone.box);
  if (!boxes.length) return WHOLE_BODY;
  let x1 = Math.min(...boxes.map((b) => b.x)) - margin;
  let y1 = Math.min(...boxes.map((b) => b.y)) - margin;
  let x2 = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  let y2 = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  const grow = (low, high) => { const extra = Math.max(0, least - (high - low)) / 2; return [low - extra, high + extra]; };
  [x1, x2] = grow(x1, x2);
  [y1, y2] = grow(y1, y2);
  // The same region on the other side is not zoomed: stop the box at its edge rather than show a sliver of it, a
  // target too narrow to tap.
  const content = [Math.min(...boxes.map((b) => b.x)), Math.max(...boxes.map((b) => b.x + b.width))];
  for (const other of all.filter((zone) => !zone.shown).map((zone) => zone.box)) {
    if (other.y > y2 || other.y + other.height < y1) continue;
    if (other.x >= content[1] && other.x < x2) x2 = other.x;
    if (other.x + other.width <= content[0] && other.x + other.width > x1) x1 = other.x + other.width;
  }
  return `${x1.toFixed(1)} ${y1.toFixed(1)} ${(x2 - x1).toFixed(1)} ${(y2 - y1).toFixed(1)}`;
}

function applyZoom(root, zoom) {
  root.querySelectorAll("figure.bodymap-view").forEach((figure) => {
    const svg = figure.querySelector("svg.bodymap");
    const view = svg.classList.contains("bodymap-front") ? "front" : "back";
    const zoomed = zoom && zoom.view === view;
    figure.hidden = Boolean(zoom) && !zoomed;
    figure.classList.toggle("is-zoomed", Boolean(zoomed));
    const box = zoomed ? zoomBox(svg, zoom.zones, zoom.close, zoom.side) : WHOLE_BODY;
    svg.setAttribute("viewBox", box);
    // As wide as the close-up itself at its tallest, no wider: a wider frame would show slivers of the
    // neighbouring areas beside it, targets too narrow to tap.
    const [, , width, height] = box.split(" ").map(Number);
    const tallest = Math.max(320, window.innerHeight - 11 * 16); // the CSS max-height of a zoomed view
    svg.style.maxWidth = zoomed ? `${Math.floor((tallest * width) / height)}px` : "";
  });
}

const CLOSE_UP_MARGIN = 22; // viewBox units of body around a pattern's close-up
const CLOSE_UP_MIN = 140;
const CLOSE_UP_ASPECT = 0.8; // width / height of a close-up, so it fills the figure's tall box

function patternBox(svg) {
  // The pattern's shapes on this view: its zones (the person's right and the midline), its muscle, its X marks.
  const compared = COMPARED.map((n) => `.zone.is-compare-${n}, .zone.is-compare-${n}-spillover`).join(", ");
  const shapes = [...svg.querySelectorAll(`.zone.is-essential, .zone.is-spillover, ${compared}, ${PATTERN_MUSCLES}, .trigger-point`)];
  if (!shapes.length) return null;
  const boxes = shapes.map((shape) => {
    // getBBox() ignores the shape's own transform: a mirrored muscle's box is mirrored here.
    const box = shape.getBBox();
    const axis = shape.hasAttribute("transform") ? Number(shape.dataset.mirrorAxis) : null;
    return axis === null ? box : { x: 2 * axis - box.x - box.width, y: box.y, width: box.width, height: box.height };
  });
  let x1 = Math.min(...boxes.map((b) => b.x)) - CLOSE_UP_MARGIN;
  let y1 = Math.min(...boxes.map((b) => b.y)) - CLOSE_UP_MARGIN;
  let x2 = Math.max(...boxes.map((b) => b.x + b.width)) + CLOSE_UP_MARGIN;
  let y2 = Math.max(...boxes.map((b) => b.y + b.height)) + CLOSE_UP_MARGIN;
  let width = Math.max(x2 - x1, CLOSE_UP_MIN), height = Math.max(y2 - y1, CLOSE_UP_MIN);
  if (width / height > CLOSE_UP_ASPECT) height = width / CLOSE_UP_ASPECT; else width = height * CLOSE_UP_ASPECT;
  const cx = (x1 + x2) / 2, cy = (y1 + y2) / 2;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

function sideTag(svg, box, view, side) {
  // In a close-up the words at the feet are cut off: say on the picture which side of the person the pattern is on.
  const tag = document.createElementNS(SVG_NS, "text");
  tag.setAttribute("class", "close-up-side");
  tag.setAttribute("aria-hidden", "true");
  const size = box.width * 0.055;
  tag.setAttribute("font-size", size.toFixed(1));
  // The person's right is on the viewer's left in the front view, on the viewer's right in the back view.
  const onLeft = (view === "front") === (side !== "left");
  tag.setAttribute("x", (onLeft ? box.x + size * 0.4 : box.x + box.width - size * 0.4).toFixed(1));
  tag.setAttribute("y", (box.y + size * 1.2).toFixed(1));
  tag.setAttribute("text-anchor", onLeft ? "start" : "end");
  tag.textContent = word(side === "left" ? "Your left" : "Your right");
  svg.appendChild(tag);
}

// The soles inset (back view, lower right) mirrors about its own centre line; everything else about the body's.
const SOLES = { left: 285, top: 640, centre: 342 };

function compareLegend(root, others) {
  // The compared muscles by name, each beside its line; text only (textContent), like everything from the data.
  const legend = root.querySelector(".bodymap-compare-legend");
  if (!legend) return;
  legend.replaceChildren(...others.map((other, index) => {
    const entry = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.className = `compare-swatch compare-swatch-${index + 1}`;
    swatch.setAttribute("aria-hidden", "true");
    entry.append(swatch, other.name);
    return entry;
  }));
}

const PATTERN_MUSCLES = ".muscle.is-pattern-muscle, .muscle.is-compare-muscle-1, .muscle.is-compare-muscle-2";

function mirror(root) {
  // Mirror the muscles and their X marks onto the person's left: about x = 200, or x = 342 inside the soles inset.
  root.querySelectorAll(`${PATTERN_MUSCLES}, .trigger-point`).forEach((shape) => {
    const box = shape.getBBox();
    const inSoles = shape.ownerSVGElement.classList.contains("bodymap-back") && box.x >= SOLES.left && box.y >= SOLES.top;
    const axis = inSoles ? SOLES.centre : 200;
    shape.setAttribute("transform", `matrix(-1 0 0 1 ${2 * axis} 0)`);
    shape.dataset.mirrorAxis = axis;
  });
}

function applyCloseUp(root, side) {
  const views = [...root.querySelectorAll("figure.bodymap-view")].map((figure) => {
    const svg = figure.querySelector("svg.bodymap");
    return { figure, svg, box: patternBox(svg), view: svg.classList.contains("bodymap-front") ? "front" : "back" };
  });
  for (const { figure, svg, box, view } of views) {
    figure.hidden = !box;
    figure.classList.toggle("is-close-up", Boolean(box));
    if (!box) continue;
    svg.setAttribute("viewBox", `${box.x.toFixed(1)} ${box.y.toFixed(1)} ${box.width.toFixed(1)} ${box.height.toFixed(1)}`);
    // X marks keep about the size they have on the whole body, a little larger: the close-up is for pointing at them.
    const half = Math.max(MARK * box.width / 400 * 1.6, 2.5);
    svg.querySelectorAll(".trigger-point").forEach((group) => sizeMark(group, half));
    sideTag(svg, box, view, side);
  }
}

// Up to two more muscles drawn beside the first for comparison (1 and 2), each in its own colour and line.
const COMPARED = [1, 2];

// The interface's words in the page's language, keyed by their English (data.words, from the catalogs).
let WORDS = {};
function word(english) {
  return WORDS[english] || english;
}

// The figure's own words (view names, the sides at the feet, the soles, the legend) and the page's language: each
// element remembers its English the first time, so a later language change finds it again.
function applyWords(root, data) {
  WORDS = data.words || {};
  root.querySelectorAll("figcaption, .side-label, .inset-label, .legend-word").forEach((node) => {
    if (!node.hasAttribute("data-english")) node.setAttribute("data-english", node.textContent.trim());
    node.textContent = word(node.getAttribute("data-english"));
  });
  root.querySelectorAll(".bodymap-wrap").forEach((wrap) => wrap.setAttribute("aria-label", data.mapLabel));
  if (data.lang) document.documentElement.setAttribute("lang", data.lang);
}

function show(root, data) {
  applyWords(root, data);
  const selectable = new Set(data.selectable);
  const essential = new Set(data.essential);
  const spillover = new Set(data.spillover);
  const compared = (data.compare || []).map((other) => ({ essential: new Set(other.essential), spillover: new Set(other.spillover) }));
  const chosen = new Set(data.chosen);
  root.querySelectorAll(".selection-label, .trigger-point, .close-up-side").forEach((node) => node.remove());
  root.querySelectorAll("figure.bodymap-view").forEach((figure) => figure.classList.remove("is-close-up"));
  root.querySelectorAll(".bodymap-wrap").forEach((wrap) => {
    wrap.setAttribute("data-mode", data.mode);
    wrap.setAttribute("data-pattern", data.essential.length ? "on" : "off");
  });
  root.querySelectorAll("svg.bodymap").forEach(ensureHatch);
  root.querySelectorAll("[data-region]").forEach((region) => {
    const id = region.getAttribute("data-region");
    const isSelected = data.mode === "regions" && id === data.selected;
    region.classList.toggle("is-selected", isSelected);
    region.classList.toggle("is-selectable", selectable.has(id));
    region.classList.toggle("is-planned", !selectable.has(id));
    const name = data.names[id] || id;
    if (data.mode === "regions") {
      region.setAttribute("role", "button");
      region.setAttribute("tabindex", "-1");
      region.setAttribute("aria-pressed", String(isSelected));
      region.setAttribute("aria-label", selectable.has(id) ? name : `${name} (not covered yet)`);
    } else {
      region.setAttribute("role", "group");
      region.removeAttribute("tabindex");
      region.removeAttribute("aria-pressed");
      region.setAttribute("aria-label", name);
    }
  });
  root.querySelectorAll("[data-zone]").forEach((zone) => {
    const id = zone.getAttribute("data-zone");
    // A pattern is drawn on one side, as in Travell & Simons: the person's right, where the trigger points are placed,
    // or mirrored onto the left for a patient whose pain is there.
    const patternSide = zone.getAttribute("data-side") !== (data.side === "left" ? "right" : "left");
    zone.classList.toggle("is-essential", patternSide && essential.has(id));
    zone.classList.toggle("is-spillover", patternSide && spillover.has(id) && !essential.has(id));
    zone.classList.toggle("is-chosen", isChosen(zone, chosen));
    COMPARED.forEach((n) => {
      const other = compared[n - 1];
      zone.classList.toggle(`is-compare-${n}`, Boolean(other && patternSide && other.essential.has(id)));
      zone.classList.toggle(`is-compare-${n}-spillover`, Boolean(other && patternSide && other.spillover.has(id) && !other.essential.has(id)));
    });
    if (data.mode === "zones") {
      const side = data.sideWords[zone.getAttribute("data-side")];
      zone.setAttribute("role", "button");
      zone.setAttribute("tabindex", "-1");
      zone.setAttribute("aria-pressed", String(isChosen(zone, chosen)));
      zone.setAttribute("aria-label", side ? `${data.zoneNames[id] || id}, ${side}` : data.zoneNames[id] || id);
    } else {
      ["role", "tabindex", "aria-pressed", "aria-label"].forEach((attribute) => zone.removeAttribute(attribute));
    }
  });
  root.querySelectorAll(".muscle").forEach((muscle) => {
    const id = muscle.getAttribute("data-muscle");
    muscle.classList.toggle("is-pattern-muscle", id === data.muscle);
    COMPARED.forEach((n) => muscle.classList.toggle(`is-compare-muscle-${n}`, (data.compare || [])[n - 1]?.muscle === id));
    muscle.removeAttribute("transform");
  });
  const marks = [[data.triggerPoints, ""], ...(data.compare || []).map((other, index) => [other.triggerPoints, `compare-${index + 1}`])];
  for (const [points, kind] of marks) {
    for (const point of points) {
      const svg = root.querySelector(`svg.bodymap-${point.view}`);
      if (svg) triggerPoint(svg, point, kind);
    }
  }
  compareLegend(root, data.compare || []);
  if (data.mode === "regions" && data.selected) {
    root.querySelectorAll(`[data-region="${CSS.escape(data.selected)}"]`).forEach((region) => {
      nameTag(region.ownerSVGElement, anchorBox(region), data.names[data.selected] || data.selected);
    });
  }
  if (data.side === "left") mirror(root);
  applyZoom(root, data.zoom);
  if (data.closeUp) applyCloseUp(root, data.side);
  readableLabels(root);
  restoreTabStop(root, data);
  const caption = root.querySelector(".bodymap-caption");
  if (caption) caption.textContent = data.caption;
}

function scrollingAncestor(node) {
  // The nearest box that scrolls, crossing out of the component's shadow root.
  for (let at = node.parentNode; at; at = at instanceof ShadowRoot ? at.host : at.parentNode) {
    if (!(at instanceof Element)) continue;
    const overflow = getComputedStyle(at).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && at.scrollHeight > at.clientHeight) return at;
  }
  return null;
}

function revealZoom(root) {
  // A zoom is chosen from the list under the map, so whatever scrolls has scrolled down to that list: the map's own
  // column beside the details (tablet landscape), or the page (phone, tablet upright). Bring the close-up's top back
  // into view, or its upper part (the crown of the head, the fingertips) would be hidden where the person looks.
  requestAnimationFrame(() => {
    const figure = root.querySelector("figure.bodymap-view.is-zoomed");
    if (!figure) return;
    const scroller = scrollingAncestor(figure) || document.scrollingElement;
    const target = Math.max(REVEAL_TOP, scroller.getBoundingClientRect().top);
    const top = figure.getBoundingClientRect().top;
    if (top < target) scroller.scrollTop += top - target;
  });
}

// Elements matching ``selector`` in the page and in the components' own trees (the details panel draws its headings
// in its shadow root).
function inPage(selector) {
  const hosts = [...document.querySelectorAll("*")].filter((node) => node.shadowRoot);
  return [document, ...hosts.map((host) => host.shadowRoot)].flatMap((root) => [...root.querySelectorAll(selector)]);
}

function revealHeading(text) {
  // On a phone or a tablet held upright the details sit below the map: after a tap, bring the region's heading into
  // view so the answer does not go unnoticed. Where it is already visible (side by side), nothing moves.
  const started = performance.now();
  const look = () => {
    const heading = inPage("h2").find((node) => node.textContent.trim() === text);
    if (heading) {
      const top = heading.getBoundingClientRect().top;
      if (top > window.innerHeight - 80 || top < 0) {
        const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        heading.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "start" });
      }
    } else if (performance.now() - started < 3000) {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
}

function revealMap(root) {
  // A pattern opened from the text (a muscle's button, the search, a self-test answer) is drawn on the map: on a
  // phone or an upright tablet the map is then above the screen, so bring it into view. Side by side it already is.
  requestAnimationFrame(() => {
    const wrap = root.querySelector(".bodymap-wrap");
    if (!wrap) return;
    const box = wrap.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight * 0.5) {
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      wrap.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "start" });
    }
  });
}

// The page's skip link (bodymap/ui/page.py) leads past the map to the panel's heading. The map is the page's one
// script, so it moves the keyboard focus there too: a heading is not focusable, and without this the next Tab would
// start again from the top of the page in some browsers.
function listenForSkipLink(anchor) {
  if (window.__bodymapSkipLink) return;
  window.__bodymapSkipLink = true;
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element) || !event.target.closest(`a[href="#${CSS.escape(anchor)}"]`)) return;
    requestAnimationFrame(() => {
      const heading = inPage(`#${CSS.escape(anchor)}`)[0];
      if (!heading) return;
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    });
  });
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  listenForSkipLink(data.detailsAnchor);
  parentElement.__bodymap = { data, setTriggerValue };
  if (!parentElement.__bodymapListening) {
    listen(parentElement);
    parentElement.__bodymapListening = true;
  }
  const newPattern = data.muscle && data.muscle !== parentElement.__bodymapMuscle;
  parentElement.__bodymapMuscle = data.muscle;
  const zoom = JSON.stringify(data.zoom || null);
  const newZoom = data.zoom && zoom !== parentElement.__bodymapZoom;
  parentElement.__bodymapZoom = zoom;
  show(parentElement, data);
  if (newPattern) revealMap(parentElement);
  if (newZoom) revealZoom(parentElement);
  if (parentElement.__bodymapRevealPending && data.mode === "regions" && data.selected) {
    parentElement.__bodymapRevealPending = false;
    revealHeading(data.names[data.selected] || data.selected);
  }
}
