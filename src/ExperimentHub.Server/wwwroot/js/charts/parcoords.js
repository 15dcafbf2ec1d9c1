import { loadPlotly, baseLayout, config, watchResize, purge, markDrawn } from './plotly-loader.js';

// payload: { dimensions: [{ label, values, tickvals, ticktext, range }], color, colorTitle, reverseScale }
// Brushing an axis sends 'brush' with [{ index, ranges: [[lo, hi], ...] }] in the axis' own units
// (log10 for log axes, the choice index for categorical ones); the C# side maps them back.

function normalize(range) {
    if (!range || range.length === 0) {
        return [];
    }
    return Array.isArray(range[0]) ? range : [range];
}

function currentRanges(element) {
    const kept = new Map();
    const trace = element.data && element.data[0];
    if (trace && trace.dimensions) {
        for (const d of trace.dimensions) {
            if (d.constraintrange) {
                kept.set(d.label, d.constraintrange);
            }
        }
    }
    return kept;
}

function build(payload, kept) {
    const dimensions = payload.dimensions.map(d => {
        const dim = { label: d.label, values: d.values };
        if (d.tickvals) {
            dim.tickvals = d.tickvals;
            dim.ticktext = d.ticktext;
        }
        if (d.range) {
            dim.range = d.range;
        }
        if (kept && kept.has(d.label)) {
            dim.constraintrange = kept.get(d.label);
        }
        return dim;
    });
    const traces = [{
        type: 'parcoords',
        dimensions,
        line: {
            color: payload.color,
            colorscale: 'Viridis',
            reversescale: !!payload.reverseScale,
            showscale: true,
            colorbar: { title: { text: payload.colorTitle || '' }, thickness: 12 },
        },
        labelangle: 0,
        labelside: 'top',
    }];
    const layout = baseLayout({ margin: { l: 70, r: 70, t: 60, b: 30 } });
    return { traces, layout, count: payload.color.length };
}

function report(element, callbacks) {
    const trace = element.data && element.data[0];
    if (!trace) {
        return;
    }
    const ranges = trace.dimensions
        .map((d, index) => ({ index, ranges: normalize(d.constraintrange) }))
        .filter(r => r.ranges.length > 0);
    callbacks.invokeMethodAsync('OnChartEvent', 'brush', ranges).catch(() => { });
}

export async function init(element, payload, callbacks) {
    const Plotly = await loadPlotly();
    const { traces, layout, count } = build(payload, null);
    await Plotly.newPlot(element, traces, layout, config);
    watchResize(element, Plotly);
    markDrawn(element, count);
    let timer = null;
    element.on('plotly_restyle', () => {
        // Dragging a brush fires many restyles; tell the server once it settles.
        clearTimeout(timer);
        timer = setTimeout(() => report(element, callbacks), 120);
    });
}

export async function update(element, payload) {
    const Plotly = await loadPlotly();
    const { traces, layout, count } = build(payload, currentRanges(element));
    await Plotly.react(element, traces, layout, config);
    markDrawn(element, count);
}

export function dispose(element) {
    purge(element);
}
