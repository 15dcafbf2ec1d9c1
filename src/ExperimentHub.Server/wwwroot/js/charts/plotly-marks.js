// What Plotly.Blazor does not reach: marks a chart's element once plotly has drawn it (data-drawn, and data-points
// copied from the data-total the server rendered, so a test or the ui bench knows the new points are on screen),
// and forwards plotly's deselect (a double click in box or lasso mode) to .NET.
export function watch(id, chart) {
    const plot = document.getElementById(id);
    const wrapper = plot && plot.closest('.eh-chart');
    if (!wrapper) {
        return;
    }
    const mark = () => {
        wrapper.setAttribute('data-points', wrapper.getAttribute('data-total') || '0');
        wrapper.setAttribute('data-drawn', 'true');
    };
    const hook = () => {
        if (typeof plot.on !== 'function') {
            return false;
        }
        plot.on('plotly_afterplot', mark);
        plot.on('plotly_deselect', () => chart.invokeMethodAsync('Deselected').catch(() => { }));
        // The first plot may have finished before this module loaded.
        if (plot._fullLayout && plot.querySelector('.main-svg')) {
            mark();
        }
        return true;
    };
    if (!hook()) {
        const observer = new MutationObserver(() => {
            if (hook()) {
                observer.disconnect();
            }
        });
        observer.observe(plot, { attributes: true, childList: true });
    }
}
