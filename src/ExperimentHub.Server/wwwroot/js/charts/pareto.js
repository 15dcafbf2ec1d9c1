import { canvasChart } from './canvas-chart.js';

// payload: { front, dominated, infeasible: { x, y, ids, text, selected }, total, xTitle, yTitle, stepShape }
// The front is a step line through its points, dominated trials faded, infeasible ones as red crosses. Big sweeps
// arrive sampled (the whole front, capped infeasible, a sample of the dominated trials; total counts them all).
function build(payload) {
    const shown = payload.front.x.length + payload.dominated.x.length + payload.infeasible.x.length;
    const small = shown <= 1000;
    return {
        x: { title: payload.xTitle },
        y: { title: payload.yTitle },
        layers: [
            Object.assign({ type: 'markers', name: 'dominated', color: '#9aa3b5', opacity: 0.45, size: small ? 7 : 4 }, payload.dominated),
            Object.assign({ type: 'markers', name: 'infeasible', color: '#d64545', opacity: 0.85, size: small ? 7 : 5, symbol: 'cross' }, payload.infeasible),
            Object.assign({ type: 'line', name: 'Pareto front', color: '#e07b00', width: 2, markerSize: 8, stroke: '#5a3200', shape: payload.stepShape || 'hv' }, payload.front),
        ],
        legend: true,
        count: payload.total ?? shown,
    };
}

export const { init, update, dispose } = canvasChart(build);
