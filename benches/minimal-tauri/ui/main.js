// One command on load, then report ready exactly as Ninjapay Desk's ui/js/main.js does.
const { invoke } = window.__TAURI__.core;
document.getElementById('out').textContent = await invoke('hello', { name: 'bench' });
invoke('ui_ready', { pageMs: performance.now() }).catch(() => {});
