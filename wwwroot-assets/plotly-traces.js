// The plotly.js the dashboard serves: the core (scatter, axes, legend, hover, toolbar, box and lasso selection,
// update menus, colour bars) and only the other traces the charts draw: bar (parameter importance) and heatmap.
// The cartesian dist bundle (1.4 MB) also carried box, violin, pie, histograms, contours, ternary, image and
// world calendars; this one is about 1.1 MB. Built by `npm run build` (esbuild) into dist/, which the server's
// build copies to the path Plotly.Blazor loads plotly.js from.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
]);

module.exports = Plotly;
