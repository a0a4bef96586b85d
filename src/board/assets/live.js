// Live refresh of the status board: the server says when its data changed (server-sent events),
// the page fetches its own fresh HTML and swaps the content in place (no reload, focus kept).
(() => {
  const source = document.body.dataset.events;
  const main = document.querySelector('main[data-marker]');
  const status = document.getElementById('live-status');
  if (!source || !main || !window.EventSource) return;
  let busy = false;
  let again = false;

  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const response = await fetch(window.location.href, { headers: { Accept: 'text/html' }, cache: 'no-store' });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      const nextMain = next.querySelector('main[data-marker]');
      if (!nextMain) return;
      main.innerHTML = nextMain.innerHTML;
      main.dataset.marker = nextMain.dataset.marker;
      const nextStatus = next.getElementById('live-status');
      if (status && nextStatus) status.textContent = nextStatus.textContent;
    } finally {
      busy = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  }

  const events = new EventSource(source);
  events.addEventListener('change', () => void refresh());
})();
