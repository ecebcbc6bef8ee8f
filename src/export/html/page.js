// policykg viewer: tabs, pan and zoom, selection, the side panel, search, filters, diagnostics.
// The drawings are SVG laid out by policykg; this script only reads the embedded graph JSON.
// Document text is data: every piece of it reaches the page through textContent / text nodes,
// never innerHTML, and links are made only for http(s) URLs.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const nodes = data.nodes || [];
  const edges = data.edges || [];
  const meta = data.graph || {};
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const outE = nodes.map(() => []);
  const inE = nodes.map(() => []);
  edges.forEach((e, k) => {
    const s = byId.get(e.source), t = byId.get(e.target);
    if (s === undefined || t === undefined) return;
    e._s = s; e._t = t;
    outE[s].push(k); inE[t].push(k);
  });
  const $ = (id) => document.getElementById(id);
  const panel = $('panel'), overview = $('overview'), results = $('results'), search = $('search');

  function h(tag, attrs, ...kids) {
    const x = document.createElement(tag);
    if (attrs) for (const k of Object.keys(attrs)) {
      if (attrs[k] === null || attrs[k] === undefined) continue;
      if (k === 'class') x.className = attrs[k];
      else if (k === 'onclick') x.addEventListener('click', attrs[k]);
      else x.setAttribute(k, String(attrs[k]));
    }
    for (const c of kids.flat(Infinity)) if (c !== null && c !== undefined && c !== false) x.append(c instanceof Node ? c : String(c));
    return x;
  }
  const isUrl = (s) => typeof s === 'string' && /^https?:\/\/[^\s]+$/i.test(s);
  const link = (u) => isUrl(u) ? h('a', { href: u, target: '_blank', rel: 'noopener noreferrer' }, u) : String(u);
  const str = (v) => v === null || v === undefined ? '' : Array.isArray(v) ? v.map(str).filter(Boolean).join(', ')
    : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const docTitle = (d) => { const i = byId.get(d); return i === undefined ? String(d) : nodes[i].label; };
  const docsOf = (v) => (Array.isArray(v) ? v : v ? [v] : []).map(String);

  // ---- documents each node belongs to (for the document filter)
  const nodeDocs = nodes.map((n) => {
    const s = new Set(docsOf(n.document));
    if (n.kind === 'document') s.add(n.id);
    for (const f of Array.isArray(n.footnotes) ? n.footnotes : []) if (f && typeof f === 'object' && f.document) s.add(String(f.document));
    return s;
  });
  for (const e of edges) {
    if (e._s === undefined) continue;
    for (const d of docsOf(e.document)) { nodeDocs[e._s].add(d); nodeDocs[e._t].add(d); }
    if (nodes[e._s].kind === 'claim') for (const d of docsOf(nodes[e._s].document)) nodeDocs[e._t].add(d);
  }

  // ---- views, pan and zoom
  const views = {};
  for (const svg of document.querySelectorAll('svg.view')) {
    const v = { name: svg.id.slice(5), svg, w: +svg.dataset.w || 1, h: +svg.dataset.h || 1, x: 0, y: 0, k: 1, ready: false, byNode: new Map(), edgesOf: new Map() };
    for (const g of svg.querySelectorAll('.node')) {
      const i = +g.dataset.i;
      if (!v.byNode.has(i)) v.byNode.set(i, []);
      v.byNode.get(i).push(g);
    }
    for (const p of svg.querySelectorAll('[data-s]')) {
      for (const end of [+p.dataset.s, +p.dataset.t]) {
        if (!v.edgesOf.has(end)) v.edgesOf.set(end, []);
        v.edgesOf.get(end).push(p);
      }
    }
    views[v.name] = v;
  }
  const viewNames = Object.keys(views);
  let current = viewNames[0];
  let selected = null;

  function box(v) { const r = v.svg.getBoundingClientRect(); return { w: r.width || 1, h: r.height || 1, left: r.left, top: r.top }; }
  function apply(v) {
    const b = box(v);
    v.svg.setAttribute('viewBox', `${v.x} ${v.y} ${b.w / v.k} ${b.h / v.k}`);
    if (v.labelK !== v.k) { v.labelK = v.k; legible(v); }
  }

  // ---- labels stay legible when zoomed out (at Fit, a corpus): below the zoom at which they are
  // 9 px on screen they are drawn larger, most important node first (the largest mark), and a
  // label that would overlap one already drawn is left out until one zooms in; edge labels hide.
  const LABEL_PX = 9, FONT = 12;
  function labels(v) {
    if (v.labels) return v.labels;
    v.labels = [];
    for (const g of v.svg.querySelectorAll('.node')) {
      const t = g.querySelector(':scope > text'), mark = g.querySelector(':scope > circle, :scope > path, :scope > rect');
      if (!t || !mark) continue;
      const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute('transform') || '');
      const b = t.getBBox(), size = mark.getBBox();
      v.labels.push({ g, t, gx: m ? +m[1] : 0, gy: m ? +m[2] : 0, ax: +t.getAttribute('x'), ay: +t.getAttribute('y'),
        anchor: t.getAttribute('text-anchor') || 'start', b: { x: b.x, y: b.y, w: b.width, h: b.height }, weight: size.width * size.height });
    }
    v.labels.sort((a, c) => c.weight - a.weight);
    return v.labels;
  }
  function legible(v) {
    const f = Math.max(1, LABEL_PX / (FONT * v.k));
    const group = v.svg.querySelector('.nodes');
    if (!group || v.svg.hidden) { v.labelK = undefined; return; }
    v.svg.classList.toggle('far', f > 1);
    group.style.fontSize = f > 1 ? `${FONT * f}px` : '';
    // headers keep their place and size: labels make room for them
    const placed = f === 1 ? [] : [...v.svg.querySelectorAll('.headers text')].map((t) => {
      const b = t.getBBox();
      return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    });
    for (const l of labels(v)) {
      if (f === 1) { l.t.classList.remove('thin'); l.t.removeAttribute('dy'); continue; }
      // grown about its anchor: a label under its mark grows downwards, one beside it both ways
      const dy = l.anchor === 'middle' ? (f - 1) * l.b.h * 0.8 : 0;
      const x = l.gx + l.ax + (l.b.x - l.ax) * f, y = l.gy + l.ay + dy + (l.b.y - l.ay) * f;
      const r = { x0: x, y0: y, x1: x + l.b.w * f, y1: y + l.b.h * f };
      const free = l.g.classList.contains('off') || placed.every((o) => r.x1 <= o.x0 || r.x0 >= o.x1 || r.y1 <= o.y0 || r.y0 >= o.y1);
      l.t.classList.toggle('thin', !free);
      l.t.setAttribute('dy', dy.toFixed(1));
      if (free && !l.g.classList.contains('off')) placed.push(r);
    }
  }
  function readable(v) {
    // the default: fit the width, but never below a zoom at which the labels stay readable
    const b = box(v);
    v.k = Math.max(0.75, Math.min(1, b.w / v.w));
    v.x = v.w * v.k < b.w ? -(b.w / v.k - v.w) / 2 : 0;
    v.y = 0;
    const cx = v.svg.dataset.cx, cy = v.svg.dataset.cy;
    if (cx !== undefined && v.w * v.k > b.w) v.x = Math.min(Math.max(0, +cx - b.w / v.k / 2), v.w - b.w / v.k);
    if (cy !== undefined && v.h * v.k > b.h) v.y = Math.min(Math.max(0, +cy - b.h / v.k / 2), v.h - b.h / v.k);
    else if (cy !== undefined) v.y = -(b.h / v.k - v.h) / 2;
    apply(v);
  }
  function fitAll(v) {
    const b = box(v);
    v.k = Math.min(b.w / v.w, b.h / v.h, 2);
    v.x = -(b.w / v.k - v.w) / 2; v.y = -(b.h / v.k - v.h) / 2;
    apply(v);
  }
  function zoomAt(v, factor, px, py) {
    const b = box(v);
    if (px === undefined) { px = b.w / 2; py = b.h / 2; }
    const k = Math.min(4, Math.max(0.1, v.k * factor));
    const ux = v.x + px / v.k, uy = v.y + py / v.k;
    v.k = k; v.x = ux - px / k; v.y = uy - py / k;
    apply(v);
  }
  function show(name) {
    if (!views[name]) return;
    current = name;
    for (const n of viewNames) {
      views[n].svg.toggleAttribute('hidden', n !== name);
      for (const l of document.querySelectorAll(`.legend[data-view="${n}"]`)) l.hidden = n !== name;
      const tab = $('tab-' + n);
      if (tab) { tab.setAttribute('aria-selected', String(n === name)); tab.tabIndex = n === name ? 0 : -1; }
    }
    const v = views[name];
    if (!v.ready) { v.ready = true; readable(v); } else apply(v);
    if (v.labelK === undefined) { v.labelK = v.k; legible(v); }
    // the panel shows a node of this view, or none
    if (selected !== null && !v.byNode.has(selected)) closePanel(true);
    highlight();
  }
  function centerOn(i, force) {
    const v = views[current];
    const els = v.byNode.get(i);
    if (!els) return;
    const r = els[0].getBoundingClientRect(), b = box(v);
    const cx = r.left + r.width / 2 - b.left, cy = r.top + r.height / 2 - b.top;
    if (!force && cx > 40 && cx < b.w - 40 && cy > 30 && cy < b.h - 30) return;
    v.x += (cx - b.w / 2) / v.k; v.y += (cy - b.h / 2) / v.k;
    apply(v);
  }

  for (const name of viewNames) {
    const v = views[name], svg = v.svg;
    let drag = null;
    svg.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
    });
    svg.addEventListener('pointermove', (e) => {
      if (!drag || drag.id !== e.pointerId) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) { drag.moved = true; svg.setPointerCapture(e.pointerId); svg.classList.add('panning'); }
      v.x -= dx / v.k; v.y -= dy / v.k; drag.x = e.clientX; drag.y = e.clientY;
      apply(v);
    });
    const end = (e) => {
      if (!drag) return;
      const d = drag; drag = null; svg.classList.remove('panning');
      if (d.moved) { try { svg.releasePointerCapture(e.pointerId); } catch (_) { /* released already */ } return; }
      const g = e.target instanceof Element ? e.target.closest('.node') : null;
      if (g && e.type === 'pointerup') select(+g.dataset.i, { center: false });
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      const b = box(v);
      zoomAt(v, Math.exp(-e.deltaY * 0.0015), e.clientX - b.left, e.clientY - b.top);
    }, { passive: false });
    svg.addEventListener('keydown', (e) => {
      const g = e.target instanceof Element ? e.target.closest('.node') : null;
      if (g && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(+g.dataset.i, { center: false }); }
    });
    svg.addEventListener('focusin', (e) => {
      const g = e.target instanceof Element ? e.target.closest('.node') : null;
      if (g) centerOn(+g.dataset.i, false);
    });
  }
  document.addEventListener('keydown', (e) => {
    const inField = e.target instanceof Element && e.target.closest('input, select, textarea');
    if (e.key === 'Escape') {
      if (inField && search.value) { search.value = ''; renderResults(); return; }
      if (selected !== null) { e.preventDefault(); closePanel(); }
      return;
    }
    if (inField || e.altKey || e.ctrlKey || e.metaKey) return;
    const v = views[current];
    const step = 60 / v.k;
    if (e.key === '+' || e.key === '=') zoomAt(v, 1.25);
    else if (e.key === '-') zoomAt(v, 0.8);
    else if (e.key === '0') fitAll(v);
    else if (e.target instanceof Element && e.target.closest('#stage, body') && e.target.closest('#side, header') === null &&
             ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) {
      e.preventDefault();
      if (e.key === 'ArrowLeft') v.x -= step; else if (e.key === 'ArrowRight') v.x += step;
      else if (e.key === 'ArrowUp') v.y -= step; else v.y += step;
      apply(v);
    }
  });
  $('zoom-in').addEventListener('click', () => zoomAt(views[current], 1.25));
  $('zoom-out').addEventListener('click', () => zoomAt(views[current], 0.8));
  $('zoom-fit').addEventListener('click', () => fitAll(views[current]));
  $('zoom-reset').addEventListener('click', () => readable(views[current]));
  const tabs = viewNames.map((n) => $('tab-' + n)).filter(Boolean);
  tabs.forEach((tab, k) => {
    tab.addEventListener('click', () => show(tab.dataset.view));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = tabs[(k + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      next.focus(); show(next.dataset.view);
    });
  });
  window.addEventListener('resize', () => { for (const n of viewNames) if (views[n].ready) apply(views[n]); });

  // ---- selection and highlight
  function highlight() {
    for (const n of viewNames) {
      const v = views[n];
      v.svg.classList.toggle('focus', selected !== null && v.byNode.has(selected));
      for (const el of v.svg.querySelectorAll('.hl, .selected')) el.classList.remove('hl', 'selected');
      if (selected === null || !v.byNode.has(selected)) continue;
      for (const g of v.byNode.get(selected)) g.classList.add('hl', 'selected');
      for (const p of v.edgesOf.get(selected) || []) {
        p.classList.add('hl');
        for (const end of [+p.dataset.s, +p.dataset.t]) for (const g of v.byNode.get(end) || []) g.classList.add('hl');
      }
    }
  }
  function select(i, opts) {
    if (!(i >= 0 && i < nodes.length)) return;
    selected = i;
    if (!views[current].byNode.has(i)) {
      const other = viewNames.find((n) => views[n].byNode.has(i));
      if (other) show(other);
    }
    highlight();
    renderPanel(i);
    if (!opts || opts.center !== false) centerOn(i, true);
  }
  function closePanel(quiet) {
    const was = selected;
    selected = null;
    panel.hidden = true; panel.replaceChildren(); overview.hidden = false;
    highlight();
    const g = !quiet && was !== null && views[current].byNode.get(was);
    if (g) g[0].focus({ preventScroll: true });
  }

  // ---- the panel
  function ref(j, extra) {
    const n = nodes[j];
    return h('button', { type: 'button', class: 'ref', 'data-i': j, onclick: () => select(j) },
      h('span', { class: 'badge' }, n.kind), n.label || n.id, extra ? h('small', null, ' ', extra) : null);
  }
  // a long list shows its first items; the rest open with one click (never hover)
  function capped(items, first, wrap) {
    if (items.length <= first + 2) return wrap(items);
    return h('div', null, wrap(items.slice(0, first)),
      h('details', null, h('summary', null, `${items.length - first} more`), wrap(items.slice(first))));
  }
  function list(items) {
    return capped(items, 12, (xs) => h('ul', { class: 'list' }, xs.map((x) => h('li', null, x))));
  }
  function dl(pairs) {
    const d = h('dl');
    for (const [k, v] of pairs) {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
      d.append(h('dt', null, k), h('dd', null, v instanceof Node ? v : isUrl(v) ? link(v) : str(v)));
    }
    return d;
  }
  function sourceCard(j, note) {
    const s = nodes[j];
    const urls = Array.isArray(s.urls) && s.urls.length ? s.urls : s.url ? [s.url] : [];
    return h('div', { class: 'card' },
      ref(j, note),
      h('div', { class: 't' }, s.title || s.label || ''),
      dl([['Authors', s.authors], ['Institution', s.institution], ['Outlet', s.container], ['Date', s.date],
          ['DOI', s.doi], ['Link', urls.length ? h('span', null, urls.map((u, k) => [k ? ', ' : '', link(u)])) : null]]));
  }
  function section(title, ...body) { return [h('h3', null, title), ...body]; }
  const edgeText = (e) => e.predicate || e.kind;
  function noteOf(e) {
    let t = e.footnote !== undefined && e.footnote !== null ? 'note ' + e.footnote : '';
    if (e.locator) t += ', at ' + e.locator;
    if (e.accessed) t += ', accessed ' + e.accessed;
    return t;
  }

  function renderPanel(i) {
    const n = nodes[i];
    const handled = new Set();
    const outs = (kind) => outE[i].filter((k) => edges[k].kind === kind).map((k) => (handled.add(k), k));
    const ins = (kind) => inE[i].filter((k) => edges[k].kind === kind).map((k) => (handled.add(k), k));
    const body = [];
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the panel (Escape)', onclick: () => closePanel() }, '× Close');
    body.push(h('div', { class: 'top' }, h('span', null, h('span', { class: 'badge' }, n.kind), n.type ? h('span', { class: 'badge' }, str(n.type)) : null), close));
    body.push(h('h2', null, n.kind === 'claim' ? 'Claim' : (typeof n.title === 'string' && n.title) || n.label || n.id));
    if (n.kind === 'claim') {
      body.push(h('blockquote', null, n.text || n.label || ''));
      body.push(dl([['Document', n.document ? docTitle(n.document) : null], ['Section', Array.isArray(n.section) ? n.section.join(' › ') : n.section],
        ['Notes', n.footnotes], ['Line', n.line]]));
      const cites = outs('cites');
      body.push(...section(`Sources cited (${cites.length})`, cites.length ? capped(cites, 8, (ks) => h('div', null, ks.map((k) => sourceCard(edges[k]._t, noteOf(edges[k]))))) : h('p', { class: 'muted' }, 'No source cited.')));
      const m = outs('mentions');
      if (m.length) body.push(...section(`Mentions (${m.length})`, list(m.map((k) => ref(edges[k]._t)))));
      const sup = outs('supports');
      if (sup.length) body.push(...section(`Supports drivers (${sup.length})`, list(sup.map((k) => ref(edges[k]._t)))));
    } else if (n.kind === 'source') {
      const urls = Array.isArray(n.urls) && n.urls.length ? n.urls : n.url ? [n.url] : [];
      body.push(dl([['Title', n.title], ['Authors', n.authors], ['Institution', n.institution], ['Outlet', n.container],
        ['Volume', n.volume], ['Issue', n.issue], ['Pages', n.pages], ['Date', n.date], ['Accessed', n.accessed], ['DOI', n.doi],
        ['Link', urls.length ? h('span', null, urls.map((u, k) => [k ? ', ' : '', link(u)])) : null],
        ['Notes', Array.isArray(n.footnotes) ? n.footnotes.map((f) => (f && f.document && (meta.documents || []).length > 1 ? docTitle(f.document) + ' ' : '') + 'n. ' + (f && f.n)).join(', ') : null]]));
      if (n.raw) body.push(...section('Note text', h('div', { class: 'raw' }, str(n.raw))));
      const c = ins('cites');
      body.push(...section(`Cited by ${new Set(c.map((k) => edges[k]._s)).size} claim(s)`, list(c.map((k) => {
        const e = edges[k], cl = nodes[e._s];
        return h('div', null, ref(e._s, noteOf(e) + ((meta.documents || []).length > 1 && cl.document ? ' · ' + docTitle(cl.document) : '')));
      }))));
    } else if (n.kind === 'actor' || n.kind === 'agreement') {
      body.push(dl([['Type', n.type], ['Mentions', n.mentions], ['Aliases', n.aliases]]));
      const rel = [...outs('relation'), ...outs('party_to'), ...ins('relation'), ...ins('party_to')];
      body.push(...section(`Relations (${rel.length})`, rel.length ? capped(rel, 6, (ks) => h('div', null, ks.map((k) => {
        const e = edges[k], other = e._s === i ? e._t : e._s;
        const head = e._s === i ? h('div', null, h('strong', null, n.label), ' ', edgeText(e), ' → ') : h('div', null, '← ', h('strong', null, edgeText(e)), ' by');
        return h('div', { class: 'card' }, head, ref(other), e.evidence ? h('blockquote', null, str(e.evidence)) : null,
          e.document ? h('div', { class: 'muted' }, docTitle(e.document)) : null);
      }))) : h('p', { class: 'muted' }, 'No relation stated in the text.')));
      const claims = [...new Set(ins('mentions').map((k) => edges[k]._s))];
      const srcCount = new Map();
      for (const c of claims) for (const k of outE[c]) if (edges[k].kind === 'cites') srcCount.set(edges[k]._t, (srcCount.get(edges[k]._t) || 0) + 1);
      const srcs = [...srcCount.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      body.push(...section(`Sources behind it (${srcs.length}, via the claims that mention it)`,
        srcs.length ? list(srcs.map(([j, c]) => ref(j, `cited by ${c} of these claims`))) : h('p', { class: 'muted' }, 'None.')));
      if (claims.length) body.push(...section(`Claims mentioning it (${claims.length})`, list(claims.map((c) => ref(c)))));
      const dr = ins('involves');
      if (dr.length) body.push(...section(`Drivers involving it (${dr.length})`, list(dr.map((k) => ref(edges[k]._s)))));
      const co = [...outs('co_mention'), ...ins('co_mention')].sort((a, b) => (edges[b].weight || 0) - (edges[a].weight || 0) || a - b);
      if (co.length) body.push(...section(`Mentioned in the same sentence as (${co.length})`,
        list(co.map((k) => ref(edges[k]._s === i ? edges[k]._t : edges[k]._s, `${edges[k].weight || 1} sentence(s)`)))));
    } else if (n.kind === 'driver') {
      if (n.description) body.push(h('blockquote', null, str(n.description)));
      body.push(dl([['Polarity', n.polarity], ['Level', n.level], ['Origin', n.origin], ['Also called', n.aliases], ['Document', n.document ? docTitle(n.document) : null]]));
      const sup = ins('supports');
      body.push(...section(`Supporting claims (${sup.length})`, sup.length ? list(sup.map((k) => ref(edges[k]._s))) : h('p', { class: 'muted' }, 'None.')));
      const inv = outs('involves');
      if (inv.length) body.push(...section(`Involves (${inv.length})`, list(inv.map((k) => ref(edges[k]._t, edges[k].weight ? `weight ${edges[k].weight}` : '')))));
    } else if (n.kind === 'document') {
      body.push(dl([['Title', n.title], ['Authors', n.authors], ['Path', n.path]]));
    }
    // every other connection, whatever its kind
    const rest = [...outE[i], ...inE[i]].filter((k) => !handled.has(k));
    if (rest.length) {
      const groups = new Map();
      for (const k of rest) {
        const e = edges[k], dir = e._s === i ? e.kind + ' →' : '← ' + e.kind;
        if (!groups.has(dir)) groups.set(dir, []);
        groups.get(dir).push(k);
      }
      body.push(...section(`Other connections (${rest.length})`, [...groups.entries()].map(([dir, ks]) =>
        h('details', null, h('summary', null, `${dir} (${ks.length})`), list(ks.map((k) => {
          const e = edges[k], other = e._s === i ? e._t : e._s;
          const extra = Object.keys(e).filter((x) => !['source', 'target', 'key', 'kind', '_s', '_t', 'span'].includes(x)).map((x) => `${x}: ${str(e[x])}`).join('; ');
          return ref(other, extra);
        }))))));
    }
    // every field, whatever the kind
    body.push(h('details', null, h('summary', null, 'All fields'),
      dl(Object.keys(n).filter((k) => !k.startsWith('_')).map((k) => [k, str(n[k])]))));
    panel.replaceChildren(...body);
    panel.hidden = false; overview.hidden = true;
    panel.scrollTop = 0; $('side').scrollTop = 0;
  }

  // ---- search over labels and aliases
  let found = [];
  function renderResults() {
    const q = search.value.trim().toLowerCase();
    found = [];
    if (q) {
      nodes.forEach((n, i) => {
        const label = String(n.label || '').toLowerCase();
        const aliases = Array.isArray(n.aliases) ? n.aliases.map(String) : [];
        let rank = label === q ? 0 : label.startsWith(q) ? 1 : -1;
        let via = null;
        if (rank < 0) {
          const a = aliases.find((x) => x.toLowerCase() === q) || aliases.find((x) => x.toLowerCase().includes(q));
          if (a) { via = a; rank = a.toLowerCase() === q ? 2 : 4; } else if (label.includes(q)) rank = 3;
        }
        if (rank >= 0) found.push([rank, i, via]);
      });
      found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    }
    results.replaceChildren(...found.slice(0, 40).map(([, i, via]) => h('li', null, ref(i, via ? `alias: ${via}` : ''))));
    if (q && !found.length) results.replaceChildren(h('li', { class: 'muted' }, 'No match.'));
    if (found.length > 40) results.append(h('li', { class: 'muted' }, `and ${found.length - 40} more`));
  }
  search.addEventListener('input', renderResults);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); renderResults(); if (found.length) select(found[0][1]); }
    if (e.key === 'ArrowDown') { const b = results.querySelector('button'); if (b) { e.preventDefault(); b.focus(); } }
  });

  // ---- filters by kind and document
  const kindBox = $('kinds'), docSel = $('doc');
  const kinds = [...new Set(nodes.map((n) => n.kind))];
  const shown = new Set(kinds);
  for (const k of kinds) {
    const cb = h('input', { type: 'checkbox', value: k });
    cb.checked = true;
    cb.addEventListener('change', () => { if (cb.checked) shown.add(k); else shown.delete(k); applyFilters(); });
    kindBox.append(h('label', null, cb, ' ' + k));
  }
  for (const d of meta.documents || []) docSel.append(h('option', { value: d }, docTitle(d)));
  docSel.addEventListener('change', applyFilters);
  function applyFilters() {
    const doc = docSel.value;
    const visible = nodes.map((n, i) => shown.has(n.kind) && (!doc || nodeDocs[i].has(doc)));
    for (const n of viewNames) {
      for (const g of views[n].svg.querySelectorAll('.node')) g.classList.toggle('off', !visible[+g.dataset.i]);
      for (const p of views[n].svg.querySelectorAll('[data-s]')) p.classList.toggle('off', !visible[+p.dataset.s] || !visible[+p.dataset.t]);
      views[n].labelK = undefined;
    }
    // the labels left out for want of room are placed again among those still shown
    legible(views[current]);
    views[current].labelK = views[current].k;
  }

  // ---- diagnostics, each jumping to the claim or source carrying its note
  const diags = Array.isArray(meta.diagnostics) ? meta.diagnostics : [];
  $('diag-count').textContent = String(diags.length);
  function target(d) {
    if (d.note === null || d.note === undefined) return null;
    const n = Number(d.note);
    const claim = nodes.findIndex((x) => x.kind === 'claim' && (!d.document || x.document === d.document) && Array.isArray(x.footnotes) && x.footnotes.map(Number).includes(n));
    if (claim >= 0) return claim;
    const src = nodes.findIndex((x) => x.kind === 'source' && Array.isArray(x.footnotes) && x.footnotes.some((f) => f && Number(f.n) === n && (!d.document || f.document === d.document)));
    return src >= 0 ? src : null;
  }
  $('diagnostics').replaceChildren(...diags.map((d) => {
    const j = target(d);
    const where = `${(meta.documents || []).length > 1 ? d.document + ':' : 'line '}${d.line}:${d.column}`;
    const b = h('button', { type: 'button', class: 'ref diag' }, h('span', { class: 'badge' }, `${d.severity || ''} ${d.code || ''}`), where, ' ', str(d.message));
    if (j === null) { b.disabled = true; b.title = 'No claim or source carries this note'; } else b.addEventListener('click', () => select(j));
    return h('li', null, b);
  }));
  if (!diags.length) $('diagnostics').append(h('li', { class: 'muted' }, 'No warnings.'));
  const count = (k) => nodes.filter((n) => n.kind === k).length;
  $('stats').textContent = `${nodes.length} nodes (${count('claim')} claims, ${count('source')} sources, ${count('actor')} actors, ${count('agreement')} agreements, ${count('driver')} drivers), ${edges.length} edges.`;

  show(current);
})();
