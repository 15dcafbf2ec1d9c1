import { baseLayout, plotlyChart } from './plotly-loader.js';

// payload: { series: [{ name, x, y, mode, dash, color }], xTitle, yTitle, logY, logX }
function build(payload) {
    const traces = payload.series.map(s => ({
        // SVG only: series arrive downsampled, and WebGL is software-rendered without a GPU.
        type: 'scatter',
        mode: s.mode || 'lines',
        name: s.name,
        x: s.x,
        y: s.y,
        line: { width: 2, shape: s.shape || 'linear', dash: s.dash || 'solid', color: s.color || undefined },
        marker: { size: 5, opacity: s.opacity ?? 1, color: s.color || undefined },
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
