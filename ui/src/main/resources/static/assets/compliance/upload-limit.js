// Refuses a file larger than the registry's upload limit as soon as it is chosen. The server refuses it too (413),
// but only once the upload has been sent, and a browser may then show a reset connection instead of that answer.
document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[type=file][data-max-bytes]')) {
        return;
    }
    var limit = Number(input.getAttribute('data-max-bytes'));
    var file = input.files && input.files[0];
    var notice = document.getElementById(input.id + '-too-large');
    var message = '';
    if (file && limit > 0 && file.size > limit) {
        message = file.name + ' is larger than the registry accepts for an upload (' + input.getAttribute('data-limit-text')
            + '). Verify it offline with registry-cli instead.';
    }
    input.setCustomValidity(message);
    if (notice) {
        notice.textContent = message;
        notice.hidden = message === '';
    }
});
