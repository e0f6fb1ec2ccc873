// sitrep's web UI: timeline, map, actor network, claim ledger and quotes, drawn from the
// read-only JSON API of `sitrep serve`. Plain DOM (no framework, nothing fetched from the
// internet); every piece of article text goes in through textContent, never as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const url = "/api/" + path + (query.toString() ? "?" + query : "");
  const reply = await fetch(url);
  const body = await reply.json();
  if (!reply.ok) throw new Error(`${url}: ${body.error || reply.status}`);
  return body;
}

function fill(sectionId, count, ...children) {
  const section = document.getElementById(sectionId);
  section.dataset.count = String(count);
  section.querySelector(".body").replaceChildren(...children);
}

function actorLabel(name, code) {
  if (!name) return "–";
  return code ? `${name} [${code}]` : name;
}

// -- timeline: events by day -------------------------------------------------------------------

function renderTimeline(events) {
  const days = new Map();
  for (const event of events) {
    const day = event.date || "undated";
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(event);
  }
  const order = [...days.keys()].sort((a, b) =>
    a === "undated" ? 1 : b === "undated" ? -1 : a.localeCompare(b),
  );
  const children = [];
  for (const day of order) {
    children.push(el("div", { class: "day" }, day));
    for (const event of days.get(day)) {
      children.push(
        el(
          "div",
          { class: "item event", "data-event": event.event_id },
          el("span", { class: "who" }, actorLabel(event.source, event.source_code)),
          ` ${event.verb_class} `,
          el("span", { class: "who" }, actorLabel(event.target, event.target_code)),
          event.place ? ` in ${event.place}` : "",
          " ",
          el("span", { class: "code" }, `CAMEO ${event.cameo}${event.plover ? " · " + event.plover : ""}`),
          el("div", { class: "evidence" }, event.text),
        ),
      );
    }
  }
  fill("timeline", events.length, ...(children.length ? children : [el("p", { class: "muted" }, "no events")]));
}

// -- map: every place with a point, on a longitude/latitude plot ---------------------------------

function renderMap(places) {
  const points = new Map();
  for (const place of places) {
    if (place.lat === null || place.lon === null) continue;
    const key = `${place.name}|${place.lat}|${place.lon}`;
    const seen = points.get(key) || { name: place.name, lat: place.lat, lon: place.lon, count: 0 };
    seen.count += 1;
    points.set(key, seen);
  }
  if (!points.size) {
    fill("map", 0, el("p", { class: "muted" }, "no places with coordinates"));
    return;
  }
  const all = [...points.values()];
  // Frame the points with a margin, at least 20 degrees across, so a regional story is legible.
  const lons = all.map((p) => p.lon);
  const lats = all.map((p) => p.lat);
  const pad = 5;
  let [west, east] = [Math.min(...lons) - pad, Math.max(...lons) + pad];
  let [south, north] = [Math.min(...lats) - pad, Math.max(...lats) + pad];
  if (east - west < 20) [west, east] = [(west + east) / 2 - 10, (west + east) / 2 + 10];
  if (north - south < 20) [south, north] = [(south + north) / 2 - 10, (south + north) / 2 + 10];
  const scale = 800 / (east - west);
  const width = 800;
  const height = Math.round((north - south) * scale);
  const x = (lon) => (lon - west) * scale;
  const y = (lat) => (north - lat) * scale;
  const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img" });
  for (let lon = Math.ceil(west / 10) * 10; lon <= east; lon += 10) {
    svg.append(el("svg:line", { class: "grid", x1: x(lon), x2: x(lon), y1: 0, y2: height }));
  }
  for (let lat = Math.ceil(south / 10) * 10; lat <= north; lat += 10) {
    svg.append(el("svg:line", { class: "grid", x1: 0, x2: width, y1: y(lat), y2: y(lat) }));
  }
  for (const point of all.sort((a, b) => b.count - a.count)) {
    const radius = 3 + 2 * Math.sqrt(point.count);
    svg.append(
      el(
        "svg:circle",
        { class: "point", cx: x(point.lon), cy: y(point.lat), r: radius, "data-place": point.name },
        el("svg:title", {}, `${point.name} (${point.lat}, ${point.lon}): ${point.count} mentions`),
      ),
      el("svg:text", { x: x(point.lon) + radius + 2, y: y(point.lat) + 3 }, point.name),
    );
  }
  fill("map", all.length, svg);
}

// -- actor network: who did what to whom ---------------------------------------------------------

function renderNetwork(events) {
  const nodes = new Map();
  const edges = new Map();
  const node = (name, code) => {
    const key = actorLabel(name, code);
    if (!nodes.has(key)) nodes.set(key, { key, events: 0 });
    nodes.get(key).events += 1;
    return key;
  };
  for (const event of events) {
    if (!event.source || !event.target) continue;
    const from = node(event.source, event.source_code);
    const to = node(event.target, event.target_code);
    const key = `${from} -> ${to}`;
    const edge = edges.get(key) || { from, to, verbs: [] };
    edge.verbs.push(event.verb_class);
    edges.set(key, edge);
  }
  if (!edges.size) {
    fill("network", 0, el("p", { class: "muted" }, "no events with both a source and a target"));
    return;
  }
  const size = 640;
  const centre = size / 2;
  const radius = size / 2 - 120;
  const place = new Map();
  [...nodes.keys()].forEach((key, index) => {
    const angle = (2 * Math.PI * index) / nodes.size;
    place.set(key, [centre + radius * Math.cos(angle), centre + radius * Math.sin(angle)]);
  });
  // Labels stand outside the circle: leave them room on both sides.
  const margin = 160;
  const svg = el("svg:svg", {
    viewBox: `${-margin} 40 ${size + 2 * margin} ${size - 80}`,
    width: size + 2 * margin,
    height: size - 80,
    role: "img",
  });
  for (const edge of edges.values()) {
    const [x1, y1] = place.get(edge.from);
    const [x2, y2] = place.get(edge.to);
    svg.append(
      el(
        "svg:line",
        { class: "edge", x1, y1, x2, y2, "stroke-width": 1 + edge.verbs.length },
        el("svg:title", {}, `${edge.from} → ${edge.to}: ${edge.verbs.join(", ")}`),
      ),
    );
  }
  for (const [key, [cx, cy]] of place) {
    const anchor = cx < centre - 1 ? "end" : "start";
    const dx = anchor === "end" ? -8 : 8;
    svg.append(
      el("svg:circle", { class: "node", cx, cy, r: 4 + Math.sqrt(nodes.get(key).events), "data-actor": key }),
      el("svg:text", { x: cx + dx, y: cy + 3, "text-anchor": anchor }, key),
    );
  }
  fill("network", nodes.size, svg);
}

// -- claim ledger and quotes ---------------------------------------------------------------------

function renderClaims(claims) {
  const items = claims.map((claim) =>
    el(
      "div",
      { class: "item claim", "data-claim": claim.claim_id },
      el("div", { class: "who" }, claim.proposition),
      el("div", { class: "code" }, claim.date || "undated"),
      el(
        "ul",
        {},
        ...claim.stances.map((stance) =>
          el(
            "li",
            { class: `stance-${stance.polarity}` },
            `${stance.polarity}: `,
            el("span", { class: "who" }, actorLabel(stance.actor, stance.actor_code)),
            stance.cue ? ` (${stance.cue})` : "",
            el("div", { class: "evidence" }, stance.text),
          ),
        ),
      ),
    ),
  );
  fill("claims", claims.length, ...(items.length ? items : [el("p", { class: "muted" }, "no claims")]));
}

function renderQuotes(quotes) {
  const items = quotes.map((quote) =>
    el(
      "div",
      { class: "item quote", "data-quote": quote.quote_id },
      el("span", { class: "who" }, quote.speaker ? actorLabel(quote.speaker, quote.speaker_code) : quote.source || "speaker unknown"),
      ` ${quote.cue || quote.kind}, ${quote.date || "undated"} `,
      el("span", { class: "code" }, quote.kind),
      el("div", { class: "evidence" }, `“${quote.text}”`),
    ),
  );
  fill("quotes", quotes.length, ...(items.length ? items : [el("p", { class: "muted" }, "no quotes")]));
}

// -- loading -------------------------------------------------------------------------------------

async function load(filters) {
  const error = document.getElementById("error");
  error.hidden = true;
  try {
    const dated = { since: filters.since, until: filters.until };
    const [counts, events, places, claims, quotes] = await Promise.all([
      api("counts"),
      api("events", { actor: filters.actor, ...dated }),
      api("places"),
      api("claims", { actor: filters.actor }),
      api("quotes", { speaker: filters.actor, ...dated }),
    ]);
    document.getElementById("counts").textContent =
      `${counts.articles} articles · ${counts.events} events · ${counts.quotes} quotes · ` +
      `${counts.claims} claims · ${counts.places} places`;
    renderTimeline(events.rows);
    renderMap(places.rows);
    renderNetwork(events.rows);
    renderClaims(claims.rows);
    renderQuotes(quotes.rows);
  } catch (failure) {
    error.textContent = String(failure.message || failure);
    error.hidden = false;
  }
  document.body.dataset.ready = "1";
}

// One view at a time, chosen by the address's #fragment (all are drawn; the others hidden).
function showView() {
  const wanted = location.hash.slice(1) || "timeline";
  const sections = [...document.querySelectorAll("main > section")];
  const known = sections.some((section) => section.id === wanted);
  for (const section of sections) section.hidden = section.id !== (known ? wanted : "timeline");
}

window.addEventListener("hashchange", showView);
showView();
// The filters live in the address (?actor=Kremlin&since=2024-10-01), so a view can be shared.
function filtersOfAddress() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const name of ["actor", "since", "until"]) filters[name] = params.get(name) || "";
  return filters;
}

const form = document.getElementById("filters");
form.addEventListener("submit", (submitted) => {
  submitted.preventDefault();
  const filters = Object.fromEntries(new FormData(form));
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value));
  history.pushState(null, "", (query.toString() ? "?" + query : location.pathname) + location.hash);
  document.body.dataset.ready = "";
  load(filters);
});
const initial = filtersOfAddress();
for (const [name, value] of Object.entries(initial)) form.elements[name].value = value;
load(initial);
