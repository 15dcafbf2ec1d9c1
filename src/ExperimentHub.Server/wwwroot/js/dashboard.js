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
