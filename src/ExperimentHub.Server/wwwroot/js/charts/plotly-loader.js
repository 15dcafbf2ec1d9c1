// Loads plotly.min.js (npm's cartesian bundle, copied into lib/ at build) once, on the first chart that needs it.
let loading = null;

export function loadPlotly() {
    if (globalThis.Plotly) {
        return Promise.resolve(globalThis.Plotly);
    }
    if (!loading) {
        loading = new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = new URL('lib/plotly/plotly.min.js', document.baseURI).href;
            script.async = true;
            script.onload = () => resolve(globalThis.Plotly);
            script.onerror = () => {
                loading = null;
                reject(new Error('Could not load the chart library (lib/plotly/plotly.min.js).'));
            };
            document.head.appendChild(script);
        });
    }
    return loading;
}

const font = { family: 'Roboto, "Helvetica Neue", Arial, sans-serif', size: 12, color: '#3a3a4a' };

// Shared look: compact margins, readable font, transparent background so the card shows through.
export function baseLayout(extra) {
    return Object.assign({
        font,
        margin: { l: 60, r: 20, t: 36, b: 50 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        hovermode: 'closest',
        legend: { orientation: 'h', x: 0, y: 1.12 },
        uirevision: 'keep',
    }, extra || {});
}

export const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['lasso2d', 'select2d'] };

// Redraws on container resize (the sidebar toggling, the window); one observer per chart element.
export function watchResize(element, Plotly) {
    const observer = new ResizeObserver(() => {
        if (element.isConnected && element.data) {
            Plotly.Plots.resize(element);
        }
    });
    observer.observe(element);
    element._ehResize = observer;
}

export function purge(element) {
    if (!element) {
        return;
    }
    if (element._ehResize) {
        element._ehResize.disconnect();
        element._ehResize = null;
    }
    if (globalThis.Plotly) {
        globalThis.Plotly.purge(element);
    }
}

// Marks a drawn chart for tests and for screen readers waiting on it.
export function markDrawn(element, count) {
    element.setAttribute('data-drawn', 'true');
    element.setAttribute('data-points', String(count));
}

// The init/update/dispose module interface every plotly chart exports: build(payload) gives { traces, layout, count };
// onInit(element, callbacks) wires chart events once, after the first draw.
export function plotlyChart(build, onInit) {
    return {
        async init(element, payload, callbacks) {
            const Plotly = await loadPlotly();
            const { traces, layout, count } = build(payload);
            await Plotly.newPlot(element, traces, layout, config);
            watchResize(element, Plotly);
            if (onInit) {
                onInit(element, callbacks);
            }
            markDrawn(element, count);
        },
        async update(element, payload) {
            const Plotly = await loadPlotly();
            const { traces, layout, count } = build(payload);
            await Plotly.react(element, traces, layout, config);
            markDrawn(element, count);
        },
        dispose(element) {
            purge(element);
        },
    };
}
