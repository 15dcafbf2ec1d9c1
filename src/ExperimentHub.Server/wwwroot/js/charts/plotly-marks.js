// What Plotly.Blazor does not reach: marks a chart's element once plotly has drawn it (data-drawn, and data-points
// copied from the data-total the server rendered, so a test or the ui bench knows the new points are on screen),
// and forwards plotly's deselect (a double click in box or lasso mode) to .NET. Called before the first plot: the
// listener goes on as soon as plotly has made the element a plot, and the mark needs no trip to the server.
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
        // The first plot may have finished before the listener went on (plotly draws in one go unless it waits for
        // something); one still drawing (_replotting) is marked by its afterplot.
        if (plot._fullLayout && plot._fullLayout._replotting === false && plot.querySelector('.main-svg')) {
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
