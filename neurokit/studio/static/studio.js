// neurokit studio: the page. Plain JavaScript; KaTeX (shipped beside it) typesets equations.
"use strict";

const TOKEN = new URLSearchParams(location.search).get("token");
const $ = (id) => document.getElementById(id);
const POS = [43, 108, 176], NEG = [221, 107, 32];

// --- talking to the server ------------------------------------------------------------------

function url(path) {
  return TOKEN ? path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(TOKEN) : path;
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(url(path), options);
  const data = await response.json();
  if (!response.ok) { const e = new Error(data.error); e.problems = data.problems || []; throw e; }
  return data;
}

function say(text) { $("message").textContent = text; }

function showProblems(list, error, fieldOf) {
  list.innerHTML = "";
  document.querySelectorAll(".field-error").forEach((el) => el.classList.remove("field-error"));
  if (!error) return;
  const problems = error.problems && error.problems.length ? error.problems : [{ path: "", message: error.message }];
  for (const p of problems) {
    const li = document.createElement("li");
    li.innerHTML = (p.path ? `<code>${esc(p.path)}</code>: ` : "") + esc(p.message);
    li.dataset.path = p.path;
    list.appendChild(li);
    const field = fieldOf && fieldOf(p.path);
    if (field) field.classList.add("field-error");
  }
}

function esc(text) { return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }
function fmt(v, d = 4) { return v === null || v === undefined ? "–" : Number(v).toPrecision(d); }
function tex(source, el, display = false) {
  if (window.katex) katex.render(source, el, { throwOnError: false, displayMode: display });
  else el.textContent = source;
}

// A training's state arrives over server-sent events; rows of metrics come incrementally.
function follow(id, onState) {
  const history = [];
  const source = new EventSource(url(`/api/trainings/${id}/events`));
  source.onmessage = (event) => {
    const state = JSON.parse(event.data);
    history.length = state.history_from;
    history.push(...state.history);
    state.history = history;
    onState(state);
    if (["done", "stopped", "failed"].includes(state.status)) source.close();
  };
  return source;
}

// --- drawing helpers ------------------------------------------------------------------------

function colour(v) {  // v in [0, 1]: orange (0) → white → blue (1)
  const t = Math.max(0, Math.min(1, v)), c = t < 0.5 ? NEG : POS, s = Math.abs(t - 0.5) * 2;
  return c.map((x) => Math.round(255 + (x - 255) * s));
}

function heatImage(grid, lo = 0, hi = 1) {  // a canvas with one pixel per grid value
  const n = grid.length, m = grid[0].length, canvas = document.createElement("canvas");
  canvas.width = m; canvas.height = n;
  const ctx = canvas.getContext("2d"), img = ctx.createImageData(m, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    const [r, g, b] = colour((grid[i][j] - lo) / (hi - lo || 1)), k = 4 * (i * m + j);
    img.data[k] = r; img.data[k + 1] = g; img.data[k + 2] = b; img.data[k + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

function greyImage(grid, scale, signed) {  // weights (signed) or pixels in [0, 1]
  const n = grid.length, m = grid[0].length, canvas = document.createElement("canvas");
  canvas.width = m * scale; canvas.height = n * scale;
  const ctx = canvas.getContext("2d");
  let top = 1;
  if (signed) top = Math.max(1e-9, ...grid.flat().map(Math.abs));
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    const v = grid[i][j];
    if (signed) { const [r, g, b] = colour(0.5 + v / top / 2); ctx.fillStyle = `rgb(${r},${g},${b})`; }
    else { const g = Math.round(255 * (1 - v)); ctx.fillStyle = `rgb(${g},${g},${g})`; }
    ctx.fillRect(j * scale, i * scale, scale, scale);
  }
  return canvas;
}

const SERIES_COLOURS = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#b7791f"];

function drawCurves(canvas, series, yLabel = "cost") {
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height, pad = 40;
  ctx.clearRect(0, 0, W, H);
  const pts = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p[1]));
  if (!pts.length) return;
  const xMax = Math.max(...pts.map((p) => p[0]), 1), yMax = Math.max(...pts.map((p) => p[1])) || 1;
  const X = (x) => pad + (W - pad - 10) * (x / xMax), Y = (y) => H - pad + (pad + 10 - H) * (y / yMax);
  ctx.strokeStyle = "#a0aec0"; ctx.beginPath(); ctx.moveTo(pad, 10); ctx.lineTo(pad, H - pad); ctx.lineTo(W - 10, H - pad); ctx.stroke();
  ctx.fillStyle = "#4a5568"; ctx.font = "11px sans-serif";
  ctx.fillText(fmt(yMax, 3), 2, 14); ctx.fillText("0", pad - 12, H - pad); ctx.fillText(`epoch ${xMax}`, W - 70, H - pad + 14);
  ctx.fillText(yLabel, 2, H / 2);
  series.forEach((s, i) => {
    ctx.strokeStyle = s.colour || SERIES_COLOURS[i % SERIES_COLOURS.length];
    ctx.setLineDash(s.dashed ? [5, 3] : []);
    ctx.beginPath();
    s.points.filter((p) => Number.isFinite(p[1])).forEach((p, k) => (k ? ctx.lineTo(X(p[0]), Y(p[1])) : ctx.moveTo(X(p[0]), Y(p[1]))));
    ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fillText(s.label, pad + 8, 22 + 13 * i);
  });
  ctx.setLineDash([]);
}

function costSeries(history, prefix = "", colours = [SERIES_COLOURS[0], SERIES_COLOURS[1]]) {
  const series = [{ label: prefix + "train cost", colour: colours[0], points: history.map((r) => [r.epoch, r.train_cost]) }];
  if (history.some((r) => r.validation_cost !== undefined))
    series.push({ label: prefix + "validation cost", colour: colours[1], dashed: true, points: history.map((r) => [r.epoch, r.validation_cost]) });
  return series;
}

function confusionTable(el, matrix, classes) {
  const top = Math.max(1, ...matrix.flat());
  let html = `<table class="confusion"><tr><th>true \\ predicted</th>${classes.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>`;
  matrix.forEach((row, t) => {
    html += `<tr><th>${esc(classes[t])}</th>` + row.map((v, p) => {
      const a = (v / top) * 0.8, hue = t === p ? "56,161,105" : "229,62,62";
      return `<td style="background: rgba(${hue},${v ? a : 0})">${v}</td>`;
    }).join("") + "</tr>";
  });
  el.innerHTML = html + "</table>";
}

// --- components from the registry -----------------------------------------------------------

let COMPONENTS = null, EXAMPLES = [];

function fillSelect(select, names, chosen) {
  select.innerHTML = names.map((n) => `<option${n === chosen ? " selected" : ""}>${esc(n)}</option>`).join("");
}

async function loadCatalog() {
  COMPONENTS = await api("/api/components");
  EXAMPLES = await api("/api/examples");
  const neurons = COMPONENTS.neuron.filter((n) => n.differentiable).map((n) => n.name);
  PG.neurons = neurons;
  fillSelect($("pg-out-neuron"), neurons, "sigmoid");
  fillSelect($("pg-cost"), COMPONENTS.cost.map((c) => c.name), "quadratic");
  fillSelect($("pg-optimizer"), COMPONENTS.optimizer.map((o) => o.name), "sgd");
  optimizerParams();
  PG.addLayer(4, "sigmoid"); PG.addLayer(3, "sigmoid");
  const digits = EXAMPLES.filter((e) => /mnist/.test(e.dataset));
  fillSelect($("dg-example"), digits.map((e) => e.name), (digits.find((e) => e.name === "mnist.json") || {}).name);
  const small = EXAMPLES.filter((e) => e.sizes.every((n) => n <= 12) && !/perceptron|adder|nand|and|or|not/.test(e.name));
  fillSelect($("ex-example"), small.map((e) => e.name), "lecture-2-2-2.json");
  await DG.loadExample(); await EX.loadExample();
  if (COMPONENTS.problems.length) say(COMPONENTS.problems.join("; "));
}

function optimizerParams() {
  const opt = COMPONENTS.optimizer.find((o) => o.name === $("pg-optimizer").value) || { defaults: {} };
  const defaults = { ...opt.defaults };
  if (opt.name === "sgd") defaults.eta = 3.0;
  $("pg-opt-params").innerHTML = Object.entries(defaults).filter(([, v]) => typeof v === "number")
    .map(([k, v]) => `<label>${k === "eta" ? "η" : esc(k)} <input data-param="${esc(k)}" type="number" step="any" value="${v}"></label>`).join("");
}

// --- Playground -----------------------------------------------------------------------------

const PG = {
  id: null, source: null, state: null, neurons: [],

  addLayer(size = 3, neuron = "sigmoid") {
    const row = document.createElement("div");
    row.className = "layer-row";
    row.innerHTML = `hidden <input type="number" min="1" max="8" value="${size}"> <select class="neuron-select"></select> <button type="button">−</button>`;
    fillSelect(row.querySelector("select"), PG.neurons, neuron);
    row.querySelector("button").onclick = () => row.remove();
    $("pg-layers").appendChild(row);
  },

  spec() {
    const rows = [...$("pg-layers").children];
    const params = {};
    $("pg-opt-params").querySelectorAll("input").forEach((i) => (params[i.dataset.param] = Number(i.value)));
    const m = Number($("pg-m").value);
    return {
      schema_version: 1,
      name: `playground-${$("pg-shape").value}`,
      description: "made in neurokit studio's playground",
      layers: [{ size: 2 }, ...rows.map((r) => ({ size: Number(r.querySelector("input").value), neuron: r.querySelector("select").value })),
        { size: 1, neuron: $("pg-out-neuron").value }],
      cost: $("pg-cost").value,
      optimizer: { name: $("pg-optimizer").value, params },
      training: { epochs: Number($("pg-epochs").value), batch_size: m, seed: Number($("pg-seed").value) },
      data: { name: "plane", params: { shape: $("pg-shape").value, n: Number($("pg-n").value), noise: Number($("pg-noise").value), seed: Number($("pg-data-seed").value) } },
    };
  },

  fieldOf(path) {
    const m = /^layers\[(\d+)\]/.exec(path);
    if (m) { const i = Number(m[1]); const rows = $("pg-layers").children; return i - 1 < rows.length ? rows[i - 1] : $("pg-out-neuron"); }
    const map = { cost: "pg-cost", optimizer: "pg-optimizer", "training.epochs": "pg-epochs", "training.batch_size": "pg-m", "training.seed": "pg-seed", "data.params.n": "pg-n", "data.params.noise": "pg-noise", "data.params.seed": "pg-data-seed" };
    for (const [k, id] of Object.entries(map)) if (path.startsWith(k)) return $(id);
    if (path.startsWith("optimizer.params")) return $("pg-opt-params");
    return null;
  },

  async start(paused) {
    if (PG.id && PG.state && !["done", "stopped", "failed"].includes(PG.state.status)) {
      if (!paused) await api(`/api/trainings/${PG.id}/resume`, {});
      return;
    }
    try {
      const t = await api("/api/trainings", { spec: PG.spec(), paused });
      showProblems($("pg-problems"), null);
      PG.id = t.id; PG.state = null;
      if (PG.source) PG.source.close();
      PG.source = follow(t.id, PG.show);
      DG.refreshModels();
    } catch (e) { showProblems($("pg-problems"), e, PG.fieldOf); }
  },

  async step() {
    if (!PG.id || ["done", "stopped", "failed"].includes((PG.state || {}).status)) await PG.start(true);
    await api(`/api/trainings/${PG.id}/step`, {});
  },

  async reset() {
    if (PG.id) await api(`/api/trainings/${PG.id}/stop`, {}).catch(() => {});
    if (PG.source) PG.source.close();
    PG.id = null; PG.state = null;
    $("pg-net").innerHTML = ""; $("pg-status").textContent = ""; $("pg-separation").textContent = "";
    $("pg-plane").getContext("2d").clearRect(0, 0, 300, 300); $("pg-curves").getContext("2d").clearRect(0, 0, 420, 240);
    $("pg-step-view").innerHTML = "";
  },

  show(state) {
    PG.state = state;
    const last = state.history[state.history.length - 1] || {};
    $("pg-status").innerHTML = `<b data-status="${state.status}">${state.status}</b> · epoch ${state.position.epoch} of ${state.epochs}, mini-batch ${state.position.batch}` +
      (last.train_cost !== undefined ? ` · train cost <span id="pg-train-cost">${fmt(last.train_cost)}</span> · train accuracy <span id="pg-train-acc">${fmt(100 * last.train_accuracy, 3)}%</span>` : "") +
      (last.validation_accuracy !== undefined ? ` · validation accuracy ${fmt(100 * last.validation_accuracy, 3)}%` : "") +
      (state.error ? `<div class="problems">${esc(state.error)}</div>` : "") + ` · run <code>${esc(state.run)}</code>`;
    const pic = state.picture || {};
    if (pic.network) drawNetwork($("pg-net"), pic.network, pic.plane, state.step);
    if (pic.plane) drawPlane($("pg-plane"), pic.plane, state.points);
    drawCurves($("pg-curves"), costSeries(state.history));
    if (state.step) showStep($("pg-step-view"), state.step);
  },
};

function drawPlane(canvas, plane, pts) {
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(heatImage(plane.output), 0, 0, W, H);
  const [x0, x1, y0, y1] = plane.bounds, n = plane.n;
  if (!pts) return;
  let right = 0;
  pts.x.forEach((p, i) => {
    const px = ((p[0] - x0) / (x1 - x0)) * W, py = ((y1 - p[1]) / (y1 - y0)) * H;
    ctx.beginPath(); ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = pts.label[i] ? "rgb(26,54,93)" : "rgb(156,66,33)"; ctx.fill();
    ctx.strokeStyle = "white"; ctx.lineWidth = 1; ctx.stroke();
    // Which side of the boundary the point's grid cell is on.
    const gi = Math.min(n - 1, Math.max(0, Math.round((py / H) * (n - 1)))), gj = Math.min(n - 1, Math.max(0, Math.round((px / W) * (n - 1))));
    if ((plane.output[gi][gj] > 0.5 ? 1 : 0) === pts.label[i]) right += 1;
  });
  $("pg-separation").innerHTML = `the boundary puts <span id="pg-separated">${right}</span> of ${pts.x.length} training points on their own side`;
}

function drawNetwork(svg, net, plane, step) {
  const W = Number(svg.getAttribute("width")), H = Number(svg.getAttribute("height"));
  const L = net.sizes.length, box = 34;
  const pos = net.sizes.map((n, l) => Array.from({ length: n }, (_, j) => [40 + (l * (W - 120)) / Math.max(1, L - 1), 30 + ((j + 0.5) * (H - 50)) / n]));
  let html = "";
  const maxW = Math.max(1e-9, ...(net.weights || []).flat(2).map(Math.abs));
  const stepW = step && step.traced ? step : null;
  (net.weights || []).forEach((w, i) => w.forEach((row, j) => row.forEach((v, k) => {
    const [xa, ya] = pos[i][k], [xb, yb] = pos[i + 1][j], c = v >= 0 ? POS : NEG;
    html += `<line x1="${xa + box / 2}" y1="${ya}" x2="${xb - box / 2}" y2="${yb}" stroke="rgb(${c})" stroke-width="${0.5 + 5 * Math.abs(v) / maxW}" data-w="${i + 2},${j + 1},${k + 1}" data-value="${v}"><title>w^${i + 2}_${j + 1}${k + 1} = ${v}</title></line>`;
    if (stepW && net.sizes.every((n) => n <= 4)) {
      const g = stepW.grad_w[i + 2][j][k], t = 0.35 + 0.3 * ((k + j) % 3) / 2;
      html += `<text class="grad" x="${xa + (xb - xa) * t}" y="${ya + (yb - ya) * t - 2}" data-grad="${i + 2},${j + 1},${k + 1}" data-value="${g}">${fmt(g, 3)}</text>`;
    }
  })));
  pos.forEach((layer, l) => layer.forEach(([x, y], j) => {
    html += `<rect x="${x - box / 2}" y="${y - box / 2}" width="${box}" height="${box}" fill="#edf2f7" stroke="#4a5568"/>`;
    if (plane && l > 0 && l < L - 1 && plane.hidden[l - 1]) html += `<image x="${x - box / 2}" y="${y - box / 2}" width="${box}" height="${box}" href="${heatImage(plane.hidden[l - 1][j]).toDataURL()}"/>`;
    if (plane && l === L - 1) html += `<image x="${x - box / 2}" y="${y - box / 2}" width="${box}" height="${box}" href="${heatImage(plane.output).toDataURL()}"/>`;
    if (l === 0) html += `<text x="${x - 6}" y="${y + 4}">x${j + 1}</text>`;
    if (stepW && l > 0) {
      const d = stepW.delta[l + 1][0][j];
      html += `<text class="delta" x="${x + box / 2 + 3}" y="${y - 6}" data-delta="${l + 1},${j + 1}" data-value="${d}">δ=${fmt(d, 3)}</text>`;
    }
    if (l > 0 && net.biases) html += `<text x="${x + box / 2 + 3}" y="${y + 14}" fill="#718096">b=${fmt(net.biases[l - 1][j], 2)}</text>`;
  }));
  svg.innerHTML = html;
}

function matrixTex(rows) {
  const body = rows.map((r) => (Array.isArray(r) ? r : [r]).map((v) => fmt(v, 4)).join(" & ")).join(" \\\\ ");
  return `\\begin{bmatrix} ${body} \\end{bmatrix}`;
}

function showStep(el, step) {
  if (!step.traced) { el.innerHTML = `<p class="hint">this model has no BP1–BP4 trace; the step was taken.</p>`; return; }
  const L = Object.keys(step.delta).length + 1, m = step.m, eta = step.eta;
  let html = `<p id="step-info" data-x="${esc(JSON.stringify(step.x[0]))}" data-y="${esc(JSON.stringify(step.y[0]))}">epoch ${step.position.epoch}, mini-batch ${step.position.batch}: m = <b id="step-m">${m}</b> example(s), η = ${eta}, mean cost C = ${fmt(step.cost, 6)}. δ and z below are example 1's (x = ${esc(JSON.stringify(step.x[0]))}, y = ${esc(JSON.stringify(step.y[0]))}); ∂C/∂w is (1/m) Σ_x ∂C_x/∂w.</p>`;
  html += `<div class="eq" id="eq-bp"></div>`;
  for (let l = L; l >= 2; l--) {
    html += `<div class="step-layer"><b>layer ${l}</b>: <span data-tex="\\delta^{${l}} = ${matrixTex(step.delta[l][0].map((v) => [v]))}^{T}" data-delta-layer="${l}" data-values="${step.delta[l][0].join(",")}"></span>
      &nbsp; <span data-tex="\\frac{\\partial C}{\\partial w^{${l}}} = ${matrixTex(step.grad_w[l])}"></span>
      &nbsp; <span data-tex="\\Delta w^{${l}} = ${matrixTex(step.delta_w[l])}"></span></div>`;
  }
  el.innerHTML = html;
  tex(String.raw`\text{BP1: } \delta^L = \nabla_a C \odot \sigma'(z^L) \quad \text{BP2: } \delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l) \quad \text{BP3: } \frac{\partial C}{\partial b^l_j} = \delta^l_j \quad \text{BP4: } \frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j \quad w^l \to w^l - \frac{\eta}{m} \sum_x \frac{\partial C_x}{\partial w^l}`, $("eq-bp"), true);
  el.querySelectorAll("[data-tex]").forEach((s) => tex(s.dataset.tex, s));
}

// --- Digits ---------------------------------------------------------------------------------

const DG = {
  id: null, source: null,
  async loadExample() {
    const name = $("dg-example").value;
    if (!name) return;
    $("dg-spec").value = JSON.stringify(await api(`/api/examples/${name}`), null, 2);
  },
  parsed() {
    try { return JSON.parse($("dg-spec").value); }
    catch (e) { const err = new Error(`the spec is not JSON: ${e.message}`); err.problems = []; throw err; }
  },
  async check() {
    try { const r = await api("/api/check", { spec: DG.parsed() }); showProblems($("dg-problems"), null); $("dg-status").textContent = `ok: ${r.name}, layers ${r.sizes.join("-")}`; return true; }
    catch (e) { showProblems($("dg-problems"), e, () => $("dg-spec")); $("dg-status").textContent = ""; return false; }
  },
  async train() {
    try {
      const t = await api("/api/trainings", { spec: DG.parsed() });
      showProblems($("dg-problems"), null);
      DG.id = t.id;
      if (DG.source) DG.source.close();
      DG.source = follow(t.id, DG.show);
      await DG.refreshModels(`training:${t.id}`);
    } catch (e) { showProblems($("dg-problems"), e, () => $("dg-spec")); }
  },
  show(state) {
    const last = state.history[state.history.length - 1] || {};
    $("dg-status").innerHTML = `<b data-status="${state.status}">${state.status}</b> · epoch ${state.position.epoch} of ${state.epochs}` +
      (last.validation_accuracy !== undefined ? ` · validation accuracy <span id="dg-val-acc">${fmt(100 * last.validation_accuracy, 3)}%</span>` : "") +
      (state.error ? `<div class="problems">${esc(state.error)}</div>` : "") + ` · run <code>${esc(state.run)}</code>`;
    drawCurves($("dg-curves"), costSeries(state.history));
    const pic = state.picture || {};
    if (pic.weight_images) {
      const box = $("dg-weights"); box.innerHTML = "";
      pic.weight_images.forEach((w, j) => { const f = document.createElement("figure"); f.appendChild(greyImage(w, 2, true)); f.append(`${j + 1}`); box.appendChild(f); });
    }
    if (pic.confusion) confusionTable($("dg-confusion"), pic.confusion.matrix, pic.confusion.classes);
  },
  async refreshModels(chosen) {
    const runs = await api("/api/runs");
    const options = [...(DG.id ? [[`training:${DG.id}`, `live training ${DG.id}`]] : []), ...runs.map((r) => [`run:${r.name}`, r.name])];
    $("dg-model").innerHTML = options.map(([v, t]) => `<option value="${esc(v)}"${v === chosen ? " selected" : ""}>${esc(t)}</option>`).join("");
  },
  async predict() {
    const [kind, name] = $("dg-model").value.split(/:(.*)/s);
    try {
      const r = await api("/api/predict", { [kind]: name, image: $("dg-draw").toDataURL("image/png") });
      const top = Math.max(...r.activations, 1e-9);
      $("dg-bars").innerHTML = `<div class="bars">` + r.activations.map((a, i) =>
        `<div class="bar${i === r.predicted ? " best" : ""}"><span>${esc(r.classes[i])}</span><span class="fill" style="width:${(150 * a) / top}px"></span><span>${fmt(a, 3)}</span></div>`).join("") + "</div>";
      $("dg-prediction").innerHTML = `prediction: <b id="dg-predicted">${esc(r.predicted_name)}</b>` + [...r.warnings, ...r.notes].map((n) => `<div class="hint">${esc(n)}</div>`).join("");
      const seen = $("dg-seen").getContext("2d"); seen.clearRect(0, 0, 84, 84); seen.drawImage(greyImage(r.pixels.map((row) => row.map((v) => v)), 3, false), 0, 0);
    } catch (e) { $("dg-prediction").innerHTML = `<span class="problems">${esc(e.message)}</span>`; }
  },
};

function drawingCanvas(canvas) {
  const ctx = canvas.getContext("2d");
  const clear = () => { ctx.fillStyle = "white"; ctx.fillRect(0, 0, canvas.width, canvas.height); };
  clear();
  let down = false;
  const at = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  canvas.addEventListener("pointerdown", (e) => { down = true; ctx.beginPath(); ctx.moveTo(...at(e)); });
  canvas.addEventListener("pointermove", (e) => {
    if (!down) return;
    ctx.lineWidth = 22; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "black";
    ctx.lineTo(...at(e)); ctx.stroke();
  });
  const up = () => { if (down) { down = false; DG.predict(); } };
  canvas.addEventListener("pointerup", up); canvas.addEventListener("pointerleave", up);
  return clear;
}

// --- Runs -----------------------------------------------------------------------------------

const RN = {
  current: null,
  async refresh() {
    const runs = await api("/api/runs");
    $("rn-list").querySelector("tbody").innerHTML = runs.map((r) =>
      `<tr><td><input type="checkbox" data-run="${esc(r.name)}"></td><td data-open="${esc(r.name)}">${esc(r.name)}</td><td>${r.epochs}</td><td>${fmt(r.train_cost, 3)}</td><td>${r.validation_accuracy == null ? "–" : fmt(100 * r.validation_accuracy, 3) + "%"}</td></tr>`).join("");
    $("rn-list").querySelectorAll("[data-open]").forEach((td) => (td.onclick = () => RN.open(td.dataset.open)));
  },
  async open(name) {
    const run = await api(`/api/runs/${encodeURIComponent(name)}`);
    RN.current = name;
    $("rn-title").textContent = `Run ${name}`;
    $("rn-spec").textContent = JSON.stringify(run.spec, null, 2);
    drawCurves($("rn-curves"), costSeries(run.history, name + ": "));
    const ev = run.evaluation;
    $("rn-eval").innerHTML = ev ? `${ev.split} accuracy <b id="rn-accuracy">${fmt(100 * ev.accuracy, 4)}%</b> (${ev.correct}/${ev.n})` : esc(run.evaluation_error || "");
    if (ev) confusionTable($("rn-confusion"), ev.confusion, ev.classes); else $("rn-confusion").innerHTML = "";
    const box = $("rn-mistakes"); box.innerHTML = "";
    (run.mistakes || []).forEach((m) => {
      const f = document.createElement("figure");
      if (m.image) f.appendChild(greyImage(m.image, 2, false)); else f.append(JSON.stringify(m.x));
      f.append(` #${m.index}: ${m.label}→${m.predicted}`);
      box.appendChild(f);
    });
    if (!(run.mistakes || []).length) box.textContent = ev ? "no mistakes" : "";
  },
  async compare() {
    const names = [...document.querySelectorAll("#rn-list input:checked")].map((c) => c.dataset.run);
    const series = [];
    for (const [i, name] of names.entries()) {
      const run = await api(`/api/runs/${encodeURIComponent(name)}`);
      const c = SERIES_COLOURS[i % SERIES_COLOURS.length];
      series.push(...costSeries(run.history, name + ": ", [c, c]));
    }
    drawCurves($("rn-curves"), series);
    $("rn-curves").dataset.overlaid = names.join(",");
  },
  async again() {
    if (!RN.current) return;
    try { const t = await api(`/api/runs/${encodeURIComponent(RN.current)}/restart`, {}); say(`training again as ${t.run}`); follow(t.id, (s) => { if (s.status === "done" || s.status === "stopped") RN.refresh(); }); }
    catch (e) { say(e.message); }
  },
};

// --- Explain --------------------------------------------------------------------------------

const EX = {
  async loadExample() {
    const name = $("ex-example").value;
    if (name) $("ex-spec").value = JSON.stringify(await api(`/api/examples/${name}`), null, 2);
  },
  numbers(text) { return text.trim() ? text.split(",").map(Number) : undefined; },
  async go() {
    try {
      const body = { spec: JSON.parse($("ex-spec").value), example: Number($("ex-index").value) };
      const x = EX.numbers($("ex-input").value), y = EX.numbers($("ex-target").value);
      if (x) { body.input = x; body.target = y; }
      if ($("ex-eta").value.trim()) body.eta = Number($("ex-eta").value);
      const trace = await api("/api/explain", body);
      showProblems($("ex-problems"), null);
      EX.show(trace);
    } catch (e) { showProblems($("ex-problems"), e.problems ? e : { message: e.message, problems: [] }); }
  },
  show(trace) {
    const el = $("ex-trace");
    el.innerHTML = `<h2>${trace.sizes.join("-")} net (${esc(trace.neurons.join(", "))}), ${esc(trace.cost)} cost, η = ${trace.eta}</h2>`;
    let phase = null;
    trace.steps.forEach((s, i) => {
      if (s.phase !== phase) { phase = s.phase; el.insertAdjacentHTML("beforeend", `<h3>${esc(trace.phases[phase] || phase)}</h3>`); }
      const value = Array.isArray(s.value) ? (Array.isArray(s.value[0]) ? matrixTex(s.value) : matrixTex(s.value.map((v) => [v])) + "^{T}") : fmt(s.value, 9);
      el.insertAdjacentHTML("beforeend", `<div class="eq" data-symbol="${esc(s.symbol)}"><span class="eq-label">${esc(s.label)}</span> <span id="eqf-${i}"></span> <span class="words">${esc(s.equation_words)}</span>
        ${s.detail ? `<div class="value">= ${esc(s.detail)}</div>` : ""}<div><span id="eqv-${i}"></span> <span class="value" data-value="${esc(JSON.stringify(s.value))}"></span></div></div>`);
      tex(s.equation_tex, $(`eqf-${i}`));
      tex(`${s.symbol_tex} = ${value}`, $(`eqv-${i}`));
    });
  },
};

// --- wiring ---------------------------------------------------------------------------------

function tabs() {
  document.querySelectorAll("#tabs button").forEach((b) => (b.onclick = () => {
    document.querySelectorAll("#tabs button, .tab").forEach((x) => x.classList.remove("active"));
    b.classList.add("active"); $(b.dataset.tab).classList.add("active");
    if (b.dataset.tab === "runs") RN.refresh();
    if (b.dataset.tab === "digits") DG.refreshModels($("dg-model").value);
  }));
}

window.addEventListener("DOMContentLoaded", async () => {
  tabs();
  $("pg-add-layer").onclick = () => PG.addLayer();
  $("pg-optimizer").onchange = optimizerParams;
  $("pg-start").onclick = () => PG.start(false);
  $("pg-pause").onclick = () => PG.id && api(`/api/trainings/${PG.id}/pause`, {});
  $("pg-step").onclick = () => PG.step();
  $("pg-reset").onclick = () => PG.reset();
  $("dg-example").onchange = DG.loadExample;
  $("dg-upload").onchange = async (e) => { const f = e.target.files[0]; if (f) { if (f.size > 1000000) { say("that file is larger than 1 MB"); return; } $("dg-spec").value = await f.text(); DG.check(); } };
  $("dg-check").onclick = DG.check;
  $("dg-train").onclick = DG.train;
  $("dg-stop").onclick = () => DG.id && api(`/api/trainings/${DG.id}/stop`, {});
  const clear = drawingCanvas($("dg-draw"));
  $("dg-clear").onclick = clear;
  $("dg-predict").onclick = DG.predict;
  $("rn-refresh").onclick = RN.refresh;
  $("rn-compare").onclick = RN.compare;
  $("rn-again").onclick = RN.again;
  $("ex-example").onchange = EX.loadExample;
  $("ex-go").onclick = EX.go;
  try { await loadCatalog(); document.body.dataset.ready = "yes"; }
  catch (e) { say(e.message); }
});
