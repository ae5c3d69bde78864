/* sitrep analyst's desk: map, timeline, charts, table and event panel over sitrep's REST API.
 *
 * Safety rule of this file: data from the API (article text, names, notes, URLs) only ever reaches the
 * page as text (textContent, createTextNode, setAttribute on non-URL attributes). Nothing here assigns
 * innerHTML/outerHTML or calls insertAdjacentHTML/document.write; links are made only for http(s) URLs.
 * tests/api/test_web.py checks this file for those calls.
 */
(function () {
  'use strict';

  const TYPE_COLOURS = {
    'Battles': '#d62728',
    'Explosions/Remote violence': '#ff7f0e',
    'Violence against civilians': '#9467bd',
    'Protests': '#1f77b4',
    'Riots': '#e377c2',
    'Strategic developments': '#7f7f7f',
  };
  const OTHER_COLOUR = '#17becf';
  const SERIES_COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];
  const REVIEW_LABELS = { unreviewed: 'unreviewed', confirmed: 'confirmed', rejected: 'rejected', needs_check: 'needs check' };
  const PAGE = 50;
  const FIELDS = [
    ['event_date', 'Date', 'date'],
    ['event_type', 'Event type', 'event_type'],
    ['sub_event_type', 'Sub-event type', 'sub_event_type'],
    ['actor1', 'Actor 1', 'text'],
    ['assoc_actor_1', 'Assoc. actor 1', 'text'],
    ['actor2', 'Actor 2', 'text'],
    ['assoc_actor_2', 'Assoc. actor 2', 'text'],
    ['country', 'Country', 'text'],
    ['admin1', 'Admin1', 'text'],
    ['admin2', 'Admin2', 'text'],
    ['location', 'Location', 'text'],
    ['latitude', 'Latitude', 'float'],
    ['longitude', 'Longitude', 'float'],
    ['geo_precision', 'Geo precision', 'int'],
    ['time_precision', 'Time precision', 'int'],
    ['fatalities', 'Fatalities', 'int'],
    ['injuries', 'Injuries', 'int'],
    ['weapon', 'Weapon', 'text'],
    ['claimed_by', 'Claimed by', 'text'],
    ['notes', 'Notes', 'textarea'],
  ];

  const state = {
    filters: {},
    inView: false,
    brush: null, // [since, until] chosen on the timeline
    sort: '-event_date',
    offset: 0,
    total: 0,
    token: sessionStorage.getItem('sitrep.token') || '',
    meta: null,
    selected: null, // {id, etag, event, sources}
    mergeList: loadMergeList(), // [{id, version, date, place, missing}]: the merge bar, the first is kept
    periods: [],
    bin: 'day',
  };

  let map = null;
  let cluster = null;
  let clustered = null; // resolves the promise of the markers being clustered
  let vocabularies = null; // the promise of /api/meta (event types, review states) being loaded
  let basemaps = {};

  // ---------------------------------------------------------------------------------------------- DOM

  const $ = (selector, root) => (root || document).querySelector(selector);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'href') throw new Error('use link() for URLs');
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A link only for http(s) URLs; anything else (javascript:, data:) is shown as plain text. */
  function link(url, label) {
    let safe = null;
    try {
      const parsed = new URL(url, window.location.href);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') safe = parsed.href;
    } catch (e) { /* not a URL */ }
    if (!safe) return el('code', { class: 'unsafe-url', title: 'not an http(s) link' }, String(url));
    const a = el('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }, label || safe);
    a.href = safe;
    return a;
  }

  /** A performance mark (bench/api.py reads them), once per name. */
  function mark(name) {
    if (window.performance && performance.mark && !performance.getEntriesByName('sitrep:' + name).length) {
      performance.mark('sitrep:' + name);
    }
  }

  function colourOf(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }

  function status(message, isError) {
    const node = $('#status');
    node.textContent = message || '';
    node.classList.toggle('error', !!isError);
  }

  // ---------------------------------------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, message, field) { super(message); this.status = status; this.field = field; }
  }

  async function api(path, options) {
    const opts = options || {};
    const headers = Object.assign({}, opts.headers || {});
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method: opts.method || 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      const error = data && data.error ? data.error : { message: response.statusText };
      throw new ApiError(response.status, error.message, error.field);
    }
    return { data, response };
  }

  function filterParams(withBrush) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state.filters)) {
      if (value !== '' && value !== null && value !== undefined) params.set(key, value);
    }
    if (state.inView && map) params.set('bbox', bboxOfMap());
    if (withBrush && state.brush) {
      let [since, until] = state.brush;
      if (params.get('since') && params.get('since') > since) since = params.get('since');
      if (params.get('until') && params.get('until') < until) until = params.get('until');
      if (until < since) until = since;
      params.set('since', since);
      params.set('until', until);
    }
    return params;
  }

  function bboxOfMap() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
    let west = -180;
    let east = 180;
    if (b.getEast() - b.getWest() < 360) { west = wrap(b.getWest()); east = wrap(b.getEast()); }
    return [west, clamp(b.getSouth(), -90, 90), east, clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(',');
  }

  // --------------------------------------------------------------------------------------------- dates

  const DAY = 86400000;
  const toTime = (iso) => Date.parse(iso + 'T00:00:00Z');
  const toIso = (t) => new Date(t).toISOString().slice(0, 10);
  const addDays = (iso, n) => toIso(toTime(iso) + n * DAY);
  function addMonths(iso, n) {
    const d = new Date(toTime(iso));
    d.setUTCMonth(d.getUTCMonth() + n, 1);
    return toIso(d.getTime());
  }
  function binStart(iso, bin) {
    if (bin === 'month') return iso.slice(0, 7) + '-01';
    if (bin === 'week') { const wd = (new Date(toTime(iso)).getUTCDay() + 6) % 7; return addDays(iso, -wd); }
    return iso;
  }
  const nextBin = (iso, bin) => (bin === 'month' ? addMonths(iso, 1) : addDays(iso, bin === 'week' ? 7 : 1));
  const binEnd = (iso, bin) => addDays(nextBin(iso, bin), -1);

  function periodsBetween(lo, hi, bin) {
    const out = [];
    if (!lo || !hi) return out;
    for (let p = binStart(lo, bin); p <= hi && out.length < 5000; p = nextBin(p, bin)) out.push(p);
    return out;
  }

  // ----------------------------------------------------------------------------------------------- map

  function initMap() {
    map = L.map('map', { preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([15, 20], 2);
    map.createPane('basemap');
    map.getPane('basemap').style.zIndex = 200;
    basemaps.online = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 18,
      attribution: '&copy; OpenStreetMap contributors',
    });
    cluster = L.markerClusterGroup({
      // In chunks, so a large set never freezes the page; the map is drawn when the last chunk is done.
      chunkedLoading: true,
      chunkInterval: 120,
      chunkDelay: 10,
      chunkProgress: (done, total) => { if (done >= total && clustered) { clustered(); clustered = null; } },
      showCoverageOnHover: false,
      maxClusterRadius: 45,
      iconCreateFunction: clusterIcon,
    });
    map.addLayer(cluster);
    map.on('moveend', () => { if (state.inView) debounce('view', refreshFiltered, 300); });
    map.on('zoomend', () => { if ($('#basemap').value === 'offline') showOfflineBasemap(); });
    $('#basemap').addEventListener('change', (e) => setBasemap(e.target.value));
    basemaps.offline = L.layerGroup();
    basemaps.offline.addTo(map);
    map.attributionControl.addAttribution('Natural Earth (world-atlas)');
    return showOfflineBasemap();
  }

  // Natural Earth at the scale that fits the zoom: 1:110m for the world, 1:50m from zoom 4 (loaded then). Its
  // shapes are cut at the antimeridian (antimeridian.js): drawn as they are, Russia, Fiji and Antarctica would
  // each draw a straight line across the world. Land and borders are two layers, so the cut draws no border.
  const outlines = {};

  function outlineFor(scale) {
    if (!outlines[scale]) {
      outlines[scale] = fetch('/vendor/world-atlas/countries-' + scale + '.json').then((response) => {
        if (!response.ok) throw new Error('the offline basemap is not installed (make install runs npm ci)');
        return response.json();
      }).then((topo) => {
        const world = sitrepAntimeridian.flatWorld(topojson.feature(topo, topo.objects.countries));
        const options = { pane: 'basemap', interactive: false };
        return L.layerGroup([
          L.geoJSON(world.land, { ...options, style: { stroke: false, fillColor: '#f1eee6', fillOpacity: 1 } }),
          L.geoJSON(world.borders, { ...options, style: { color: '#8a8f98', weight: 0.6, fill: false } }),
        ]);
      });
    }
    return outlines[scale];
  }

  async function showOfflineBasemap() {
    const scale = map.getZoom() >= 4 ? '50m' : '110m';
    try {
      const layer = await outlineFor(scale);
      if ((map.getZoom() >= 4 ? '50m' : '110m') !== scale) return; // zoomed again meanwhile
      if (!basemaps.offline.hasLayer(layer)) {
        basemaps.offline.clearLayers();
        basemaps.offline.addLayer(layer);
      }
      mark('basemap');
    } catch (error) {
      status('Basemap: ' + error.message, true);
    }
  }

  function setBasemap(which) {
    for (const [name, layer] of Object.entries(basemaps)) {
      if (name === which) layer.addTo(map); else map.removeLayer(layer);
    }
    $('#map').classList.toggle('online', which === 'online');
    if (which === 'offline') showOfflineBasemap();
  }

  function radiusFor(fatalities) { return Math.min(22, 4 + 2.2 * Math.sqrt(fatalities || 0)); }

  function clusterIcon(group) {
    const markers = group.getAllChildMarkers();
    const byType = {};
    let dead = 0;
    for (const m of markers) {
      byType[m.sitrep.type] = (byType[m.sitrep.type] || 0) + 1 + m.sitrep.fatalities;
      dead += m.sitrep.fatalities;
    }
    const top = Object.entries(byType).sort((a, b) => b[1] - a[1])[0][0];
    const size = Math.round(Math.min(64, 26 + 5 * Math.log10(1 + dead) + 2 * Math.log10(markers.length)));
    const body = el('div', { class: 'cluster-body', title: markers.length + ' events, ' + dead + ' fatalities' }, String(markers.length));
    body.style.background = colourOf(top);
    body.style.width = body.style.height = size + 'px';
    body.style.lineHeight = size + 'px';
    return L.divIcon({ html: body, className: 'cluster', iconSize: L.point(size, size) });
  }

  function tooltipFor(info) {
    return el('div', { class: 'tip' },
      el('b', {}, info.type), el('br'), (info.date || 'date unknown') + ' · ' + info.fatalities + ' fatalities');
  }

  async function loadPoints() {
    const { data } = await api('/api/events/points?' + filterParams(true));
    const markers = new Array(data.id.length);
    for (let i = 0; i < data.id.length; i++) {
      const info = { id: data.id[i], type: data.type[i], fatalities: data.fatalities[i], date: data.date[i] };
      const colour = colourOf(info.type);
      const marker = L.circleMarker([data.lat[i], data.lon[i]], {
        radius: radiusFor(info.fatalities), color: '#333', weight: 0.8, fillColor: colour, fillOpacity: 0.8,
      });
      marker.sitrep = info;
      marker.bindTooltip(() => tooltipFor(info));
      marker.on('click', () => openEvent(info.id));
      markers[i] = marker;
    }
    mark('points-fetched');
    cluster.clearLayers();
    const drawn = new Promise((resolve) => { clustered = resolve; });
    cluster.addLayers(markers);
    if (!markers.length && clustered) { clustered(); clustered = null; }
    await drawn;
    mark('points-drawn');
    if (!state.fitted && markers.length) {
      state.fitted = true;
      map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.15), { maxZoom: 6 });
    }
    const note = data.truncated ? ' (the ' + data.id.length.toLocaleString() + ' deadliest on the map)' : '';
    $('#summary').textContent = data.total.toLocaleString() + ' events with coordinates' + note;
  }

  // ------------------------------------------------------------------------------------------ timeline

  async function loadTimeline() {
    const { data } = await api('/api/events/stats?' + filterParams(false));
    state.bin = data.bin;
    state.periods = periodsBetween(data.min_date, data.max_date, data.bin);
    drawTimeline(data);
    mark('timeline');
    return data;
  }

  function stackByPeriod(rows, periods, key, value) {
    const index = new Map(periods.map((p, i) => [p, i]));
    const stacks = periods.map(() => ({}));
    for (const row of rows) {
      const i = index.get(row.period);
      if (i === undefined) continue;
      stacks[i][row[key]] = (stacks[i][row[key]] || 0) + row[value];
    }
    return stacks;
  }

  function drawTimeline(data) {
    const box = $('#timeline');
    const width = box.clientWidth || 800;
    const height = 110;
    const axis = 18;
    box.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    box.replaceChildren();
    const periods = state.periods;
    // Events whose day is unknown (no publication date, no date in the text) are counted but have no bar.
    const undated = data.undated_events || 0;
    const unplaced = undated.toLocaleString() + ' of unknown date, not on the timeline';
    if (!periods.length) {
      box.append(svg('text', { x: 8, y: 40, class: 'empty' }, undated ? 'No dated events: ' + unplaced + '.' : 'No events match the filters.'));
      return;
    }
    const stacks = stackByPeriod(data.timeline, periods, 'event_type', 'events');
    const totals = stacks.map((s) => Object.values(s).reduce((a, b) => a + b, 0));
    const max = Math.max(1, ...totals);
    const band = width / periods.length;
    const bars = svg('g', { class: 'bars' });
    stacks.forEach((stack, i) => {
      let y = height - axis;
      for (const type of Object.keys(TYPE_COLOURS).concat(Object.keys(stack).filter((t) => !(t in TYPE_COLOURS)))) {
        const n = stack[type];
        if (!n) continue;
        const h = ((height - axis - 16) * n) / max;
        y -= h;
        const rect = svg('rect', { x: i * band + 0.5, y, width: Math.max(1, band - 1), height: h, fill: colourOf(type) });
        rect.append(svg('title', {}, periods[i] + ' · ' + type + ': ' + n));
        bars.append(rect);
      }
    });
    box.append(bars);
    const ticks = Math.min(periods.length, Math.max(2, Math.floor(width / 110)));
    let last = -Infinity;
    for (let k = 0; k < ticks; k++) {
      const i = Math.round((k * (periods.length - 1)) / Math.max(1, ticks - 1));
      const x = Math.min(width - 70, i * band);
      if (x - last < 80) continue; // labels never overlap
      last = x;
      box.append(svg('text', { x, y: height - 4, class: 'tick' }, periods[i]));
    }
    box.append(svg('text', { x: width - 4, y: 12, class: 'tick', 'text-anchor': 'end' }, 'max ' + max + ' / ' + state.bin));
    if (undated) box.append(svg('text', { x: 4, y: 12, class: 'tick undated' }, unplaced));
    const brush = svg('rect', { class: 'brush', x: 0, y: 0, width: 0, height: height - axis, visibility: 'hidden' });
    box.append(brush);
    attachBrush(box, brush, band, height - axis);
  }

  function attachBrush(box, brush, band, height) {
    let start = null;
    const xOf = (event) => {
      const r = box.getBoundingClientRect();
      const scale = (box.viewBox.baseVal && box.viewBox.baseVal.width) ? box.viewBox.baseVal.width / r.width : 1;
      return Math.max(0, Math.min(r.width * scale, (event.clientX - r.left) * scale));
    };
    box.onpointerdown = (event) => {
      start = xOf(event);
      box.setPointerCapture(event.pointerId);
      brush.setAttribute('x', start);
      brush.setAttribute('width', 0);
      brush.setAttribute('visibility', 'visible');
    };
    box.onpointermove = (event) => {
      if (start === null) return;
      const x = xOf(event);
      brush.setAttribute('x', Math.min(start, x));
      brush.setAttribute('width', Math.abs(x - start));
    };
    box.onpointerup = (event) => {
      if (start === null) return;
      const x = xOf(event);
      const lo = Math.min(start, x);
      const hi = Math.max(start, x);
      start = null;
      const periods = state.periods;
      const i0 = Math.max(0, Math.min(periods.length - 1, Math.floor(lo / band)));
      const i1 = Math.max(i0, Math.min(periods.length - 1, Math.floor(Math.max(lo, hi - 0.01) / band)));
      brush.setAttribute('x', i0 * band);
      brush.setAttribute('width', (i1 - i0 + 1) * band);
      setBrush([periods[i0], binEnd(periods[i1], state.bin)]);
    };
  }

  function setBrush(range) {
    state.brush = range;
    state.offset = 0;
    $('#brush-label').textContent = range ? range[0] + ' – ' + range[1] : '';
    $('#brush-clear').hidden = !range;
    if (!range) {
      const brush = $('#timeline .brush');
      if (brush) brush.setAttribute('visibility', 'hidden');
    }
    refreshFiltered();
  }

  // -------------------------------------------------------------------------------------------- charts

  async function loadCharts() {
    const { data } = await api('/api/events/stats?' + filterParams(true));
    drawCharts(data);
  }

  function drawCharts(data) {
    const periods = periodsBetween(data.min_date, data.max_date, data.bin);
    drawStacked($('#chart-types'), periods, stackByPeriod(data.timeline, periods, 'event_type', 'fatalities'));
    const names = data.admin1.map((a) => a.admin1);
    drawLines($('#chart-admin1'), periods, names, stackByPeriod(data.admin1_timeline, periods, 'admin1', 'fatalities'));
    const legend = $('#admin1-legend');
    legend.replaceChildren(...data.admin1.map((a, i) => {
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = SERIES_COLOURS[i % SERIES_COLOURS.length];
      return el('li', {}, swatch, a.admin1 + (a.country ? ' (' + a.country + ')' : '') + ': ' + a.fatalities.toLocaleString());
    }));
  }

  function chartFrame(box, periods) {
    const width = box.clientWidth || 400;
    const height = 160;
    box.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    box.replaceChildren();
    if (!periods.length) box.append(svg('text', { x: 8, y: 40, class: 'empty' }, 'No events.'));
    return { width, height, left: 34, bottom: 18 };
  }

  function yAxis(box, f, max) {
    box.append(svg('text', { x: f.left - 4, y: 10, class: 'tick', 'text-anchor': 'end' }, String(max)));
    box.append(svg('text', { x: f.left - 4, y: f.height - f.bottom, class: 'tick', 'text-anchor': 'end' }, '0'));
    box.append(svg('line', { x1: f.left, x2: f.width, y1: f.height - f.bottom, y2: f.height - f.bottom, class: 'axis' }));
  }

  function xLabels(box, f, periods) {
    if (!periods.length) return;
    box.append(svg('text', { x: f.left, y: f.height - 4, class: 'tick' }, periods[0]));
    box.append(svg('text', { x: f.width - 2, y: f.height - 4, class: 'tick', 'text-anchor': 'end' }, periods[periods.length - 1]));
  }

  function drawStacked(box, periods, stacks) {
    const f = chartFrame(box, periods);
    if (!periods.length) return;
    const max = Math.max(1, ...stacks.map((s) => Object.values(s).reduce((a, b) => a + b, 0)));
    const band = (f.width - f.left) / periods.length;
    const plot = f.height - f.bottom - 4;
    stacks.forEach((stack, i) => {
      let y = f.height - f.bottom;
      for (const [type, n] of Object.entries(stack)) {
        if (!n) continue;
        const h = (plot * n) / max;
        y -= h;
        const rect = svg('rect', { x: f.left + i * band + 0.5, y, width: Math.max(1, band - 1), height: h, fill: colourOf(type) });
        rect.append(svg('title', {}, periods[i] + ' · ' + type + ': ' + n + ' fatalities'));
        box.append(rect);
      }
    });
    yAxis(box, f, max);
    xLabels(box, f, periods);
  }

  function drawLines(box, periods, names, stacks) {
    const f = chartFrame(box, periods);
    if (!periods.length) return;
    let max = 1;
    for (const s of stacks) for (const v of Object.values(s)) max = Math.max(max, v);
    const step = periods.length > 1 ? (f.width - f.left) / (periods.length - 1) : 0;
    const plot = f.height - f.bottom - 4;
    names.forEach((name, k) => {
      const points = stacks.map((s, i) => (f.left + i * step).toFixed(1) + ',' + (f.height - f.bottom - (plot * (s[name] || 0)) / max).toFixed(1));
      const line = svg('polyline', { points: points.join(' '), fill: 'none', stroke: SERIES_COLOURS[k % SERIES_COLOURS.length], 'stroke-width': 1.6 });
      line.append(svg('title', {}, name));
      box.append(line);
    });
    yAxis(box, f, max);
    xLabels(box, f, periods);
  }

  // --------------------------------------------------------------------------------------------- table

  async function loadTable() {
    const params = filterParams(true);
    params.set('sort', state.sort);
    params.set('limit', PAGE);
    params.set('offset', state.offset);
    const { data } = await api('/api/events?' + params);
    state.total = data.total;
    const rows = data.items.map((e) => {
      const review = el('span', { class: 'badge ' + e.review_state }, REVIEW_LABELS[e.review_state] || e.review_state);
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = colourOf(e.event_type);
      const row = el('tr', { tabindex: 0, 'data-id': e.event_id },
        e.event_date ? el('td', {}, e.event_date) : el('td', { class: 'muted' }, 'unknown'),
        el('td', {}, swatch, e.event_type),
        el('td', {}, e.sub_event_type),
        el('td', {}, e.actor1),
        el('td', {}, e.actor2),
        el('td', {}, e.location),
        el('td', {}, e.admin1),
        el('td', {}, e.country),
        el('td', { class: 'num' }, String(e.fatalities)),
        el('td', {}, review));
      row.classList.toggle('selected', !!state.selected && state.selected.id === e.event_id);
      row.addEventListener('click', () => openEvent(e.event_id));
      row.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') openEvent(e.event_id); });
      return row;
    });
    $('#events-table tbody').replaceChildren(...rows);
    mark('table');
    const first = data.total ? state.offset + 1 : 0;
    const last = Math.min(state.offset + PAGE, data.total);
    $('#page-label').textContent = first + '–' + last + ' of ' + data.total.toLocaleString() + ' events';
    $('#prev').disabled = state.offset === 0;
    $('#next').disabled = last >= data.total;
    for (const th of document.querySelectorAll('#events-table th[data-sort]')) {
      const key = th.dataset.sort;
      const sort = state.sort === key ? 'ascending' : state.sort === '-' + key ? 'descending' : 'none';
      th.setAttribute('aria-sort', sort);
    }
  }

  function updateExports() {
    const params = filterParams(true);
    params.set('sort', state.sort);
    for (const fmt of ['csv', 'geojson']) {
      params.set('format', fmt);
      $('#export-' + fmt).href = '/api/events?' + params;
    }
  }

  // ---------------------------------------------------------------------------------------- event panel

  async function openEvent(id) {
    try {
      await vocabularies; // the edit form's lists
      const { data, response } = await api('/api/events/' + encodeURIComponent(id));
      state.selected = { id, etag: response.headers.get('ETag'), event: data.event, sources: data.sources };
      if (window.location.hash !== '#event=' + encodeURIComponent(id)) {
        history.replaceState(null, '', '#event=' + encodeURIComponent(id));
      }
      renderPanel(data);
      for (const row of document.querySelectorAll('#events-table tbody tr')) {
        row.classList.toggle('selected', row.dataset.id === id);
      }
      await renderSources(data);
    } catch (error) {
      status('Event ' + id + ': ' + error.message, true);
    }
  }

  function closePanel() {
    state.selected = null;
    $('#panel').hidden = true;
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }

  function renderPanel(data) {
    const e = data.event;
    $('#panel').hidden = false;
    $('#p-title').textContent = e.event_type + ' · ' + e.sub_event_type;
    $('#p-sub').textContent = (e.event_date || 'date unknown') + ' · ' + [e.location, e.admin1, e.country].filter(Boolean).join(', ') +
      ' · ' + e.event_id;
    $('#p-state').textContent = REVIEW_LABELS[e.review_state] || e.review_state;
    $('#p-state').className = 'badge ' + e.review_state;
    $('#p-message').textContent = '';
    const body = $('#p-fields tbody');
    body.replaceChildren(...FIELDS.map(([name, label, kind]) => fieldRow(e, name, label, kind)));
    $('#p-reports').replaceChildren(...(data.fatality_reports.length ? data.fatality_reports.map(tollItem)
      : [el('li', { class: 'muted' }, 'No source gives a toll.')]));
    $('#p-history').replaceChildren(...(data.history.length ? data.history.map(historyItem)
      : [el('li', { class: 'muted' }, 'No changes yet.')]));
    updateMergeButton();
    renderSplit(data);
  }

  function fieldRow(e, name, label, kind) {
    let input;
    const value = e[name];
    if (kind === 'event_type' || kind === 'sub_event_type') {
      const options = kind === 'event_type' ? state.meta.event_types : Object.keys(state.meta.sub_event_types);
      input = el('select', {}, ...options.map((o) => el('option', { value: o }, o)));
      if (!options.includes(value)) input.prepend(el('option', { value }, value));
      input.value = value;
      if (kind === 'sub_event_type') {
        input.addEventListener('change', () => {
          const parent = state.meta.sub_event_types[input.value];
          if (parent) $('#f-event_type').value = parent;
        });
      }
    } else if (kind === 'textarea') {
      input = el('textarea', { rows: 3 });
      input.value = value || '';
    } else {
      const type = kind === 'date' ? 'date' : kind === 'int' || kind === 'float' ? 'number' : 'text';
      input = el('input', { type, step: kind === 'float' ? 'any' : kind === 'int' ? '1' : null, min: kind === 'int' ? '0' : null });
      input.value = value === null || value === undefined ? '' : String(value);
    }
    input.id = 'f-' + name;
    input.name = name;
    input.dataset.kind = kind;
    const locked = e.locked_fields.includes(name);
    const labelNode = el('label', { for: input.id }, label);
    if (locked) labelNode.append(el('span', { class: 'locked', title: 'corrected by an analyst; kept on re-extraction' }, ' corrected'));
    return el('tr', {}, el('th', {}, labelNode), el('td', {}, input));
  }

  function tollItem(toll) {
    const who = [toll.source || toll.article_id, toll.date].filter(Boolean).join(', ');
    const item = el('li', {}, el('b', {}, String(toll.value)), ' according to ' + who + (toll.revised ? ' (revised toll)' : ''));
    const words = toll.spans.map((s) => '“' + s.text + '”');
    if (words.length) item.append(el('div', { class: 'muted' }, words.join(' · ')));
    return item;
  }

  function historyItem(change) {
    const when = new Date(change.changed_at * 1000).toISOString().slice(0, 16).replace('T', ' ');
    const item = el('li', {}, el('b', {}, change.action), ' by ' + (change.actor || '?') + ', ' + when + ' UTC');
    const details = el('ul', {});
    const before = change.before || {};
    const after = change.after || {};
    if (change.action === 'edit' || change.action === 'review') {
      for (const key of Object.keys(after)) {
        details.append(el('li', {}, key + ': ' + show(before[key]) + ' → ' + show(after[key])));
      }
    } else if (after.merged_into) {
      details.append(el('li', {}, 'merged into ' + after.merged_into));
    } else if (after.merged_from) {
      details.append(el('li', {}, 'absorbed ' + after.merged_from.join(', ')));
    } else if (after.split_into) {
      details.append(el('li', {}, 'split off ' + after.split_into.join(', ')));
    } else if (after.split_from) {
      details.append(el('li', {}, 'split from ' + after.split_from));
    } else if (change.article_id) {
      details.append(el('li', {}, 'from article ' + change.article_id));
    }
    if (details.childElementCount) item.append(details);
    return item;
  }

  const show = (v) => (v === null || v === undefined ? '—' : typeof v === 'string' ? '“' + v + '”' : JSON.stringify(v));

  async function renderSources(data) {
    const box = $('#p-sources');
    box.replaceChildren();
    const eventId = data.event.event_id;
    for (const source of data.sources) {
      const head = el('div', { class: 'source-head' },
        el('b', {}, source.title || source.id),
        ' ' + [source.source, source.date].filter(Boolean).join(', ') + ' ');
      if (source.url) head.append(link(source.url));
      const block = el('article', { class: 'source' }, head);
      box.append(block);
      if (!source.stored) {
        block.append(el('p', { class: 'muted' }, 'The text of this article is not stored here.'));
        continue;
      }
      try {
        const { data: article } = await api('/api/articles/' + encodeURIComponent(source.id));
        if (!state.selected || state.selected.id !== eventId) return; // another event was opened meanwhile
        const mine = article.events.find((ev) => ev.event_id === eventId);
        const spans = mine ? mine.spans : data.event.evidence.filter((s) => s.article_id === source.id);
        block.append(el('div', { class: 'article-text' }, highlighted(article.text, spans)));
      } catch (error) {
        block.append(el('p', { class: 'error' }, error.message));
      }
    }
  }

  /** The article text as text nodes, with each evidence span in a <mark> naming its fields. */
  function highlighted(text, spans) {
    const fragment = document.createDocumentFragment();
    const clamp = (n) => Math.max(0, Math.min(text.length, n | 0));
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(clamp(s.start)); cuts.add(clamp(s.end)); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const fields = Array.from(new Set(spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.field)));
      if (fields.length) {
        const mark = el('mark', { title: fields.join(', '), class: 'ev ev-' + fields[0].replace(/[^a-z0-9_]/gi, '') }, piece);
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(piece));
      }
    }
    return fragment;
  }

  function changedFields() {
    const e = state.selected.event;
    const changes = {};
    for (const [name, , kind] of FIELDS) {
      const input = $('#f-' + name);
      if (!input) continue;
      let value = input.value;
      if (kind === 'int') value = value === '' ? null : Number(value);
      else if (kind === 'float') value = value === '' ? null : Number(value);
      const old = e[name] === undefined ? null : e[name];
      if (value !== old && !(value === '' && old === null)) changes[name] = value;
    }
    return changes;
  }

  async function saveEvent(event) {
    event.preventDefault();
    if (!state.selected) return;
    const changes = changedFields();
    const message = $('#p-message');
    for (const node of document.querySelectorAll('#p-fields [aria-invalid]')) node.removeAttribute('aria-invalid');
    if (!Object.keys(changes).length) { message.textContent = 'Nothing changed.'; return; }
    await write('/api/events/' + encodeURIComponent(state.selected.id), 'PATCH', changes, 'Saved: ' + Object.keys(changes).join(', '));
  }

  async function reviewEvent(newState) {
    if (!state.selected) return;
    await write('/api/events/' + encodeURIComponent(state.selected.id) + '/review', 'POST', { state: newState },
      'Marked ' + (REVIEW_LABELS[newState] || newState));
  }

  async function write(path, method, body, done) {
    const etag = state.selected.etag;
    await act(async () => {
      await api(path, { method, body, headers: { 'If-Match': etag } });
      return done;
    });
  }

  /** Run one change to the open event (`request` returns the message to show), then reload the panel and
   * the views; errors go to the panel's message line, a concurrent change reloads the event. */
  async function act(request) {
    const message = $('#p-message');
    const id = state.selected.id;
    message.className = '';
    try {
      if (!state.token) throw new ApiError(401, 'Enter your API token (top right) to make changes.', 'Authorization');
      const done = await request();
      await openEvent(id);
      if (state.selected && state.selected.id === id) syncMergeEntry(state.selected.event); // our own change
      panelMessage(done, 'ok');
      await reloadViews();
    } catch (error) {
      if (error.status === 412) {
        await openEvent(id);
        panelMessage('Someone else changed this event meanwhile: it has been reloaded; re-apply your change.', 'error');
      } else {
        panelMessage(error.message, 'error');
        if (error.field) {
          const input = $('#f-' + error.field.split('.').pop());
          if (input) input.setAttribute('aria-invalid', 'true');
        }
      }
    }
  }

  /** The panel's message line: text, or a list of text and nodes (made with el()). */
  function panelMessage(content, className) {
    const message = $('#p-message');
    message.replaceChildren(...(Array.isArray(content) ? content : [content]));
    message.className = className || '';
  }

  /** After a change: the table, the map, the charts, and the timeline unless a period is brushed on it. */
  async function reloadViews() {
    const jobs = [loadTable(), loadPoints(), loadCharts()];
    if (!state.brush) jobs.push(loadTimeline());
    await Promise.all(jobs);
  }

  // ---------------------------------------------------------------------------------------- merge list

  /** The merge list kept in the tab's session storage, checked item by item (it is read back as data). */
  function loadMergeList() {
    try {
      const raw = JSON.parse(sessionStorage.getItem('sitrep.merge') || '[]');
      if (!Array.isArray(raw)) return [];
      return raw.filter((i) => i && typeof i.id === 'string' && Number.isInteger(i.version)).map((i) => ({
        id: i.id, version: i.version, date: String(i.date || ''), place: String(i.place || ''), missing: !!i.missing,
      }));
    } catch (e) {
      return [];
    }
  }

  function saveMergeList() {
    sessionStorage.setItem('sitrep.merge', JSON.stringify(state.mergeList));
  }

  function mergeEntry(e) {
    const place = [e.location, e.country].filter(Boolean).join(', ');
    return { id: e.event_id, version: e.version, date: e.event_date, place, missing: false };
  }

  const listed = (id) => state.mergeList.findIndex((i) => i.id === id);

  /** An event on the list changed by this analyst (or reloaded after a 412): list its current version. */
  function syncMergeEntry(e) {
    const i = listed(e.event_id);
    if (i < 0) return;
    state.mergeList[i] = mergeEntry(e);
    saveMergeList();
    renderMergeBar();
  }

  function toggleMerge() {
    if (!state.selected) return;
    const i = listed(state.selected.id);
    const message = $('#merge-message');
    message.className = '';
    if (i >= 0) {
      state.mergeList.splice(i, 1);
      message.textContent = 'Removed ' + state.selected.id + ' from the merge list.';
    } else {
      state.mergeList.push(mergeEntry(state.selected.event));
      message.textContent = state.mergeList.length < 2
        ? 'Added ' + state.selected.id + '. Open another event that reports the same incident and add it too.'
        : 'Added ' + state.selected.id + '; ' + state.mergeList.length + ' events on the list.';
    }
    saveMergeList();
    renderMergeBar();
  }

  function updateMergeButton() {
    const button = $('#p-merge-add');
    const on = !!state.selected && listed(state.selected.id) >= 0;
    button.textContent = on ? 'Remove from merge list' : 'Add to merge list';
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  function renderMergeBar(focusAt) {
    const list = state.mergeList;
    $('#merge-bar').hidden = !list.length;
    $('#merge-items').replaceChildren(...list.map((item, i) => {
      const open = el('button', { type: 'button', class: 'linkish', title: 'Open this event',
        onclick: () => openEvent(item.id) }, item.id);
      const what = item.missing ? 'no longer exists (merged or deleted): remove it'
        : [item.date, item.place].filter(Boolean).join(' · ');
      const keep = i === 0
        ? el('span', { class: 'badge kept' }, 'kept')
        : el('button', { type: 'button', class: 'small', 'aria-label': 'Keep ' + item.id + ' (list it first)',
          onclick: () => moveFirst(i) }, 'Keep this');
      const remove = el('button', { type: 'button', class: 'small remove', title: 'Remove from the merge list',
        'aria-label': 'Remove ' + item.id + ' from the merge list', onclick: () => removeMerge(i) }, '×');
      return el('li', { 'data-id': item.id, class: item.missing ? 'error' : null },
        open, ' ', what, ' ', keep, ' ', remove);
    }));
    const go = $('#merge-go');
    go.textContent = list.length >= 2 ? 'Merge ' + list.length + ' events' : 'Merge';
    go.disabled = list.length < 2;
    go.title = list.length < 2 ? 'Add at least two events' : 'Merge them into ' + list[0].id;
    updateMergeButton();
    if (focusAt !== undefined) { // keyboard users keep their place when a control they used goes away
      const next = $('#merge-items li:nth-child(' + (Math.min(focusAt, list.length - 1) + 1) + ') .remove');
      (next || (state.selected ? $('#p-merge-add') : $('#filter-form input'))).focus();
    }
  }

  function moveFirst(i) {
    state.mergeList.unshift(...state.mergeList.splice(i, 1));
    saveMergeList();
    renderMergeBar();
    $('#merge-items li:first-child button').focus();
  }

  function removeMerge(i) {
    state.mergeList.splice(i, 1);
    $('#merge-message').textContent = '';
    saveMergeList();
    renderMergeBar(i);
  }

  function clearMerge() {
    state.mergeList = [];
    $('#merge-message').textContent = '';
    saveMergeList();
    renderMergeBar(0);
  }

  async function mergeEvents() {
    const message = $('#merge-message');
    const list = state.mergeList;
    message.className = '';
    message.textContent = '';
    $('#merge-go').disabled = true;
    try {
      if (list.length < 2) throw new ApiError(422, 'Add at least two events to merge.', 'event_ids');
      if (!state.token) throw new ApiError(401, 'Enter your API token (top right) to make changes.', 'Authorization');
      const ids = list.map((i) => i.id);
      const versions = Object.fromEntries(list.map((i) => [i.id, i.version]));
      const keep = ids[0];
      await api('/api/events/merge', { method: 'POST', body: { event_ids: ids, keep, versions } });
      state.mergeList = [];
      saveMergeList();
      renderMergeBar();
      await openEvent(keep);
      panelMessage('Merged ' + ids.slice(1).join(', ') + ' into this event.', 'ok');
      await reloadViews();
    } catch (error) {
      if (error.status === 412 || error.status === 404) {
        await refreshMergeList(error.status === 412); // a 404 only flags the gone one; the others keep their check
        message.textContent = error.status === 412
          ? 'Someone else changed an event on the list meanwhile (' + error.message + '). The list now has the ' +
            'current versions: open the events to check them, then merge again.'
          : 'An event on the list no longer exists (' + error.message + '): remove it from the list.';
      } else {
        message.textContent = error.message;
      }
      message.className = 'error';
      renderMergeBar();
    }
  }

  /** Flag the listed events that are gone (merged, deleted); with `current`, also take each one's current
   * version, date and place (after a 412: the analyst is told to check them). */
  async function refreshMergeList(current) {
    await Promise.all(state.mergeList.map(async (item, i) => {
      try {
        const { data } = await api('/api/events/' + encodeURIComponent(item.id));
        state.mergeList[i] = current ? mergeEntry(data.event) : Object.assign(item, { missing: false });
      } catch (error) {
        if (error.status === 404) item.missing = true;
      }
    }));
    saveMergeList();
  }

  // --------------------------------------------------------------------------------------------- split

  /** The split control: the event's sources (two or more), or its evidence items (one source), to check. */
  function renderSplit(data) {
    const e = data.event;
    const box = $('#p-split');
    const list = $('#p-split-list');
    const item = (ev, i) => el('li', {}, el('label', {},
      el('input', { type: 'checkbox', 'data-index': i, onchange: syncSourceBoxes }),
      ' ' + ev.field + ': “' + ev.text + '”'));
    const groups = data.sources.map((source) => ({
      source, items: e.evidence.map((ev, i) => [ev, i]).filter(([ev]) => ev.article_id === source.id),
    }));
    const bySource = groups.filter((g) => g.items.length).length >= 2; // else one article: split its evidence
    box.hidden = !bySource && e.evidence.length < 2;
    box.open = bySource;
    box.dataset.by = bySource ? 'source' : 'evidence';
    $('#p-split-title').textContent = bySource ? 'Split by source' : 'Split by evidence';
    $('#p-split-go').textContent = 'Move checked ' + (bySource ? 'sources' : 'evidence') + ' to a new event';
    $('#p-split-help').textContent = bySource
      ? 'Check the sources that report another incident: they move, with their evidence, to a new event; the ' +
        'others stay with this one. To split one article telling two incidents, open its evidence and check items.'
      : 'Check the evidence items that belong to another incident: they move to a new event; the others stay ' +
        'with this one.';
    if (!bySource) {
      list.replaceChildren(...e.evidence.map(item));
      return;
    }
    list.replaceChildren(...groups.map(({ source, items }) => {
      const about = [source.source, source.date].filter(Boolean).join(', ');
      const check = el('input', { type: 'checkbox', 'data-article': source.id, disabled: !items.length,
        onchange: () => checkSource(check) });
      const label = el('label', {}, check, ' ', el('b', {}, source.title || source.id), about ? ' (' + about + ')' : '',
        items.length ? '' : ' · no evidence to move');
      const li = el('li', { class: 'split-source' }, label);
      if (items.length) {
        li.append(el('details', {}, el('summary', {}, items.length + ' evidence item' + (items.length > 1 ? 's' : '')),
          el('ul', { 'data-article': source.id }, ...items.map(([ev, i]) => item(ev, i)))));
      }
      return li;
    }));
  }

  const itemsOf = (box) => Array.from(
    document.querySelectorAll('#p-split-list ul[data-article="' + CSS.escape(box.dataset.article) + '"] input'));

  /** A source's box checks or unchecks all its evidence items. */
  function checkSource(box) {
    for (const input of itemsOf(box)) input.checked = box.checked;
  }

  /** A source's box shows its items: checked when all are, mixed when some are. */
  function syncSourceBoxes() {
    for (const box of document.querySelectorAll('#p-split-list input[data-article]')) {
      const items = itemsOf(box);
      const on = items.filter((i) => i.checked).length;
      box.checked = items.length > 0 && on === items.length;
      box.indeterminate = on > 0 && on < items.length;
    }
  }

  async function splitEvent() {
    if (!state.selected) return;
    const inputs = Array.from(document.querySelectorAll('#p-split-list input[data-index]'));
    const moved = inputs.filter((i) => i.checked).map((i) => Number(i.dataset.index));
    const stay = inputs.filter((i) => !i.checked).map((i) => Number(i.dataset.index));
    const bySource = $('#p-split').dataset.by === 'source';
    if (!moved.length || !stay.length) {
      panelMessage(bySource ? 'Check the sources to move to a new event, but not all of them.'
        : 'Check the evidence items to move to a new event, but not all of them.', 'error');
      return;
    }
    const { id, event } = state.selected;
    await act(async () => {
      const body = { event_id: id, version: event.version, parts: [{ evidence: stay }, { evidence: moved }] };
      const { data } = await api('/api/events/split', { method: 'POST', body });
      const created = data.events[1].event_id;
      const open = el('button', { type: 'button', id: 'p-open-new', onclick: () => openEvent(created) }, 'Open ' + created);
      return ['Split: the checked ' + (bySource ? 'sources are' : 'evidence is') + ' now event ' + created +
        '; both keep this event\'s fields, correct them where they differ. ', open];
    });
  }

  // ------------------------------------------------------------------------------------------- filters

  function readFilters() {
    const form = $('#filter-form');
    const values = {};
    for (const [key, value] of new FormData(form).entries()) {
      if (key === 'in_view') continue;
      if (String(value).trim() !== '') values[key] = String(value).trim();
    }
    state.filters = values;
    state.inView = $('#f-in-view').checked;
  }

  function showFilterError(error) {
    $('#filter-error').textContent = error ? error.message : '';
    for (const node of document.querySelectorAll('#filter-form [aria-invalid]')) node.removeAttribute('aria-invalid');
    if (error && error.field) {
      const input = $('#filter-form [name="' + CSS.escape(error.field) + '"]');
      if (input) input.setAttribute('aria-invalid', 'true');
    }
  }

  const timers = {};
  function debounce(key, fn, ms) { clearTimeout(timers[key]); timers[key] = setTimeout(fn, ms); }

  async function refreshAll() {
    state.brush = null;
    $('#brush-label').textContent = '';
    $('#brush-clear').hidden = true;
    state.offset = 0;
    try {
      showFilterError(null);
      // Without a brush the charts show the timeline's events: one stats request serves both.
      const timeline = loadTimeline();
      await Promise.all([timeline.then(drawCharts), loadPoints(), loadTable()]);
      updateExports();
    } catch (error) {
      if (error.status === 422) showFilterError(error); else status(error.message, true);
    }
  }

  // The feed monitor's sources (sitrep watch), as `sitrep sources` shows them; hidden when nothing is watched.
  const SOURCES_EVERY_MS = 60_000;

  function ago(seconds) {
    if (seconds === null || seconds === undefined) return 'never';
    return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function delay(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    return seconds < 3600 ? Math.round(seconds / 60) + ' min' : (seconds / 3600).toFixed(1) + ' h';
  }

  async function loadSources() {
    const { data } = await api('/api/sources');
    const body = $('#sources-table tbody');
    body.replaceChildren(...data.map((s) => el('tr', { 'data-source': s.name },
      el('td', { title: s.url, text: s.name }),
      el('td', { text: ago(s.last_success_at) }),
      el('td', { class: s.failures ? 'failing' : null, title: s.last_error || null,
        text: s.last_error ? `${ago(s.last_error_at)}: ${s.last_error}` + (s.failures ? ` (${s.failures} in a row)` : '') : '' }),
      el('td', { class: 'num', text: String(s.articles) }),
      el('td', { class: 'num', text: String(s.events) }),
      el('td', { class: 'num', text: String(s.not_english) }),
      el('td', { class: 'num', text: String(s.no_text) }),
      el('td', { class: 'num', text: String(s.updated) }),
      el('td', { class: 'num', text: delay(s.median_delay_s) }))));
    $('#sources-box').hidden = data.length === 0;
  }

  async function refreshFiltered() {
    try {
      await Promise.all([loadPoints(), loadTable(), loadCharts()]);
      updateExports();
    } catch (error) {
      status(error.message, true);
    }
  }

  // --------------------------------------------------------------------------------------------- token

  async function useToken(token) {
    state.token = token;
    const who = $('#whoami');
    if (!token) { sessionStorage.removeItem('sitrep.token'); who.textContent = 'read-only'; return; }
    try {
      const { data } = await api('/api/auth/whoami');
      sessionStorage.setItem('sitrep.token', token);
      who.textContent = 'editing as ' + data.name;
      who.className = 'ok';
    } catch (error) {
      state.token = '';
      sessionStorage.removeItem('sitrep.token');
      who.textContent = error.message;
      who.className = 'error';
    }
  }

  // ---------------------------------------------------------------------------------------------- start

  function fillSelects() {
    const types = $('#f-event-type');
    for (const type of state.meta.event_types) types.append(el('option', { value: type }, type));
    for (const [sub, type] of Object.entries(state.meta.sub_event_types)) {
      types.append(el('option', { value: sub }, '· ' + sub + ' (' + type.split(/[ /]/)[0] + ')'));
    }
    const review = $('#f-review-state');
    for (const s of state.meta.review_states) review.append(el('option', { value: s }, REVIEW_LABELS[s] || s));
    $('#legend').replaceChildren(...state.meta.event_types.map((type) => {
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = colourOf(type);
      return el('li', {}, swatch, type);
    }));
  }

  function wire() {
    $('#filter-form').addEventListener('submit', (e) => { e.preventDefault(); readFilters(); refreshAll(); });
    $('#filter-form').addEventListener('reset', () => setTimeout(() => { readFilters(); refreshAll(); }, 0));
    $('#f-in-view').addEventListener('change', () => { readFilters(); refreshAll(); });
    $('#brush-clear').addEventListener('click', () => setBrush(null));
    $('#prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
    $('#next').addEventListener('click', () => { state.offset += PAGE; loadTable(); });
    for (const th of document.querySelectorAll('#events-table th[data-sort]')) {
      th.tabIndex = 0;
      const sortBy = () => {
        const key = th.dataset.sort;
        state.sort = state.sort === key ? '-' + key : state.sort === '-' + key ? key : (key === 'event_date' || key === 'fatalities' ? '-' + key : key);
        state.offset = 0;
        loadTable().catch((error) => status(error.message, true));
        updateExports();
      };
      th.addEventListener('click', sortBy);
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter') sortBy(); });
    }
    $('#p-close').addEventListener('click', closePanel);
    $('#p-form').addEventListener('submit', saveEvent);
    $('#p-merge-add').addEventListener('click', toggleMerge);
    $('#merge-go').addEventListener('click', mergeEvents);
    $('#merge-clear').addEventListener('click', clearMerge);
    $('#p-split-go').addEventListener('click', splitEvent);
    for (const button of document.querySelectorAll('#p-review button')) {
      button.addEventListener('click', () => reviewEvent(button.dataset.state));
    }
    $('#token-form').addEventListener('submit', (e) => { e.preventDefault(); useToken($('#token').value.trim()); });
    window.addEventListener('resize', () => debounce('resize', () => { loadTimeline().catch(() => {}); loadCharts().catch(() => {}); }, 250));
  }

  async function start() {
    wire();
    renderMergeBar();
    try {
      if (typeof L === 'undefined') throw new Error('the map library is missing: run `make install` (npm ci)');
      vocabularies = api('/api/meta').then(({ data }) => { state.meta = data; fillSelects(); });
      await Promise.all([vocabularies, useToken(state.token), initMap(), refreshAll(), loadSources()]);
      window.setInterval(() => loadSources().catch(() => {}), SOURCES_EVERY_MS);
      if (state.mergeList.length) { await refreshMergeList(false); renderMergeBar(); } // kept from before a reload
      const match = window.location.hash.match(/^#event=(.+)$/);
      if (match) await openEvent(decodeURIComponent(match[1]));
    } catch (error) {
      console.error(error);
      status(error.message || String(error), true);
    } finally {
      document.documentElement.dataset.ready = '1';
      mark('ready');
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
