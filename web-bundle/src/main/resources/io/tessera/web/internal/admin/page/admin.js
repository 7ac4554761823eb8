// Tessera's admin page: reads the JSON API, follows /tessera/api/events (server-sent events) so
// changes show without a reload, and draws the requirement graph as SVG. No libraries, no build.
'use strict';

const API = '/tessera/api/';
const SVG = 'http://www.w3.org/2000/svg';
const $ = (selector) => document.querySelector(selector);

function el(tag, attributes, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function svg(tag, attributes) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
  return e;
}

async function get(path) {
  const response = await fetch(API + path, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

function say(text, kind) {
  const m = $('#message');
  m.textContent = text;
  m.className = kind || '';
}

// ---- apps table -------------------------------------------------------------

function row(app) {
  const toggle = el('button', { class: 'toggle', type: 'button' }, app.enabled ? 'Disable' : 'Enable');
  toggle.disabled = app.system && app.enabled;
  toggle.title = app.system ? 'a system app cannot be disabled' : '';
  toggle.addEventListener('click', () => change(app.label, !app.enabled));
  return el('tr', { 'data-label': app.label, 'data-bundle': String(app.bundleId) },
    el('td', { class: 'label' }, app.label),
    el('td', { class: 'name' }, app.name),
    el('td', { class: 'version' }, app.version),
    el('td', {}, el('span', { class: 'state ' + app.state }, app.state)),
    el('td', { class: 'enabled' }, el('span', { class: 'flag' }, app.enabled ? 'yes' : 'no'), ' ', toggle),
    el('td', { class: 'reason' }, app.reason || ''));
}

function renderApps(apps) {
  $('#apps tbody').replaceChildren(...apps.map(row));
}

/** An event's app replaces its row at once (or joins the table); REMOVED takes the row away. */
function applyEvent(event) {
  const app = event.app;
  const selector = `#apps tbody tr[data-label="${CSS.escape(app.label)}"][data-bundle="${app.bundleId}"]`;
  const existing = document.querySelector(selector);
  if (event.type === 'REMOVED') {
    if (existing) existing.remove();
  } else if (existing) {
    existing.replaceWith(row(app));
  } else {
    $('#apps tbody').append(row(app));
  }
}

// ---- models -----------------------------------------------------------------

function renderModels(apps) {
  const blocks = [];
  for (const app of apps) {
    for (const m of app.models) {
      const fields = m.fields.map((f) => el('li', {}, `${f.name}: ${f.type}${f.reference ? ' → ' + f.reference : ''}`));
      blocks.push(el('div', { class: 'model', 'data-model': m.key },
        el('h3', {}, `${m.key} `, el('span', { class: 'hint' }, `(${m.verboseName}; app ${app.label} ${app.state})`)),
        el('ul', {}, ...fields)));
    }
  }
  $('#models').replaceChildren(...(blocks.length ? blocks : [el('p', { class: 'hint' }, 'No models.')]));
}

// ---- requirement graph --------------------------------------------------------

function renderGraph(graph) {
  const W = 130, H = 34, GAP_X = 70, GAP_Y = 22, PAD = 16;
  const columns = new Map();
  for (const n of graph.nodes) {
    if (!columns.has(n.layer)) columns.set(n.layer, []);
    columns.get(n.layer).push(n);
  }
  const at = new Map();
  let height = 0, width = 0;
  for (const [layer, nodes] of [...columns.entries()].sort((a, b) => a[0] - b[0])) {
    nodes.forEach((n, i) => {
      const x = PAD + layer * (W + GAP_X), y = PAD + i * (H + GAP_Y);
      at.set(n.label, { x, y });
      width = Math.max(width, x + W + PAD);
      height = Math.max(height, y + H + PAD);
    });
  }
  const root = $('#graph');
  root.replaceChildren();
  root.setAttribute('width', Math.max(width, 200));
  root.setAttribute('height', Math.max(height, 60));
  const defs = svg('defs');
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto' });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#455a64' }));
  defs.append(marker);
  root.append(defs);
  for (const e of graph.edges) {
    const from = at.get(e.from), to = at.get(e.to);
    if (!from || !to) continue;
    const line = svg('path', {
      class: 'edge' + (e.optional ? ' optional' : ''), 'marker-end': 'url(#arrow)',
      d: `M${from.x},${from.y + H / 2} C${from.x - GAP_X / 2},${from.y + H / 2} ${to.x + W + GAP_X / 2},${to.y + H / 2} ${to.x + W},${to.y + H / 2}`,
      'data-from': e.from, 'data-to': e.to });
    const title = svg('title');
    title.textContent = `${e.from} requires ${e.to}${e.range ? ' ' + e.range : ''}${e.optional ? ' (optional)' : ''}`;
    line.append(title);
    root.append(line);
  }
  for (const n of graph.nodes) {
    const p = at.get(n.label);
    const g = svg('g', { class: 'node ' + n.state, 'data-label': n.label, 'data-state': n.state });
    g.append(svg('rect', { x: p.x, y: p.y, width: W, height: H, rx: 6 }));
    const text = svg('text', { x: p.x + 10, y: p.y + H / 2 + 4 });
    text.textContent = `${n.label} · ${n.state}`;
    const title = svg('title');
    title.textContent = `${n.label}: ${n.state}`;
    g.append(text, title);
    root.append(g);
  }
}

// ---- deploy folder ------------------------------------------------------------

function renderDeploy(deploy) {
  $('#deploy-folder').textContent = deploy.folder ? 'Watching ' + deploy.folder : 'No deploy folder is watched.';
  const problems = deploy.lines.filter((l) => l.severity !== 'OK');
  $('#deploy').replaceChildren(...(problems.length
    ? problems.map((l) => el('li', { class: l.severity }, `${l.severity}: ${l.text}`))
    : [el('li', { class: 'OK' }, 'No problems.')]));
}

// ---- refresh and live updates ---------------------------------------------------

let pending = null;

async function refresh() {
  try {
    const [apps, graph, deploy] = await Promise.all([get('apps'), get('dependencies'), get('deploy')]);
    renderApps(apps);
    renderModels(apps);
    renderGraph(graph);
    renderDeploy(deploy);
  } catch (e) {
    say('Cannot read the registry: ' + e.message, 'error');
  }
}

/** Events come in bursts (an app stepping down takes others with it): one refresh after the burst. */
function refreshSoon() {
  clearTimeout(pending);
  pending = setTimeout(refresh, 150);
}

function connect() {
  const events = new EventSource(API + 'events');
  const live = $('#live');
  events.addEventListener('open', () => {
    live.textContent = 'live';
    live.className = 'live on';
    refresh(); // after the stream is open, so no change falls between the two
  });
  events.addEventListener('app', (e) => {
    applyEvent(JSON.parse(e.data));
    refreshSoon();
  });
  events.addEventListener('deploy', (e) => renderDeploy(JSON.parse(e.data)));
  events.addEventListener('error', () => {
    live.textContent = 'reconnecting…';
    live.className = 'live off';
  });
}

// ---- changes (need the admin token) ----------------------------------------------

async function change(label, enable) {
  const token = sessionStorage.getItem('tessera.token');
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  say((enable ? 'Enabling ' : 'Disabling ') + label + '…');
  try {
    const response = await fetch(API + 'apps/' + encodeURIComponent(label) + (enable ? '/enable' : '/disable'),
      { method: 'POST', headers, credentials: 'omit' });
    const body = await response.json();
    if (!response.ok) {
      say(body.message || response.statusText, 'error');
      return;
    }
    say(`${label} is ${body.enabled ? 'enabled' : 'disabled'} (${body.state || 'not installed'}).`, 'ok');
    refreshSoon();
  } catch (e) {
    say('The request failed: ' + e.message, 'error');
  }
}

function setUpToken() {
  const state = $('#token-state');
  const show = () => { state.textContent = sessionStorage.getItem('tessera.token') ? 'token set' : 'no token'; };
  $('#token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('#token').value.trim();
    if (value) sessionStorage.setItem('tessera.token', value); else sessionStorage.removeItem('tessera.token');
    $('#token').value = '';
    show();
  });
  show();
}

setUpToken();
connect();
