import { baseLayout, plotlyChart } from './plotly-loader.js';

// payload: { front, dominated, infeasible: { x, y, ids, text, selected }, total, xTitle, yTitle, xLog, yLog, title }
// The front is drawn as a step line through its points, dominated trials faded, infeasible ones as crosses.
// Big sweeps arrive sampled (the whole front, capped infeasible, a sample of the dominated trials; total counts
// them all), so SVG scatter is enough: WebGL is software-rendered, and slow, on machines without a GPU.
function markers(group, name, style, big) {
    return {
        type: 'scatter',
        mode: 'markers',
        name,
        x: group.x,
        y: group.y,
        text: group.text,
        customdata: group.ids,
        marker: Object.assign({
            size: big ? 5 : 8,
            opacity: group.selected ? group.selected.map(s => (s ? style.opacity : style.opacity * 0.2)) : style.opacity,
        }, style.marker),
        hovertemplate: group.text ? '%{text}<extra>' + name + '</extra>' : '%{x:.4g}, %{y:.4g}<extra>run %{customdata}</extra>',
    };
}

function build(payload) {
    const shown = payload.front.x.length + payload.dominated.x.length + payload.infeasible.x.length;
    const total = payload.total ?? shown;
    const big = shown > 1000;
    const traces = [
        markers(payload.dominated, 'dominated', { opacity: 0.35, marker: { color: '#9aa3b5' } }, big),
        markers(payload.infeasible, 'infeasible', { opacity: 0.8, marker: { color: '#d64545', symbol: 'x' } }, big),
        Object.assign(markers(payload.front, 'Pareto front', { opacity: 1, marker: { color: '#e07b00', size: 10, line: { color: '#5a3200', width: 1 } } }, false), {
            mode: 'lines+markers',
            line: { shape: payload.stepShape || 'hv', color: '#e07b00', width: 2 },
        }),
    ];
    const layout = baseLayout({
        xaxis: { title: { text: payload.xTitle }, type: payload.xLog ? 'log' : '-', zeroline: false },
        yaxis: { title: { text: payload.yTitle }, type: payload.yLog ? 'log' : '-', zeroline: false },
        showlegend: true,
        legend: { orientation: 'h', y: 1.12 },
        margin: { l: 60, r: 20, t: 40, b: 50 },
    });
    return { traces, layout, count: total };
}

function wireClicks(element, callbacks) {
    element.on('plotly_click', ev => {
        const point = ev.points && ev.points[0];
        if (point && point.customdata !== undefined) {
            callbacks.invokeMethodAsync('OnChartEvent', 'click', point.customdata).catch(() => { });
        }
    });
}

export const { init, update, dispose } = plotlyChart(build, wireClicks);
