// Trial charts on a Canvas 2D: markers, step lines and a heatmap image, with hover, click and a legend. A sweep of
// 10,000 trials draws in milliseconds here, where plotly needs its 1.4 MB script and seconds of SVG (or of WebGL
// rendered in software on machines without a GPU). Each chart module turns its payload into a plot with build() and
// exports canvasChart(build)'s init/update/dispose; parcoords shares the palette, ticks and canvas fitting.
//
// plot: { x: axis, y: axis, layers: [layer], legend, count }
// axis: { title, log, ticks: { vals, text } (named positions, e.g. choices), range: [lo, hi] (real units) }
// layer: { type: 'grid', x, y (cell centres), z (rows by y, null where empty), reverse, title }
//      | { type: 'markers', name, x, y, ids, text, selected, color, size, symbol: 'circle' | 'cross', opacity, stroke }
//      | { type: 'line', name, x, y, ids, text, shape: 'linear' | 'hv' | 'vh', color, width, markerSize, stroke }

export const font = '12px Roboto, "Helvetica Neue", Arial, sans-serif';
export const textColor = '#3a3a4a';
export const axisColor = '#6b7080';
const gridColor = '#e7e9ef';
const hoverRadius = 10;

// Viridis sampled at ten stops, interpolated into a 256-entry table once.
const viridisStops = [
    [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
    [31, 158, 137], [53, 183, 121], [110, 206, 88], [181, 222, 43], [253, 231, 37],
];
const paletteRgb = Array.from({ length: 256 }, (_, i) => {
    const t = (i / 255) * (viridisStops.length - 1);
    const k = Math.min(viridisStops.length - 2, Math.floor(t));
    const f = t - k;
    const a = viridisStops[k];
    const b = viridisStops[k + 1];
    return [0, 1, 2].map(c => Math.round(a[c] + (b[c] - a[c]) * f));
});
export const palette = paletteRgb.map(([r, g, b]) => `rgb(${r},${g},${b})`);

export function formatNumber(v) {
    if (!Number.isFinite(v)) {
        return '';
    }
    return String(Number(v.toPrecision(4)));
}

// About `target` round values (1, 2 or 5 times a power of ten) between lo and hi.
export function niceTicks(lo, hi, target = 5) {
    const span = hi - lo;
    if (!(span > 0)) {
        return [{ v: lo, text: formatNumber(lo) }];
    }
    const mag = Math.pow(10, Math.floor(Math.log10(span / target)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => span / s <= target + 1) || mag * 10;
    const values = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
        values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return values.map(v => ({ v, text: formatNumber(v) }));
}

// Ticks for a log axis given in log10 units: powers of ten, with 2 and 5 between them over a few decades.
function logTicks(lo, hi) {
    if (hi - lo < 1) {
        return niceTicks(Math.pow(10, lo), Math.pow(10, hi))
            .filter(t => t.v > 0)
            .map(t => ({ v: Math.log10(t.v), text: t.text }));
    }
    const multiples = hi - lo <= 3 ? [1, 2, 5] : [1];
    const ticks = [];
    for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
        for (const m of multiples) {
            const v = Math.log10(m) + e;
            if (v >= lo - 1e-9 && v <= hi + 1e-9) {
                ticks.push({ v, text: formatNumber(m * Math.pow(10, e)) });
            }
        }
    }
    return ticks;
}

// Sizes the canvas backing store to its CSS box and the device's pixel ratio; null while it is not laid out.
export function fitCanvas(canvas) {
    const ratio = globalThis.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) {
        return null;
    }
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return { ctx, width, height };
}

export function createCanvas(element) {
    const canvas = document.createElement('canvas');
    canvas.style.width = '100%';
    canvas.style.height = '100%';
    canvas.style.display = 'block';
    canvas.style.touchAction = 'none';
    element.replaceChildren(canvas);
    element.style.position = 'relative';
    return canvas;
}

// Marks a drawn chart for tests and for screen readers waiting on it.
export function markDrawn(element, count) {
    element.setAttribute('data-drawn', 'true');
    element.setAttribute('data-points', String(count));
}

function toUnit(axis, v) {
    if (v === null || v === undefined) {
        return NaN;
    }
    return axis.log ? (v > 0 ? Math.log10(v) : NaN) : v;
}

function finiteRange(values, log) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const raw of values) {
        const v = raw === null || raw === undefined ? NaN : (log ? (raw > 0 ? Math.log10(raw) : NaN) : raw);
        if (Number.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
    }
    return [lo, hi];
}

// The axis in drawing units (log10 on log axes): its range and ticks, from the named ticks, the heatmap grid or
// the data with a margin so no marker sits on the frame.
function prepareAxis(spec, layers, key) {
    const axis = { title: spec.title || '', log: !!spec.log, named: null };
    if (spec.ticks && spec.ticks.vals && spec.ticks.vals.length > 0) {
        const vals = spec.ticks.vals;
        axis.lo = Math.min(...vals) - 0.5;
        axis.hi = Math.max(...vals) + 0.5;
        axis.ticks = vals.map((v, i) => ({ v, text: String(spec.ticks.text[i]) }));
        axis.named = new Map(vals.map((v, i) => [v, String(spec.ticks.text[i])]));
        axis.log = false;
        return axis;
    }
    const grid = layers.find(l => l.type === 'grid');
    let [lo, hi] = [Infinity, -Infinity];
    if (spec.range && spec.range.length === 2) {
        [lo, hi] = finiteRange(spec.range, axis.log);
    } else if (grid && grid[key].length > 0) {
        const centres = grid[key].map(v => toUnit(axis, v));
        const half = centres.length > 1 ? (centres[1] - centres[0]) / 2 : 0.5;
        lo = centres[0] - half;
        hi = centres[centres.length - 1] + half;
    } else {
        for (const layer of layers) {
            const [a, b] = finiteRange(layer[key] || [], axis.log);
            lo = Math.min(lo, a);
            hi = Math.max(hi, b);
        }
        if (Number.isFinite(lo)) {
            const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.1, 0.5);
            lo -= pad;
            hi += pad;
        }
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
        [lo, hi] = [0, 1];
    }
    axis.lo = lo;
    axis.hi = hi;
    axis.ticks = axis.log ? logTicks(lo, hi) : niceTicks(lo, hi);
    return axis;
}

function prepareGrid(layer) {
    let zmin = Infinity;
    let zmax = -Infinity;
    for (const row of layer.z) {
        for (const v of row) {
            if (v !== null && Number.isFinite(v)) {
                zmin = Math.min(zmin, v);
                zmax = Math.max(zmax, v);
            }
        }
    }
    if (!Number.isFinite(zmin)) {
        [zmin, zmax] = [0, 1];
    }
    layer.zmin = zmin;
    layer.zmax = zmax;
    const nx = layer.x.length;
    const ny = layer.y.length;
    const image = document.createElement('canvas');
    image.width = Math.max(1, nx);
    image.height = Math.max(1, ny);
    const ctx = image.getContext('2d');
    const pixels = ctx.createImageData(image.width, image.height);
    const span = zmax > zmin ? zmax - zmin : 1;
    for (let j = 0; j < ny; j++) {
        // Image rows run downwards; grid rows run up the y axis.
        const row = layer.z[j] || [];
        for (let i = 0; i < nx; i++) {
            const v = row[i];
            const offset = ((ny - 1 - j) * nx + i) * 4;
            if (v === null || v === undefined || !Number.isFinite(v)) {
                pixels.data[offset + 3] = 0;
                continue;
            }
            const t = (v - zmin) / span;
            const rgb = paletteRgb[Math.round((layer.reverse ? 1 - t : t) * 255)];
            pixels.data[offset] = rgb[0];
            pixels.data[offset + 1] = rgb[1];
            pixels.data[offset + 2] = rgb[2];
            pixels.data[offset + 3] = 255;
        }
    }
    ctx.putImageData(pixels, 0, 0);
    layer.image = image;
}

function prepare(plot) {
    const layers = plot.layers || [];
    for (const layer of layers) {
        if (layer.type === 'grid') {
            prepareGrid(layer);
        }
    }
    return Object.assign({}, plot, {
        layers,
        x: prepareAxis(plot.x || {}, layers, 'x'),
        y: prepareAxis(plot.y || {}, layers, 'y'),
        colorBar: layers.find(l => l.type === 'grid') || null,
    });
}

function layoutOf(ctx, plot, width, height) {
    ctx.font = font;
    const labelWidth = Math.max(24, ...plot.y.ticks.map(t => ctx.measureText(t.text).width));
    const legend = plot.legend && legendItems(plot).length > 0;
    const left = Math.min(width / 3, labelWidth + 12 + (plot.y.title ? 20 : 0));
    const right = Math.max(left + 10, width - (plot.colorBar ? 84 : 16));
    const top = legend || plot.colorBar ? 30 : 12;
    const bottom = Math.max(top + 10, height - (plot.x.title ? 44 : 26));
    return { left, right, top, bottom, width, height };
}

function scaleX(plot, lay, v) {
    return lay.left + ((v - plot.x.lo) / (plot.x.hi - plot.x.lo)) * (lay.right - lay.left);
}

function scaleY(plot, lay, v) {
    return lay.bottom - ((v - plot.y.lo) / (plot.y.hi - plot.y.lo)) * (lay.bottom - lay.top);
}

function drawFrame(ctx, plot, lay) {
    ctx.lineWidth = 1;
    ctx.strokeStyle = gridColor;
    ctx.beginPath();
    for (const t of plot.x.ticks) {
        const x = Math.round(scaleX(plot, lay, t.v)) + 0.5;
        ctx.moveTo(x, lay.top);
        ctx.lineTo(x, lay.bottom);
    }
    for (const t of plot.y.ticks) {
        const y = Math.round(scaleY(plot, lay, t.v)) + 0.5;
        ctx.moveTo(lay.left, y);
        ctx.lineTo(lay.right, y);
    }
    ctx.stroke();
}

function drawAxes(ctx, plot, lay) {
    ctx.strokeStyle = axisColor;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(lay.left + 0.5, lay.top);
    ctx.lineTo(lay.left + 0.5, lay.bottom + 0.5);
    ctx.lineTo(lay.right, lay.bottom + 0.5);
    ctx.stroke();
    ctx.font = font;
    ctx.fillStyle = textColor;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    let lastRight = -Infinity;
    for (const t of plot.x.ticks) {
        const x = scaleX(plot, lay, t.v);
        const half = ctx.measureText(t.text).width / 2;
        // Skip labels that would overlap their neighbour (many choices on a narrow chart).
        if (x - half > lastRight + 4) {
            ctx.fillText(t.text, x, lay.bottom + 6);
            lastRight = x + half;
        }
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    let lastTop = Infinity;
    for (const t of plot.y.ticks) {
        const y = scaleY(plot, lay, t.v);
        if (y + 7 < lastTop) {
            ctx.fillText(t.text, lay.left - 6, y);
            lastTop = y - 7;
        }
    }
    ctx.font = '500 ' + font;
    if (plot.x.title) {
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        ctx.fillText(plot.x.title, (lay.left + lay.right) / 2, lay.height - 4);
    }
    if (plot.y.title) {
        ctx.save();
        ctx.translate(12, (lay.top + lay.bottom) / 2);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(plot.y.title, 0, 0);
        ctx.restore();
    }
    ctx.font = font;
}

function drawGrid(ctx, plot, lay, layer) {
    if (!layer.image || layer.x.length === 0 || layer.y.length === 0) {
        return;
    }
    const xs = layer.x.map(v => toUnit(plot.x, v));
    const ys = layer.y.map(v => toUnit(plot.y, v));
    const hx = xs.length > 1 ? (xs[1] - xs[0]) / 2 : 0.5;
    const hy = ys.length > 1 ? (ys[1] - ys[0]) / 2 : 0.5;
    const x0 = scaleX(plot, lay, xs[0] - hx);
    const x1 = scaleX(plot, lay, xs[xs.length - 1] + hx);
    const y0 = scaleY(plot, lay, ys[ys.length - 1] + hy);
    const y1 = scaleY(plot, lay, ys[0] - hy);
    ctx.save();
    // Smooth (bilinear) between cells of numeric axes; choices are distinct cells.
    ctx.imageSmoothingEnabled = !plot.x.named && !plot.y.named;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(layer.image, x0, y0, x1 - x0, y1 - y0);
    ctx.restore();
}

function traceMarker(ctx, symbol, x, y, r) {
    if (symbol === 'cross') {
        ctx.moveTo(x - r, y - r);
        ctx.lineTo(x + r, y + r);
        ctx.moveTo(x + r, y - r);
        ctx.lineTo(x - r, y + r);
    } else {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
    }
}

// Screen positions of a layer's points (NaN where a value is missing or off a log axis).
function project(plot, lay, layer) {
    const n = layer.x.length;
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        px[i] = scaleX(plot, lay, toUnit(plot.x, layer.x[i]));
        py[i] = scaleY(plot, lay, toUnit(plot.y, layer.y[i]));
    }
    return { px, py };
}

function drawMarkers(ctx, layer, points, size) {
    const { px, py } = points;
    const r = size / 2;
    const opacity = layer.opacity ?? 1;
    const selected = layer.selected;
    // Two passes while brushing: the trials outside the ranges faded, those inside on top.
    for (const inside of selected ? [false, true] : [true]) {
        ctx.beginPath();
        for (let i = 0; i < px.length; i++) {
            if (!Number.isFinite(px[i]) || !Number.isFinite(py[i]) || (selected && !!selected[i] !== inside)) {
                continue;
            }
            traceMarker(ctx, layer.symbol, px[i], py[i], r);
        }
        ctx.globalAlpha = inside ? opacity : opacity * 0.2;
        if (layer.symbol === 'cross') {
            ctx.strokeStyle = layer.color;
            ctx.lineWidth = 1.5;
            ctx.stroke();
        } else {
            ctx.fillStyle = layer.color;
            ctx.fill();
            if (layer.stroke) {
                ctx.strokeStyle = layer.stroke;
                ctx.lineWidth = 1;
                ctx.stroke();
            }
        }
    }
    ctx.globalAlpha = 1;
}

function drawLine(ctx, layer, points) {
    const { px, py } = points;
    ctx.beginPath();
    let open = false;
    for (let i = 0; i < px.length; i++) {
        if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) {
            open = false;
            continue;
        }
        if (!open) {
            ctx.moveTo(px[i], py[i]);
            open = true;
        } else if (layer.shape === 'hv') {
            ctx.lineTo(px[i], py[i - 1]);
            ctx.lineTo(px[i], py[i]);
        } else if (layer.shape === 'vh') {
            ctx.lineTo(px[i - 1], py[i]);
            ctx.lineTo(px[i], py[i]);
        } else {
            ctx.lineTo(px[i], py[i]);
        }
    }
    ctx.strokeStyle = layer.color;
    ctx.lineWidth = layer.width || 2;
    ctx.lineJoin = 'round';
    ctx.stroke();
    if (layer.markerSize) {
        drawMarkers(ctx, { color: layer.color, stroke: layer.stroke, selected: layer.selected }, points, layer.markerSize);
    }
}

function legendItems(plot) {
    return plot.layers.filter(l => l.name && l.type !== 'grid' && l.x.length > 0);
}

function drawLegend(ctx, plot, lay) {
    ctx.font = font;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    let x = lay.left;
    const y = 14;
    for (const layer of legendItems(plot)) {
        ctx.beginPath();
        if (layer.type === 'line') {
            ctx.moveTo(x, y);
            ctx.lineTo(x + 18, y);
            ctx.strokeStyle = layer.color;
            ctx.lineWidth = layer.width || 2;
            ctx.stroke();
            if (layer.markerSize) {
                drawMarkers(ctx, { color: layer.color, stroke: layer.stroke }, { px: [x + 9], py: [y] }, Math.min(layer.markerSize, 8));
            }
        } else {
            drawMarkers(ctx, Object.assign({}, layer, { selected: null, opacity: Math.max(layer.opacity ?? 1, 0.6) }), { px: [x + 9], py: [y] }, 8);
        }
        ctx.fillStyle = textColor;
        ctx.fillText(layer.name, x + 24, y);
        x += 24 + ctx.measureText(layer.name).width + 18;
    }
}

function drawColorBar(ctx, lay, layer) {
    const x = lay.right + 22;
    const h = lay.bottom - lay.top;
    for (let p = 0; p < h; p++) {
        const t = 1 - p / h;
        ctx.fillStyle = palette[Math.round((layer.reverse ? 1 - t : t) * 255)];
        ctx.fillRect(x, lay.top + p, 12, 1.5);
    }
    ctx.fillStyle = textColor;
    ctx.font = font;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(formatNumber(layer.zmax), x + 16, lay.top + 6);
    ctx.fillText(formatNumber(layer.zmin), x + 16, lay.bottom - 6);
    if (layer.title) {
        ctx.save();
        ctx.translate(x + 6, lay.top - 4);
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        ctx.fillText(layer.title, 0, 0);
        ctx.restore();
    }
}

function draw(state) {
    state.frame = 0;
    const fitted = fitCanvas(state.canvas);
    if (!fitted) {
        return;
    }
    const { ctx, width, height } = fitted;
    const plot = state.plot;
    const lay = layoutOf(ctx, plot, width, height);
    drawFrame(ctx, plot, lay);
    const hits = [];
    ctx.save();
    ctx.beginPath();
    ctx.rect(lay.left, lay.top - 6, lay.right - lay.left + 6, lay.bottom - lay.top + 6);
    ctx.clip();
    for (const layer of plot.layers) {
        if (layer.type === 'grid') {
            drawGrid(ctx, plot, lay, layer);
            continue;
        }
        const points = project(plot, lay, layer);
        if (layer.type === 'line') {
            drawLine(ctx, layer, points);
        } else {
            drawMarkers(ctx, layer, points, layer.size || 6);
        }
        hits.push({ layer, points });
    }
    ctx.restore();
    drawAxes(ctx, plot, lay);
    if (plot.legend) {
        drawLegend(ctx, plot, lay);
    }
    if (plot.colorBar) {
        drawColorBar(ctx, lay, plot.colorBar);
    }
    state.layout = lay;
    state.hits = hits;
    drawFocus(ctx, state);
}

// Keyboard focus: a ring around the chosen trial (its tooltip shows beside it).
function drawFocus(ctx, state) {
    const focus = state.focus && focusPoint(state);
    if (!focus) {
        return;
    }
    ctx.beginPath();
    ctx.arc(focus.x, focus.y, 7, 0, Math.PI * 2);
    ctx.strokeStyle = '#1f2430';
    ctx.lineWidth = 2;
    ctx.stroke();
}

// The layer the keyboard walks through: the topmost one whose points open a run.
function focusLayer(state) {
    const hits = state.hits || [];
    for (let k = hits.length - 1; k >= 0; k--) {
        if (hits[k].layer.ids && hits[k].layer.ids.length > 0) {
            return hits[k];
        }
    }
    return null;
}

function focusPoint(state) {
    const target = focusLayer(state);
    if (!target || state.focus.i >= target.points.px.length) {
        return null;
    }
    const i = state.focus.i;
    return { layer: target.layer, i, x: target.points.px[i], y: target.points.py[i] };
}

function schedule(state) {
    if (!state.frame) {
        state.frame = requestAnimationFrame(() => draw(state));
    }
}

// The point nearest the pointer within a few pixels; later layers (drawn on top) win ties.
function nearest(state, x, y) {
    let best = null;
    let bestDistance = hoverRadius * hoverRadius;
    for (const { layer, points } of state.hits || []) {
        const { px, py } = points;
        for (let i = 0; i < px.length; i++) {
            const dx = px[i] - x;
            const dy = py[i] - y;
            const d = dx * dx + dy * dy;
            if (d <= bestDistance) {
                best = { layer, i };
                bestDistance = d;
            }
        }
    }
    return best;
}

function describeValue(axis, v) {
    return axis.named && axis.named.has(v) ? axis.named.get(v) : formatNumber(v);
}

function describePoint(plot, hit) {
    const { layer, i } = hit;
    if (layer.text && layer.text[i]) {
        return layer.text[i];
    }
    const where = `${plot.x.title || 'x'}=${describeValue(plot.x, layer.x[i])}, ${plot.y.title || 'y'}=${describeValue(plot.y, layer.y[i])}`;
    return layer.name ? `${layer.name}: ${where}` : where;
}

// Under the pointer but on no trial: the heatmap's estimate in the cell there.
function describeCell(plot, lay, x, y) {
    const grid = plot.colorBar;
    if (!grid || x < lay.left || x > lay.right || y < lay.top || y > lay.bottom) {
        return null;
    }
    const ux = plot.x.lo + ((x - lay.left) / (lay.right - lay.left)) * (plot.x.hi - plot.x.lo);
    const uy = plot.y.lo + ((lay.bottom - y) / (lay.bottom - lay.top)) * (plot.y.hi - plot.y.lo);
    const closest = (centres, axis, u) => {
        let k = 0;
        centres.forEach((c, j) => {
            if (Math.abs(toUnit(axis, c) - u) < Math.abs(toUnit(axis, centres[k]) - u)) {
                k = j;
            }
        });
        return k;
    };
    const i = closest(grid.x, plot.x, ux);
    const j = closest(grid.y, plot.y, uy);
    const z = (grid.z[j] || [])[i];
    if (z === null || z === undefined || !Number.isFinite(z)) {
        return null;
    }
    const xv = plot.x.named ? describeValue(plot.x, grid.x[i]) : formatNumber(plot.x.log ? Math.pow(10, ux) : ux);
    const yv = plot.y.named ? describeValue(plot.y, grid.y[j]) : formatNumber(plot.y.log ? Math.pow(10, uy) : uy);
    return `${plot.x.title}=${xv}, ${plot.y.title}=${yv}: ${grid.title} ≈ ${formatNumber(z)} (estimate)`;
}

function showTip(state, text, x, y) {
    const tip = state.tip;
    if (!text) {
        tip.style.display = 'none';
        return;
    }
    tip.textContent = text;
    tip.style.display = 'block';
    const width = tip.offsetWidth;
    const left = x + 14 + width > state.canvas.clientWidth ? x - 14 - width : x + 14;
    tip.style.left = `${Math.max(0, left)}px`;
    tip.style.top = `${Math.max(0, y - 28)}px`;
}

function open(state, hit) {
    if (hit && hit.layer.ids && hit.layer.ids[hit.i] !== undefined) {
        state.callbacks.invokeMethodAsync('OnChartEvent', 'click', hit.layer.ids[hit.i]).catch(() => { });
    }
}

function createTip(element) {
    const tip = document.createElement('div');
    tip.className = 'eh-chart-tip';
    tip.setAttribute('role', 'status');
    Object.assign(tip.style, {
        position: 'absolute', display: 'none', pointerEvents: 'none', zIndex: '2', whiteSpace: 'nowrap',
        background: 'rgba(34,36,46,0.92)', color: '#fff', font, padding: '4px 7px', borderRadius: '4px',
    });
    element.appendChild(tip);
    return tip;
}

function wire(state) {
    const canvas = state.canvas;
    const at = ev => {
        const rect = canvas.getBoundingClientRect();
        return { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
    };
    canvas.addEventListener('pointermove', ev => {
        const p = at(ev);
        const hit = nearest(state, p.x, p.y);
        const clickable = hit && hit.layer.ids && hit.layer.ids[hit.i] !== undefined;
        canvas.style.cursor = clickable ? 'pointer' : 'default';
        const text = hit ? describePoint(state.plot, hit) : (state.layout ? describeCell(state.plot, state.layout, p.x, p.y) : null);
        showTip(state, text, p.x, p.y);
    });
    canvas.addEventListener('pointerleave', () => showTip(state, null, 0, 0));
    canvas.addEventListener('click', ev => {
        const p = at(ev);
        open(state, nearest(state, p.x, p.y));
    });
    // Arrow keys walk through the trials of the top layer (the front, the best-so-far steps), Enter opens one.
    canvas.tabIndex = 0;
    canvas.addEventListener('keydown', ev => {
        const target = focusLayer(state);
        if (!target) {
            return;
        }
        const n = target.points.px.length;
        const current = state.focus ? state.focus.i : -1;
        if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') {
            state.focus = { i: (current + 1) % n };
        } else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') {
            state.focus = { i: current <= 0 ? n - 1 : current - 1 };
        } else if ((ev.key === 'Enter' || ev.key === ' ') && state.focus) {
            open(state, focusPoint(state));
        } else if (ev.key === 'Escape') {
            state.focus = null;
        } else {
            return;
        }
        ev.preventDefault();
        draw(state);
        const focus = state.focus && focusPoint(state);
        showTip(state, focus ? describePoint(state.plot, focus) : null, focus ? focus.x : 0, focus ? focus.y : 0);
    });
    canvas.addEventListener('blur', () => {
        state.focus = null;
        showTip(state, null, 0, 0);
        schedule(state);
    });
    state.resize = new ResizeObserver(() => schedule(state));
    state.resize.observe(canvas);
}

// Stops a chart's pending frame and resize observer and empties its element.
export function release(states, element) {
    const state = states.get(element);
    if (!state) {
        return;
    }
    if (state.frame) {
        cancelAnimationFrame(state.frame);
    }
    state.resize.disconnect();
    states.delete(element);
    element.replaceChildren();
}

// The init/update/dispose module interface of a canvas chart; build(payload) gives the plot.
export function canvasChart(build) {
    const states = new WeakMap();
    return {
        init(element, payload, callbacks) {
            const canvas = createCanvas(element);
            const state = { canvas, tip: createTip(element), callbacks, plot: prepare(build(payload)), frame: 0, focus: null };
            states.set(element, state);
            wire(state);
            draw(state);
            markDrawn(element, state.plot.count);
        },
        update(element, payload) {
            const state = states.get(element);
            if (!state) {
                return;
            }
            state.plot = prepare(build(payload));
            draw(state);
            markDrawn(element, state.plot.count);
        },
        dispose(element) {
            release(states, element);
        },
    };
}
