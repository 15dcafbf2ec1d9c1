import { baseLayout, plotlyChart } from './plotly-loader.js';

// payload: { labels, values, xTitle } drawn as horizontal bars, largest on top.
function build(payload) {
    const order = payload.labels.map((_, i) => i).sort((a, b) => payload.values[a] - payload.values[b]);
    const traces = [{
        type: 'bar',
        orientation: 'h',
        y: order.map(i => payload.labels[i]),
        x: order.map(i => payload.values[i]),
        marker: { color: '#4a6fe3' },
        hovertemplate: '%{y}: %{x:.1%}<extra></extra>',
    }];
    const layout = baseLayout({
        margin: { l: 120, r: 20, t: 20, b: 40 },
        xaxis: { title: { text: payload.xTitle || '' }, tickformat: '.0%', rangemode: 'tozero' },
        yaxis: { automargin: true },
    });
    return { traces, layout, count: payload.labels.length };
}

export const { init, update, dispose } = plotlyChart(build);
