import { baseLayout, plotlyChart } from './plotly-loader.js';

// payload: { gridX, gridY, z (rows by y), points (sampled above 2,000): { x, y, ids, text, selected }, total, xTitle, yTitle, zTitle,
//            xLog, yLog, xTicks: { vals, text }, yTicks, reverseScale }
function axis(title, log, ticks) {
    const a = { title: { text: title }, type: log ? 'log' : 'linear', zeroline: false };
    if (ticks) {
        a.tickvals = ticks.vals;
        a.ticktext = ticks.text;
    }
    return a;
}

function build(payload) {
    const p = payload.points;
    const selected = p.selected;
    const traces = [
        {
            type: 'heatmap',
            x: payload.gridX,
            y: payload.gridY,
            z: payload.z,
            colorscale: 'Viridis',
            reversescale: !!payload.reverseScale,
            zsmooth: 'best',
            connectgaps: false,
            colorbar: { title: { text: payload.zTitle || '' }, thickness: 12 },
            hovertemplate: `${payload.xTitle}=%{x:.4g}<br>${payload.yTitle}=%{y:.4g}<br>${payload.zTitle} ≈ %{z:.4g}<extra>estimate</extra>`,
        },
        {
            type: 'scatter',
            mode: 'markers',
            x: p.x,
            y: p.y,
            text: p.text,
            customdata: p.ids,
            marker: {
                size: p.x.length > 1000 ? 4 : 7,
                color: 'rgba(255,255,255,0.9)',
                line: { color: '#222', width: 1 },
                opacity: selected ? selected.map(s => (s ? 1 : 0.15)) : 1,
            },
            hovertemplate: p.text ? '%{text}<extra>trial</extra>' : `${payload.xTitle}=%{x:.4g}<br>${payload.yTitle}=%{y:.4g}<extra>run %{customdata}</extra>`,
            showlegend: false,
        },
    ];
    const layout = baseLayout({
        xaxis: axis(payload.xTitle, payload.xLog, payload.xTicks),
        yaxis: axis(payload.yTitle, payload.yLog, payload.yTicks),
    });
    return { traces, layout, count: payload.total ?? p.x.length };
}

function wireClicks(element, callbacks) {
    element.on('plotly_click', ev => {
        const point = ev.points && ev.points.find(pt => pt.customdata !== undefined);
        if (point) {
            callbacks.invokeMethodAsync('OnChartEvent', 'click', point.customdata).catch(() => { });
        }
    });
}

export const { init, update, dispose } = plotlyChart(build, wireClicks);
