import { baseLayout, plotlyChart } from './plotly-loader.js';

// payload: { series: [{ name, x, y, mode }], xTitle, yTitle, logY, logX }
function build(payload) {
    const traces = payload.series.map(s => ({
        // SVG only: series arrive downsampled, and WebGL is software-rendered without a GPU.
        type: 'scatter',
        mode: s.mode || 'lines',
        name: s.name,
        x: s.x,
        y: s.y,
        line: { width: 2 },
        marker: { size: 5 },
        connectgaps: false,
        hovertemplate: `${s.name}<br>${payload.xTitle || 'x'}=%{x}<br>${payload.yTitle || 'y'}=%{y:.6g}<extra></extra>`,
    }));
    const layout = baseLayout({
        xaxis: { title: { text: payload.xTitle || '' }, type: payload.logX ? 'log' : '-', zeroline: false },
        yaxis: { title: { text: payload.yTitle || '' }, type: payload.logY ? 'log' : '-', zeroline: false },
        showlegend: payload.series.length > 1,
    });
    const count = payload.series.reduce((n, s) => n + s.x.length, 0);
    return { traces, layout, count };
}

export const { init, update, dispose } = plotlyChart(build);
