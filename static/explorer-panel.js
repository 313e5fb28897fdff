// The exclusion explorer's panel: findings on the left (a tri-state radio group per
// finding, in collapsible sections) and the differential on the right. Each click sends
// one "set" event {finding, value}; the server answers with the whole state and the
// differential as HTML it has built and escaped, and the radios follow that state
// (presets, reset and shared links move them too).
export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = decode(component.data);
  const root = parentElement.querySelector(".xp");
  if (!root || !data) return;
  const findings = root.querySelector(".fp");
  // The layout comes with every run of the page, not with the panel's own reruns.
  if (data.sections && findings.dataset.built !== data.version) {
    build(findings, data, setTriggerValue);
    findings.dataset.built = data.version;
  }
  // the server sends the known findings; every other one is unknown
  for (const group of findings.querySelectorAll(".fp-finding")) {
    const value = data.state[group.dataset.finding] || "unknown";
    const input = group.querySelector(`input[value="${value}"]`);
    if (input && !input.checked) input.checked = true;
  }
  updateCounts(findings);
  for (const back of findings.querySelectorAll("button.fp-case")) back.hidden = !data.has_case;
  const loaded = root.querySelector(".xp-scenario");
  if (loaded.textContent !== (data.scenario || "")) loaded.textContent = data.scenario || "";
  const differential = root.querySelector(".dx");
  // The folded texts come once each; later runs send a reference (data-body) to them.
  if (data.fresh || !root.xpBodies) root.xpBodies = new Map();
  for (const [digest, text] of Object.entries(data.bodies || {})) root.xpBodies.set(digest, text);
  showBone(parentElement.querySelector(".xp-bone-svg"), data.bone, root.xpBodies);
  // the differential comes whole, or as references to parts sent once each
  const html = Array.isArray(data.differential) ? joined(data.differential, root.xpBodies)
    : data.differential;
  if (html !== null) showDifferential(differential, html, root.xpBodies, setTriggerValue);
  showSummary(root, data.summary, differential);
  const live = root.querySelector(".xp-live");
  if (live.textContent !== data.announce) live.textContent = data.announce;
}

function build(findings, data, setTriggerValue) {
  const heading = document.createElement("h3");
  heading.textContent = "Findings";
  findings.replaceChildren(heading);
  for (const section of data.sections) {
    const box = document.createElement("details");
    box.className = "fp-section";
    box.dataset.section = section.title;
    box.open = section.open;
    const summary = document.createElement("summary");
    const title = document.createElement("span");
    title.textContent = section.title;
    const count = document.createElement("span");
    count.className = "fp-count";
    summary.append(title, count);
    box.append(summary);
    // one click for the whole examination: all unknown, or back to the loaded case
    const tools = document.createElement("div");
    tools.className = "fp-tools";
    for (const [value, word] of [["unknown", "Set all unknown"], ["case", "Back to the case"]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `fp-${value}`;
      button.textContent = word;
      button.setAttribute("aria-label", `${word}: ${section.title}`);
      button.addEventListener("click", () => setTriggerValue("set", { section: section.title, value }));
      tools.append(button);
    }
    box.append(tools);
    for (const finding of section.findings) {
      const group = document.createElement("fieldset");
      group.className = "fp-finding";
      group.dataset.finding = finding.id;
      const legend = document.createElement("legend");
      legend.textContent = finding.label;
      const help = document.createElement("p");
      help.className = "fp-help";
      help.id = `fp-help-${finding.id}`;
      help.textContent = finding.help;
      group.setAttribute("aria-describedby", help.id);
      const options = document.createElement("div");
      options.className = "fp-options";
      for (const [value, word] of data.words) {
        const label = document.createElement("label");
        const input = document.createElement("input");
        input.type = "radio";
        input.name = `fp-${finding.id}`;
        input.value = value;
        input.addEventListener("change", () => {
          if (!input.checked) return;
          updateCounts(findings);
          setTriggerValue("set", { finding: finding.id, value, open: openDiagnoses(findings) });
        });
        const text = document.createElement("span");
        text.textContent = word;
        label.append(input, text);
        options.append(label);
      }
      group.append(legend, help, options);
      box.append(group);
    }
    findings.append(box);
  }
}

// The parts a list of references names, joined (null if one is missing: never sent).
function joined(references, bodies) {
  const parts = references.map((digest) => bodies.get(digest));
  return parts.includes(undefined) ? null : parts.join("");
}

// The schematic bone under the panel: its parts (the opening, a few shapes each, the key's
// lines) come once each, like the folded texts, and are joined here.
function showBone(box, parts, bodies) {
  if (!box || !Array.isArray(parts) || !parts.length) return;
  const shown = parts.join(" ");
  if (box.dataset.shown === shown) return;
  const markup = joined(parts, bodies);
  if (markup === null) return;
  box.innerHTML = markup;
  box.dataset.shown = shown;
}

// Replace the differential, keeping open the diagnoses and folds the reader had opened.
function showDifferential(pane, html, bodies, setTriggerValue) {
  // a diagnosis by its id, a family's fold of closed diagnoses by its family
  const key = (d) => d.dataset.diagnosis || (d.dataset.fold && `fold:${d.dataset.fold}`);
  const open = new Set([...pane.querySelectorAll("details[open]")].map(key));
  pane.innerHTML = html;
  for (const body of pane.querySelectorAll("[data-body]")) {
    const text = bodies.get(body.dataset.body);
    if (text !== undefined) body.innerHTML = text;
  }
  // A diagnosis's text comes when it is opened (or open): ask for those missing.
  if (!pane.xpAsks) {
    pane.xpAsks = true;
    pane.addEventListener("toggle", (event) => {
      if (!event.target.matches("details.verdict[open], details.fold[open]")) return;
      pane.xpAsked = null;
      ask(pane, setTriggerValue);
    }, true);
  }
  ask(pane, setTriggerValue);
  for (const details of pane.querySelectorAll("details[data-diagnosis], details[data-fold]")) {
    if (!open.has(key(details))) continue;
    details.open = true;
    // a diagnosis the reader was reading stays in sight when it moves into a fold
    const fold = details.parentElement.closest("details.fold");
    if (fold) fold.open = true;
  }
}

// The diagnoses open in the differential: the server sends their texts with a change.
function openDiagnoses(element) {
  const root = element.closest(".xp");
  return [...root.querySelectorAll(".dx details.verdict[open]")].map((d) => d.dataset.diagnosis);
}

// Ask the server for the texts of open diagnoses this browser lacks (one rerun).
function ask(pane, setTriggerValue) {
  const asked = [...pane.querySelectorAll("details.verdict[open] > [data-body]:empty")]
    .filter((body) => !body.closest("details.fold:not([open])"))
    .map((body) => body.dataset.body);
  // once per text until the reader opens something again: an answer lost is not a loop
  const again = asked.filter((digest) => !(pane.xpAsked && pane.xpAsked.has(digest)));
  pane.xpAsked = new Set(asked);
  if (again.length) setTriggerValue("need", { asked, open: openDiagnoses(pane) });
}

// The summary bar: the server's counts and last change, and the diagnoses still open
// (read from the differential just drawn, set as text). It is pinned above the findings
// while the differential's own counts are out of sight.
function showSummary(root, html, differential) {
  const bar = root.querySelector(".xp-summary");
  bar.innerHTML = html;
  // standing: what the differential shows unfolded (excluded and unlikely are set aside)
  const open = [...differential.querySelectorAll("details.verdict")]
    .filter((d) => !["excluded", "unlikely"].includes(d.dataset.status))
    .map((d) => d.querySelector(".name").textContent.trim());
  if (html && open.length) {
    const line = document.createElement("p");
    line.className = "open";
    line.textContent = `Standing (${open.length}): ${open.join(", ")}`;
    bar.append(line);
  }
  const counts = differential.querySelector(".counts");
  if (root.xpObserver) root.xpObserver.disconnect();
  if (!counts || typeof IntersectionObserver === "undefined") return;
  // rootMargin: Streamlit's header covers the top 4rem of the window
  root.xpObserver = new IntersectionObserver(([entry]) => {
    root.classList.toggle("xp-pinned", !entry.isIntersecting);
  }, { rootMargin: "-64px 0px 0px 0px" });
  root.xpObserver.observe(counts);
}

function updateCounts(findings) {
  for (const box of findings.querySelectorAll(".fp-section")) {
    const groups = box.querySelectorAll(".fp-finding");
    let known = 0;
    for (const group of groups) {
      const checked = group.querySelector("input:checked");
      if (checked && checked.value !== "unknown") known += 1;
    }
    box.querySelector(".fp-count").textContent = `${known} of ${groups.length} known`;
  }
}

// The server sends the data as UTF-8 JSON bytes (cheaper for it than a nested dict).
function decode(raw) {
  if (raw == null) return null;
  if (typeof raw === "string") return JSON.parse(raw);
  if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) {
    return JSON.parse(new TextDecoder().decode(raw));
  }
  return raw;
}
