//! Every event the shell emits, with its payload, in one place (mirrored by `ui/js/events.js`).
//!
//! Events tell the UI that something changed; the UI reads the current state with a command
//! first and then listens, because events sent before a listener registers are lost.
//! Emit failures are logged, never propagated. No payload ever carries a key.
//!
//! All of them travel on one Tauri event, [`CHANNEL`], as `{event, payload}`: the page
//! subscribes once at start instead of once per name (each subscription is an IPC request and a
//! script run in the page; seven of them took a third of the page's boot).

use serde::Serialize;
use tauri::{Emitter, Runtime};

use crate::keys::KeyStatus;
use crate::settings::Mode;

/// The mode or a setting changed. Payload: [`SettingsChanged`].
pub const SETTINGS_CHANGED: &str = "settings://changed";
/// A key was saved, replaced or forgotten. Payload: [`KeyStatus`] (masked only).
pub const KEYS_CHANGED: &str = "keys://changed";
/// The in-process sandbox started. Payload: [`crate::ipc::SandboxInfo`].
pub const SANDBOX_STARTED: &str = "sandbox://started";
/// Something may have moved value (a write finished or its outcome is unknown, a watched
/// payment turned paid): balances should be read again. No payload.
pub const WALLET_CHANGED: &str = "wallet://changed";
/// A watch changed (checked, ended, stopped, paused, started again): `"watch://update"`.
/// Payload: [`ninjapay_watch::WatchUpdate`] (camelCase; read them all first with `watch_list`).
pub const WATCH_UPDATE: &str = ninjapay_watch::UPDATE_EVENT;
/// Background checks started or stopped being delayed by the request budget:
/// `"watch://budget"`. Payload: [`ninjapay_watch::BudgetNotice`].
pub const WATCH_BUDGET: &str = ninjapay_watch::BUDGET_EVENT;

/// The records (ledger) changed: a lookup, a create or a watch filed something new. No
/// payload; the Records and Reports views read again.
pub const LEDGER_CHANGED: &str = "ledger://changed";
/// A batch of lookups (add batches by tid, refresh open batches) moved on. Payload:
/// [`crate::jobs::Progress`].
pub const LEDGER_PROGRESS: &str = "ledger://progress";

/// A menu item or shortcut asks the page to show a screen: `"desk://navigate"`. Payload:
/// [`Navigate`] (the page turns it into its own `desk:navigate` DOM event).
pub const NAVIGATE: &str = "desk://navigate";

/// Every event name, for the mirror test.
pub const ALL: [&str; 9] = [
    SETTINGS_CHANGED,
    KEYS_CHANGED,
    SANDBOX_STARTED,
    WALLET_CHANGED,
    WATCH_UPDATE,
    WATCH_BUDGET,
    LEDGER_CHANGED,
    LEDGER_PROGRESS,
    NAVIGATE,
];

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsChanged {
    pub mode: Mode,
}

/// Which screen to show (`home`, `vouchers`, …, `settings`).
#[derive(Clone, Debug, Serialize)]
pub struct Navigate {
    pub view: String,
}

/// The one Tauri event every event above travels on, as [`Envelope`].
pub const CHANNEL: &str = "desk://event";

/// An event on [`CHANNEL`]: its name (one of [`ALL`]) and its payload.
#[derive(Clone, Debug, Serialize)]
pub struct Envelope<'a, P> {
    pub event: &'a str,
    pub payload: P,
}

/// Emit to every webview; log (do not propagate) a failure.
pub fn emit<R: Runtime, E: Emitter<R>, P: Serialize + Clone>(emitter: &E, name: &str, payload: P) {
    if let Err(e) = emitter.emit(
        CHANNEL,
        Envelope {
            event: name,
            payload,
        },
    ) {
        log::warn!("could not emit {name}: {e}");
    }
}

/// Listen (in Rust: tests, tools) to one event by name; `handler` gets its payload as JSON.
pub fn listen<R: Runtime, L: tauri::Listener<R>>(
    listener: &L,
    name: &'static str,
    handler: impl Fn(serde_json::Value) + Send + 'static,
) -> tauri::EventId {
    listener.listen_any(CHANNEL, move |e| {
        let Ok(mut envelope) = serde_json::from_str::<serde_json::Value>(e.payload()) else {
            return;
        };
        if envelope["event"] == name {
            handler(envelope["payload"].take());
        }
    })
}

pub fn keys_changed<R: Runtime, E: Emitter<R>>(emitter: &E, status: KeyStatus) {
    emit(emitter, KEYS_CHANGED, status);
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_event_name_is_mirrored_in_ui_js_events() {
        assert_eq!(super::WATCH_UPDATE, "watch://update");
        assert_eq!(super::WATCH_BUDGET, "watch://budget");
        let js = include_str!("../../ui/js/events.js");
        assert!(js.contains(&format!("'{}'", super::CHANNEL)), "the channel");
        for name in super::ALL {
            assert!(
                js.contains(&format!("'{name}'")),
                "{name} missing in ui/js/events.js"
            );
        }
    }
}
