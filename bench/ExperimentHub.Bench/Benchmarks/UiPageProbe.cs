using System.Text.Json;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// A script added to every page before the app's own scripts. It notes (performance.now(), so from the start of the
/// navigation) when each milestone first shows in the DOM: the circuit's first render (the layout), the page's
/// content, table rows with run links, and each chart drawn (the app's data-drawn mark), and sums the main thread's
/// long tasks.
/// </summary>
internal static class UiPageProbe
{
    public const string Script = """
        (() => {
          if (window.top !== window) { return; }
          const probe = { marks: {}, longTasks: 0, longTaskMs: 0, longTaskMaxMs: 0 };
          Object.defineProperty(window, '__ehProbe', { value: probe });
          const mark = key => { if (!(key in probe.marks)) { probe.marks[key] = performance.now(); } };
          const check = () => {
            if (document.querySelector('.eh-layout')) { mark('circuit'); }
            if (document.querySelector('.eh-loading')) { mark('loading'); }
            if (document.querySelector('[data-testid=sweep-progress], [data-testid=run-info], [data-testid=projects-grid]')) { mark('content'); }
            if (document.querySelector('[data-testid=trials-grid] tbody tr a[href^="runs/"], [data-testid=projects-grid] tbody tr a[href^="projects/"]')) { mark('rows'); }
            for (const el of document.querySelectorAll('[data-chart]')) {
              if (el.getAttribute('data-drawn') === 'true') { mark('chart_' + el.getAttribute('data-chart')); }
            }
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
          // Blazor's reconnect dialog: a state class on it means the circuit's connection was lost.
          document.addEventListener('DOMContentLoaded', () => {
            const modal = document.getElementById('components-reconnect-modal');
            if (!modal) { return; }
            new MutationObserver(() => {
              for (const state of ['show', 'failed', 'rejected']) {
                if (modal.classList.contains('components-reconnect-' + state)) { mark('reconnect_' + state); }
              }
            }).observe(modal, { attributes: true, attributeFilter: ['class'] });
          });
          try {
            new PerformanceObserver(list => {
              for (const entry of list.getEntries()) {
                probe.longTasks++;
                probe.longTaskMs += entry.duration;
                probe.longTaskMaxMs = Math.max(probe.longTaskMaxMs, entry.duration);
              }
            }).observe({ type: 'longtask', buffered: true });
          } catch { /* no long task timing in this browser */ }
        })();
        """;

    /// <summary>True once every named mark is set; the argument is the array of marks.</summary>
    public const string AllMarked = "keys => !!window.__ehProbe && keys.every(k => k in window.__ehProbe.marks)";

    /// <summary>True once every chart on the page has drawn.</summary>
    public const string AllChartsDrawn =
        "() => { const charts = [...document.querySelectorAll('[data-chart]')]; return charts.length > 0 && charts.every(c => c.getAttribute('data-drawn') === 'true'); }";

    private const string ReadScript = """
        () => {
          const probe = window.__ehProbe || { marks: {}, longTasks: 0, longTaskMs: 0, longTaskMaxMs: 0 };
          const nav = performance.getEntriesByType('navigation')[0];
          return JSON.stringify({
            marks: probe.marks,
            longTasks: probe.longTasks,
            longTaskMs: probe.longTaskMs,
            longTaskMaxMs: probe.longTaskMaxMs,
            responseEnd: nav ? nav.responseEnd : -1,
            domContentLoaded: nav ? nav.domContentLoadedEventEnd : -1,
            resources: performance.getEntriesByType('resource').map(r => ({ name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.transferSize || r.encodedBodySize || 0 })),
            charts: [...document.querySelectorAll('[data-chart]')].map(c => ({ kind: c.getAttribute('data-chart'), drawn: c.getAttribute('data-drawn') === 'true', points: Number(c.getAttribute('data-points') || '0') })),
            rows: document.querySelectorAll('[data-testid=trials-grid] tbody tr').length,
            trialCount: (document.querySelector('[data-testid=trial-count]') || { textContent: '' }).textContent.trim(),
          });
        }
        """;

    /// <summary>What the probe saw so far on <paramref name="page"/>.</summary>
    public static async Task<UiProbeReport> ReadAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(ReadScript);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return new UiProbeReport(
            root.GetProperty("marks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal),
            root.GetProperty("longTasks").GetInt32(),
            root.GetProperty("longTaskMs").GetDouble(),
            root.GetProperty("longTaskMaxMs").GetDouble(),
            root.GetProperty("responseEnd").GetDouble(),
            root.GetProperty("domContentLoaded").GetDouble(),
            root.GetProperty("resources").EnumerateArray()
                .Select(r => new UiResourceTiming(r.GetProperty("name").GetString() ?? "", r.GetProperty("start").GetDouble(),
                    r.GetProperty("end").GetDouble(), r.GetProperty("bytes").GetDouble()))
                .ToList(),
            root.GetProperty("charts").EnumerateArray()
                .Select(c => new UiChartState(c.GetProperty("kind").GetString() ?? "", c.GetProperty("drawn").GetBoolean(), c.GetProperty("points").GetInt32()))
                .ToList(),
            root.GetProperty("rows").GetInt32(),
            root.GetProperty("trialCount").GetString() ?? "");
    }
}
