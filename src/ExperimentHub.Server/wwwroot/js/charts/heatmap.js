import { canvasChart } from './canvas-chart.js';

// payload: { gridX, gridY, z (rows by y, null where no trial is near), points (sampled above 2,000):
//            { x, y, ids, text, selected }, total, xTitle, yTitle, zTitle, xLog, yLog, xTicks: { vals, text }, yTicks,
//            reverseScale }
// The estimate fills the plot, smoothed between cells of numeric axes; the trials are drawn on top.
function build(payload) {
    const points = payload.points;
    return {
        x: { title: payload.xTitle, log: payload.xLog, ticks: payload.xTicks },
        y: { title: payload.yTitle, log: payload.yLog, ticks: payload.yTicks },
        layers: [
            { type: 'grid', x: payload.gridX, y: payload.gridY, z: payload.z, reverse: !!payload.reverseScale, title: payload.zTitle },
            Object.assign({ type: 'markers', color: 'rgba(255,255,255,0.9)', stroke: '#222', size: points.x.length > 1000 ? 4 : 7 }, points),
        ],
        legend: false,
        count: payload.total ?? points.x.length,
    };
}

export const { init, update, dispose } = canvasChart(build);
