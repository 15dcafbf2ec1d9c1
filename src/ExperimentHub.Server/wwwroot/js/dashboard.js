// The dashboard's few browser-side needs that Blazor cannot reach: a remembered theme and a file download.
// Imported lazily by the components that use it; nothing is put on window.

const themeKey = 'experimenthub.theme';

/** "dark", "light", or null when the user never chose (the system setting applies). */
export function loadTheme() {
    try {
        const value = localStorage.getItem(themeKey);
        return value === 'dark' || value === 'light' ? value : null;
    } catch {
        return null;
    }
}

export function saveTheme(value) {
    try {
        localStorage.setItem(themeKey, value);
    } catch {
        // Storage off (private mode): the choice lasts for this page only.
    }
}

/** Saves text as a file through a temporary link. */
export function downloadText(fileName, mimeType, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads a (streamed) file with progress: fetches it with the page's cookie, reports bytes received and the share
 * done to `progress` (a .NET object with Progress(bytes, fraction)) at most four times a second, then saves it. The
 * server names the number of rows in X-Catalog-Runs; the line breaks received so far estimate the rows done (exact
 * for JSON Lines, close for CSV; none for Parquet, whose share stays unknown, -1, until the end).
 */
export async function downloadWithProgress(url, fileName, progress) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) {
        let detail = response.statusText;
        try {
            const problem = await response.json();
            detail = problem.detail || problem.title || detail;
        } catch {
            // Not a problem document.
        }
        throw new Error(`${response.status}: ${detail}`);
    }
    const total = Number(response.headers.get('X-Catalog-Runs') ?? '-1');
    const countsLines = !fileName.endsWith('.parquet');
    const reader = response.body.getReader();
    const chunks = [];
    let bytes = 0;
    let lines = 0;
    let reported = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) {
            break;
        }
        chunks.push(value);
        bytes += value.length;
        if (countsLines) {
            for (let i = 0; i < value.length; i++) {
                if (value[i] === 10) {
                    lines++;
                }
            }
        }
        const now = performance.now();
        if (now - reported > 250) {
            reported = now;
            // The CSV's header line is not a run; a share is never reported as complete before the end.
            const rows = fileName.endsWith('.csv') ? lines - 1 : lines;
            const fraction = countsLines && total > 0 ? Math.min(0.99, Math.max(0, rows) / total) : -1;
            await progress.invokeMethodAsync('Progress', bytes, fraction);
        }
    }
    const blobUrl = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = blobUrl;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(blobUrl), 0);
    await progress.invokeMethodAsync('Progress', bytes, 1);
    return bytes;
}
