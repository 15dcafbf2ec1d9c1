// Parallel coordinates on a Canvas 2D (no WebGL: without a GPU, Chromium renders WebGL in software and plotly's
// parcoords took ~20 s for 10,000 lines). One polyline per trial, coloured by the objective.
//
// payload: { dimensions: [{ label, values, tickvals, ticktext, range }], color, colorRange, colorTitle, reverseScale }
// values and color arrive as bytes (a Uint8Array: Blazor sends a byte[] as binary) holding little-endian Float32
// positions in range (0 at range[0], 1 at range[1]) or colorRange; decode() turns them back into axis units: log10
// for log axes, the choice index for categorical ones, so every axis is linear here and the ticks carry the real
// values. Dragging along an axis adds a brush range; clicking a range removes it;
// ranges on one axis are OR-ed, axes are AND-ed. Brushing sends 'brush' with [{ index, ranges: [[lo, hi], ...] }]
// in axis units; the C# side maps them back.

// The canvas helpers below (theme colours, the Viridis palette, round ticks, canvas fitting) serve this chart alone.
const font = '12px Roboto, "Helvetica Neue", Arial, sans-serif';
// Text, axes and grid follow the dashboard's theme (MudBlazor's palette variables), read when a chart is drawn, so
// that a chart drawn in dark mode stays readable; the fallbacks are the light theme's.
const themeColor = (variable, fallback) =>
    getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || fallback;
const textColor = () => themeColor('--mud-palette-text-primary', '#3a3a4a');
const axisColor = () => themeColor('--mud-palette-text-secondary', '#6b7080');
/** The card's own colour, drawn around labels that sit on lines so that they stay legible. */
const haloColor = () => themeColor('--mud-palette-surface', 'rgba(255,255,255,0.85)');

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
const palette = paletteRgb.map(([r, g, b]) => `rgb(${r},${g},${b})`);

function formatNumber(v) {
    if (!Number.isFinite(v)) {
        return '';
    }
    return String(Number(v.toPrecision(4)));
}

// About `target` round values (1, 2 or 5 times a power of ten) between lo and hi; whole numbers only for an
// `integer` axis (a count of trials or steps has no 1.5), so a short range gets fewer ticks rather than fractions.
function niceTicks(lo, hi, target = 5, integer = false) {
    const span = hi - lo;
    if (!(span > 0)) {
        const v = integer ? Math.round(lo) : lo;
        return [{ v, text: formatNumber(v) }];
    }
    const mag = Math.pow(10, Math.floor(Math.log10(span / target)));
    const round = [1, 2, 5, 10].map(m => m * mag).find(s => span / s <= target + 1) || mag * 10;
    const step = integer ? Math.max(1, round) : round;
    const values = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
        values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return values.map(v => ({ v, text: formatNumber(v) }));
}

// Sizes the canvas backing store to its CSS box and the device's pixel ratio; null while it is not laid out.
function fitCanvas(canvas) {
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

function createCanvas(element) {
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
function markDrawn(element, count) {
    element.setAttribute('data-drawn', 'true');
    element.setAttribute('data-points', String(count));
}


// Stops a chart's pending frame and resize observer and empties its element.
function release(states, element) {
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


const margin = { l: 60, r: 90, t: 44, b: 24 };
const colorBarWidth = 12;

const states = new WeakMap();

function axisRange(d) {
    if (d.range && d.range.length === 2 && d.range[1] > d.range[0]) {
        return [d.range[0], d.range[1]];
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of d.values) {
        if (Number.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
    }
    if (!Number.isFinite(lo)) {
        return [0, 1];
    }
    return hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

// Float32 positions in [low, high] (little-endian bytes) back to numbers; plain arrays pass through.
function decode(values, range) {
    if (!(values instanceof Uint8Array)) {
        return values || [];
    }
    const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
    const n = values.byteLength >> 2;
    const out = new Float64Array(n);
    const lo = range ? range[0] : 0;
    const span = range && range[1] > range[0] ? range[1] - range[0] : 1;
    for (let i = 0; i < n; i++) {
        out[i] = lo + view.getFloat32(i * 4, true) * span;
    }
    return out;
}

// Shapes the payload once per update: colour indices per line, axis ranges and ticks.
function prepare(payload) {
    const dims = payload.dimensions.map(d => {
        const values = decode(d.values, d.range);
        const [lo, hi] = axisRange({ range: d.range, values });
        const ticks = d.tickvals && d.ticktext
            ? d.tickvals.map((v, i) => ({ v, text: String(d.ticktext[i]) })).filter(t => t.v >= lo && t.v <= hi)
            : niceTicks(lo, hi);
        return { label: d.label, values, lo, hi, ticks };
    });
    const color = decode(payload.color, payload.colorRange);
    let cmin = Infinity;
    let cmax = -Infinity;
    for (const c of color) {
        if (Number.isFinite(c)) {
            cmin = Math.min(cmin, c);
            cmax = Math.max(cmax, c);
        }
    }
    if (!Number.isFinite(cmin)) {
        cmin = 0;
        cmax = 1;
    }
    if (payload.colorRange) {
        // The exact ends, for the colour bar's labels (the decoded values carry Float32 rounding).
        [cmin, cmax] = payload.colorRange;
    }
    const n = dims.length > 0 ? dims[0].values.length : 0;
    const shade = new Uint8Array(n);
    const cspan = cmax > cmin ? cmax - cmin : 1;
    for (let i = 0; i < n; i++) {
        let t = ((color[i] ?? cmin) - cmin) / cspan;
        if (payload.reverseScale) {
            t = 1 - t;
        }
        shade[i] = Math.max(0, Math.min(255, Math.round(t * 255)));
    }
    // Draw the best lines last so they sit on top of the rest.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => shade[a] - shade[b]);
    // Trials picked on another chart (a Uint8Array of 0/1 per line, or null): the others fade as unbrushed lines do.
    const picked = payload.picked && payload.picked.length === n ? payload.picked : null;
    return { dims, n, shade, order, cmin, cmax, picked, reverse: !!payload.reverseScale, title: payload.colorTitle || '' };
}

function layoutOf(state) {
    const width = state.canvas.clientWidth;
    const height = state.canvas.clientHeight;
    const count = state.model.dims.length;
    const plotLeft = margin.l;
    const plotRight = Math.max(plotLeft + 10, width - margin.r);
    const top = margin.t;
    const bottom = Math.max(top + 10, height - margin.b);
    const gap = count > 1 ? (plotRight - plotLeft) / (count - 1) : 0;
    const xs = state.model.dims.map((_, i) => (count > 1 ? plotLeft + gap * i : (plotLeft + plotRight) / 2));
    return { width, height, top, bottom, xs, plotRight };
}

function toY(d, v, lay) {
    return lay.bottom - ((v - d.lo) / (d.hi - d.lo)) * (lay.bottom - lay.top);
}

function fromY(d, y, lay) {
    return d.lo + ((lay.bottom - y) / (lay.bottom - lay.top)) * (d.hi - d.lo);
}

function passes(state, i) {
    if (state.model.picked && !state.model.picked[i]) {
        return false;
    }
    const dims = state.model.dims;
    for (const [axis, ranges] of state.brushes) {
        const v = dims[axis].values[i];
        let inside = false;
        for (const [lo, hi] of ranges) {
            if (v >= lo && v <= hi) {
                inside = true;
                break;
            }
        }
        if (!inside) {
            return false;
        }
    }
    return true;
}

function drawLines(ctx, state, lay, selected) {
    const { dims, order, shade } = state.model;
    const brushed = state.brushes.size > 0 || state.model.picked !== null;
    // Batch lines by colour bucket: one path and one stroke per bucket keeps 10,000 lines to a few milliseconds.
    const buckets = new Map();
    for (const i of order) {
        const inside = !brushed || passes(state, i);
        if (inside !== selected) {
            continue;
        }
        const key = selected ? shade[i] >> 2 : 0;
        let list = buckets.get(key);
        if (!list) {
            list = [];
            buckets.set(key, list);
        }
        list.push(i);
    }
    const keys = [...buckets.keys()].sort((a, b) => a - b);
    if (selected) {
        // How many lines stand out (all, or those inside the brushes and picks): for tests and screen readers.
        let count = 0;
        for (const list of buckets.values()) {
            count += list.length;
        }
        state.canvas.parentElement?.setAttribute('data-highlighted', String(count));
    }
    ctx.lineWidth = 1;
    ctx.globalAlpha = selected ? (state.model.n > 2000 ? 0.35 : 0.7) : 0.08;
    for (const key of keys) {
        ctx.strokeStyle = selected ? palette[Math.min(255, (key << 2) + 2)] : '#9aa3b5';
        ctx.beginPath();
        for (const i of buckets.get(key)) {
            for (let a = 0; a < dims.length; a++) {
                const v = dims[a].values[i];
                const y = toY(dims[a], Number.isFinite(v) ? v : dims[a].lo, lay);
                if (a === 0) {
                    ctx.moveTo(lay.xs[a], y);
                } else {
                    ctx.lineTo(lay.xs[a], y);
                }
            }
        }
        ctx.stroke();
    }
    ctx.globalAlpha = 1;
}

function drawAxes(ctx, state, lay) {
    const { dims } = state.model;
    ctx.font = font;
    ctx.lineWidth = 1;
    dims.forEach((d, a) => {
        const x = lay.xs[a];
        ctx.strokeStyle = axisColor();
        ctx.beginPath();
        ctx.moveTo(x + 0.5, lay.top);
        ctx.lineTo(x + 0.5, lay.bottom);
        ctx.stroke();
        // Brushed ranges: a translucent band over the axis.
        const ranges = state.brushes.get(a) || [];
        ctx.fillStyle = 'rgba(224,123,0,0.25)';
        ctx.strokeStyle = '#e07b00';
        for (const [lo, hi] of ranges) {
            const y1 = toY(d, hi, lay);
            const y2 = toY(d, lo, lay);
            ctx.fillRect(x - 6, y1, 12, y2 - y1);
            ctx.strokeRect(x - 6 + 0.5, y1 + 0.5, 12, y2 - y1);
        }
        if (state.drag && state.drag.axis === a) {
            const y1 = Math.min(state.drag.y0, state.drag.y1);
            const y2 = Math.max(state.drag.y0, state.drag.y1);
            ctx.fillRect(x - 6, y1, 12, y2 - y1);
        }
        ctx.fillStyle = textColor();
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        for (const t of d.ticks) {
            const y = toY(d, t.v, lay);
            ctx.strokeStyle = axisColor();
            ctx.beginPath();
            ctx.moveTo(x - 4, y + 0.5);
            ctx.lineTo(x, y + 0.5);
            ctx.stroke();
            ctx.strokeStyle = haloColor();
            ctx.lineWidth = 3;
            ctx.strokeText(t.text, x - 6, y);
            ctx.lineWidth = 1;
            ctx.fillText(t.text, x - 6, y);
        }
        ctx.textAlign = a === 0 ? 'left' : (a === dims.length - 1 ? 'right' : 'center');
        ctx.textBaseline = 'bottom';
        ctx.font = '500 ' + font;
        ctx.fillText(d.label, a === 0 ? x - 10 : (a === dims.length - 1 ? x + 10 : x), lay.top - 12);
        ctx.font = font;
    });
}

function drawColorBar(ctx, state, lay) {
    const x = lay.plotRight + 40;
    const h = lay.bottom - lay.top;
    for (let p = 0; p < h; p++) {
        const t = 1 - p / h;
        ctx.fillStyle = palette[Math.round((state.model.reverse ? 1 - t : t) * 255)];
        ctx.fillRect(x, lay.top + p, colorBarWidth, 1.5);
    }
    ctx.fillStyle = textColor();
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(Number(state.model.cmax.toPrecision(3))), x + colorBarWidth + 3, lay.top);
    ctx.fillText(String(Number(state.model.cmin.toPrecision(3))), x + colorBarWidth + 3, lay.bottom);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(state.model.title, x + colorBarWidth / 2, lay.top - 12);
}

function draw(state) {
    state.frame = 0;
    const fitted = fitCanvas(state.canvas);
    if (!fitted) {
        return;
    }
    const { ctx } = fitted;
    const lay = layoutOf(state);
    state.layout = lay;
    if (state.brushes.size > 0 || state.model.picked !== null) {
        drawLines(ctx, state, lay, false);
    }
    drawLines(ctx, state, lay, true);
    drawAxes(ctx, state, lay);
    drawColorBar(ctx, state, lay);
    placeAxisHandles(state, lay);
}

// Invisible boxes over each axis' brushable strip: they name the axes for tests and assistive tools, and let
// pointer events fall through to the canvas.
function placeAxisHandles(state, lay) {
    const dims = state.model.dims;
    while (state.handles.length > dims.length) {
        state.handles.pop().remove();
    }
    while (state.handles.length < dims.length) {
        const handle = document.createElement('div');
        handle.className = 'eh-pc-axis';
        handle.style.position = 'absolute';
        handle.style.pointerEvents = 'none';
        state.canvas.parentElement.appendChild(handle);
        state.handles.push(handle);
    }
    dims.forEach((d, i) => {
        const handle = state.handles[i];
        handle.dataset.axis = String(i);
        handle.setAttribute('aria-label', d.label);
        handle.style.left = `${lay.xs[i] - 8}px`;
        handle.style.top = `${lay.top}px`;
        handle.style.width = '16px';
        handle.style.height = `${lay.bottom - lay.top}px`;
    });
}

function schedule(state) {
    if (!state.frame) {
        state.frame = requestAnimationFrame(() => draw(state));
    }
}

function report(state) {
    const ranges = [...state.brushes.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([index, list]) => ({ index, ranges: list.map(r => [r[0], r[1]]) }));
    state.callbacks.invokeMethodAsync('OnChartEvent', 'brush', ranges).catch(() => { });
}

function pointer(state, ev) {
    const rect = state.canvas.getBoundingClientRect();
    return { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
}

function nearestAxis(state, x) {
    const lay = state.layout;
    if (!lay) {
        return -1;
    }
    let best = -1;
    let bestDistance = 16;
    lay.xs.forEach((ax, i) => {
        const distance = Math.abs(ax - x);
        if (distance < bestDistance) {
            best = i;
            bestDistance = distance;
        }
    });
    return best;
}

function clampY(lay, y) {
    return Math.max(lay.top, Math.min(lay.bottom, y));
}

function wire(state) {
    const canvas = state.canvas;
    canvas.addEventListener('pointerdown', ev => {
        const p = pointer(state, ev);
        const axis = nearestAxis(state, p.x);
        if (axis < 0 || !state.layout) {
            return;
        }
        const y = clampY(state.layout, p.y);
        state.drag = { axis, y0: y, y1: y };
        canvas.setPointerCapture(ev.pointerId);
        ev.preventDefault();
    });
    canvas.addEventListener('pointermove', ev => {
        const p = pointer(state, ev);
        if (state.drag) {
            state.drag.y1 = clampY(state.layout, p.y);
            schedule(state);
        } else {
            canvas.style.cursor = nearestAxis(state, p.x) >= 0 ? 'ns-resize' : 'default';
        }
    });
    const finish = () => {
        const drag = state.drag;
        state.drag = null;
        if (!drag) {
            return;
        }
        const d = state.model.dims[drag.axis];
        const lay = state.layout;
        const list = state.brushes.get(drag.axis) || [];
        if (Math.abs(drag.y1 - drag.y0) < 3) {
            // A click: remove the range under it, if any.
            const v = fromY(d, drag.y0, lay);
            const kept = list.filter(([lo, hi]) => v < lo || v > hi);
            if (kept.length === list.length) {
                schedule(state);
                return;
            }
            if (kept.length > 0) {
                state.brushes.set(drag.axis, kept);
            } else {
                state.brushes.delete(drag.axis);
            }
        } else {
            const a = fromY(d, drag.y0, lay);
            const b = fromY(d, drag.y1, lay);
            list.push([Math.min(a, b), Math.max(a, b)]);
            state.brushes.set(drag.axis, list);
        }
        schedule(state);
        report(state);
    };
    canvas.addEventListener('pointerup', finish);
    canvas.addEventListener('pointercancel', () => {
        state.drag = null;
        schedule(state);
    });
    state.resize = new ResizeObserver(() => schedule(state));
    state.resize.observe(canvas);
}

export function init(element, payload, callbacks) {
    const canvas = createCanvas(element);
    const state = { canvas, callbacks, model: prepare(payload), brushes: new Map(), drag: null, frame: 0, handles: [] };
    states.set(element, state);
    wire(state);
    draw(state);
    markDrawn(element, state.model.n);
}

export function update(element, payload) {
    const state = states.get(element);
    if (!state) {
        return;
    }
    const labels = state.model.dims.map(d => d.label);
    state.model = prepare(payload);
    // Brushes survive an update when their axis is still there (matched by label, as the axes may move).
    const kept = new Map();
    for (const [index, ranges] of state.brushes) {
        const moved = state.model.dims.findIndex(d => d.label === labels[index]);
        if (moved >= 0) {
            kept.set(moved, ranges);
        }
    }
    state.brushes = kept;
    draw(state);
    markDrawn(element, state.model.n);
}

export function dispose(element) {
    release(states, element);
}
