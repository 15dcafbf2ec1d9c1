import { canvasChart } from './canvas-chart.js';

// payload: { trials: { x, y, ids }, best: { x, y, ids }, metric, total }
// Each completed trial's objective in finishing order (markers, thinned above 2,000) and the best so far (a step).
function build(payload) {
    return {
        x: { title: 'completed trials', integer: true },
        y: { title: payload.metric },
        layers: [
            Object.assign({ type: 'markers', name: 'trial', color: '#9aa3b5', opacity: 0.7, size: payload.trials.x.length > 1000 ? 4 : 6 }, payload.trials),
            Object.assign({ type: 'line', name: 'best so far', color: '#e07b00', width: 2, shape: 'hv' }, payload.best),
        ],
        legend: true,
        count: payload.total,
    };
}

export const { init, update, dispose } = canvasChart(build);
