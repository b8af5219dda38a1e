//! Every text the shell shows, as pure functions of the language (and a count or a mode), so a
//! test reads exactly what the tray, the title or a dialog would show. [`KEYS`] lists every
//! catalogue key used here; a test checks each exists in both catalogues.

use ninjapay_watch::{WatchKind, WatchStatus};

use crate::i18n::{t, word, Lang};
use crate::settings::Mode;

/// Every key of the `desktop` area the Rust side reads.
pub const KEYS: &[&str] = &[
    "desktop.title",
    "desktop.mode.sandbox",
    "desktop.mode.live",
    "desktop.menu.file",
    "desktop.menu.quit",
    "desktop.menu.view",
    "desktop.menu.home",
    "desktop.menu.vouchers",
    "desktop.menu.orders",
    "desktop.menu.lightning",
    "desktop.menu.widget",
    "desktop.menu.bridge",
    "desktop.menu.records",
    "desktop.menu.reports",
    "desktop.menu.settings",
    "desktop.menu.reload",
    "desktop.menu.help",
    "desktop.menu.about",
    "desktop.menu.log_folder",
    "desktop.menu.api_docs",
    "desktop.menu.copy_diagnostics",
    "desktop.tray.tooltip",
    "desktop.tray.open",
    "desktop.tray.watching",
    "desktop.tray.quit",
    "desktop.tray_notice.title",
    "desktop.tray_notice.body",
    "desktop.quit.title",
    "desktop.quit.message",
    "desktop.quit.confirm",
    "desktop.quit.cancel",
    "desktop.about.title",
    "desktop.about.version",
    "desktop.about.licence",
    "desktop.about.notices",
    "desktop.save.xlsx",
    "desktop.save.csv",
    "desktop.diagnostics.copied_title",
    "desktop.diagnostics.copied_body",
    "desktop.notify.title",
    "desktop.notify.kind.payment",
    "desktop.notify.kind.token",
    "desktop.notify.kind.quote",
    "desktop.notify.kind.voucher",
    "desktop.notify.kind.order",
    "desktop.notify.status.pending",
    "desktop.notify.status.paid",
    "desktop.notify.status.declined",
    "desktop.notify.status.success",
    "desktop.notify.status.failed",
    "desktop.notify.status.expired",
    "desktop.notify.status.refunded",
    "desktop.notify.status.redeemed",
    "desktop.notify.status.revoked",
    "desktop.notify.status.filled",
    "desktop.notify.status.still_pending",
    "desktop.notify.status.error",
    "desktop.notify.status.stopped",
];

/// "Sandbox" / "Live".
pub fn mode_name(lang: Lang, mode: Mode) -> String {
    word(
        lang,
        match mode {
            Mode::Sandbox => "desktop.mode.sandbox",
            Mode::Live => "desktop.mode.live",
        },
    )
}

/// The window title: "Ninjapay Desk — Sandbox" / "Ninjapay Desk — Live".
pub fn title(lang: Lang, mode: Mode) -> String {
    t(lang, "desktop.title", &[("mode", &mode_name(lang, mode))])
}

/// "3 payments being watched" (the tray's info line).
pub fn watching(lang: Lang, pending: usize) -> String {
    t(
        lang,
        "desktop.tray.watching",
        &[("count", &pending.to_string())],
    )
}

/// The first notice after the window was closed to the tray.
pub fn tray_notice(lang: Lang, pending: usize) -> (String, String) {
    (
        word(lang, "desktop.tray_notice.title"),
        t(
            lang,
            "desktop.tray_notice.body",
            &[("count", &pending.to_string())],
        ),
    )
}

/// The quit question: (title, message, quit button, cancel button).
pub fn quit_question(lang: Lang, pending: usize) -> [String; 4] {
    [
        word(lang, "desktop.quit.title"),
        t(
            lang,
            "desktop.quit.message",
            &[("count", &pending.to_string())],
        ),
        word(lang, "desktop.quit.confirm"),
        word(lang, "desktop.quit.cancel"),
    ]
}

fn kind_key(kind: WatchKind) -> &'static str {
    match kind {
        WatchKind::Payment => "desktop.notify.kind.payment",
        WatchKind::Token => "desktop.notify.kind.token",
        WatchKind::Quote => "desktop.notify.kind.quote",
        WatchKind::Voucher => "desktop.notify.kind.voucher",
        WatchKind::Order => "desktop.notify.kind.order",
    }
}

fn status_key(status: WatchStatus) -> &'static str {
    match status {
        WatchStatus::Pending => "desktop.notify.status.pending",
        WatchStatus::Paid => "desktop.notify.status.paid",
        WatchStatus::Declined => "desktop.notify.status.declined",
        WatchStatus::Success => "desktop.notify.status.success",
        WatchStatus::Failed => "desktop.notify.status.failed",
        WatchStatus::Expired => "desktop.notify.status.expired",
        WatchStatus::Refunded => "desktop.notify.status.refunded",
        WatchStatus::Redeemed => "desktop.notify.status.redeemed",
        WatchStatus::Revoked => "desktop.notify.status.revoked",
        WatchStatus::Filled => "desktop.notify.status.filled",
        WatchStatus::StillPending => "desktop.notify.status.still_pending",
        WatchStatus::Error => "desktop.notify.status.error",
        WatchStatus::Stopped => "desktop.notify.status.stopped",
    }
}

/// A final watch's notification title ("Payment paid"); the body (amounts, label, tid) is the
/// watcher's own, which carries no words of its own beyond a server's error message.
pub fn notification_title(lang: Lang, kind: WatchKind, status: WatchStatus) -> String {
    t(
        lang,
        "desktop.notify.title",
        &[
            ("what", &word(lang, kind_key(kind))),
            ("status", &word(lang, status_key(status))),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has;

    #[test]
    fn every_key_the_shell_uses_is_in_both_catalogues() {
        for key in KEYS {
            for lang in [Lang::EnIn, Lang::HiIn] {
                assert!(has(lang, key), "{key} missing in {}", lang.tag());
            }
        }
        // and the keys named through the kind/status tables are all listed above
        for kind in WatchKind::ALL {
            assert!(KEYS.contains(&kind_key(kind)));
        }
    }

    #[test]
    fn english_notification_titles_are_the_watchers_own_words() {
        use WatchStatus::*;
        for kind in WatchKind::ALL {
            for status in [
                Pending,
                Paid,
                Declined,
                Success,
                Failed,
                Expired,
                Refunded,
                Redeemed,
                Revoked,
                Filled,
                StillPending,
                Error,
                Stopped,
            ] {
                assert!(KEYS.contains(&status_key(status)));
                assert_eq!(
                    notification_title(Lang::EnIn, kind, status),
                    format!("{} {}", kind.label(), status.words())
                );
            }
        }
    }

    #[test]
    fn the_title_names_the_mode_in_each_language() {
        assert_eq!(title(Lang::EnIn, Mode::Sandbox), "Ninjapay Desk — Sandbox");
        assert_eq!(title(Lang::EnIn, Mode::Live), "Ninjapay Desk — Live");
        assert_ne!(title(Lang::HiIn, Mode::Live), title(Lang::EnIn, Mode::Live));
    }
}
