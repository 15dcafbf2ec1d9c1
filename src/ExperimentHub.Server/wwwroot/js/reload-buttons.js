// The reconnect dialog's "Reload the page" buttons. A file rather than onclick="..." attributes: the content security
// policy runs no inline script.
document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('[data-eh-reload]')) {
        window.location.reload();
    }
});
