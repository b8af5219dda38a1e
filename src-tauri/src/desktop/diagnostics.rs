//! "Copy diagnostics" (Help menu): app version, OS, mode, language, how many watches, and the
//! last errors the page was given, for a message to support. No key and no tid goes in: keys
//! are never read here, and [`redact`] blanks every tid the app knows of plus anything shaped
//! like an id or a key (a long token, or one mixing letters and digits).

use std::collections::VecDeque;
use std::sync::Mutex;

use tauri::{AppHandle, Manager, Runtime};

use crate::desk::Desk;

/// How many recent errors are kept.
const KEEP: usize = 20;

/// (when, code, message) of the last errors, oldest first.
static RECENT: Mutex<VecDeque<(String, String, String)>> = Mutex::new(VecDeque::new());

/// Keep an error the page was given (called as it crosses IPC; see `crate::error`).
pub fn remember(code: &str, message: &str) {
    let when = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    if recent.len() == KEEP {
        recent.pop_front();
    }
    recent.push_back((when, code.to_owned(), message.to_owned()));
}

fn recent_errors() -> Vec<(String, String, String)> {
    let recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    recent.iter().cloned().collect()
}

/// A token that could be an id or a key: long, or with both letters and digits, or a masked
/// key's tail (after `•`).
fn looks_secret(token: &str) -> bool {
    let letters = token.chars().any(|c| c.is_ascii_alphabetic());
    let digits = token.chars().filter(char::is_ascii_digit).count();
    token.len() >= 24 || (letters && digits > 0 && token.len() >= 5) || digits >= 5
}

/// `text` with every `known` string (tids, keys) and every secret-looking token replaced.
pub fn redact(text: &str, known: &[String]) -> String {
    let mut known: Vec<&String> = known.iter().filter(|k| k.len() >= 3).collect();
    known.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let mut text = text.to_owned();
    for k in known {
        text = text.replace(k.as_str(), "[tid]");
    }
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if looks_secret(token) {
            out.push_str("[redacted]");
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    let mut after_mask = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            token.push(c);
            continue;
        }
        if after_mask && !token.is_empty() {
            token.clear();
            out.push_str("[redacted]");
        } else {
            flush(&mut token, &mut out);
        }
        after_mask = c == '•';
        if !after_mask {
            out.push(c);
        }
    }
    if after_mask && !token.is_empty() {
        out.push_str("[redacted]");
    } else {
        flush(&mut token, &mut out);
    }
    out
}

/// The text "Copy diagnostics" puts on the clipboard.
pub async fn report<R: Runtime>(app: &AppHandle<R>) -> String {
    let desk = app.state::<Desk>();
    let status = desk.session().status().await;
    let watches = desk.watches();
    let pending = watches.iter().filter(|w| !w.is_final).count();
    let known: Vec<String> = watches
        .iter()
        .map(|w| w.tid.as_str().to_owned())
        .chain([
            ninjapay_sandbox::INVOICE_KEY.to_owned(),
            ninjapay_sandbox::ADMIN_KEY.to_owned(),
        ])
        .collect();
    let mode = match status.mode {
        ninjapay::Mode::Sandbox => "Sandbox",
        ninjapay::Mode::Live => "Live",
    };
    // Only what may carry ids is redacted: the lines above it are the app's own words.
    let mut lines = vec![
        format!("Ninjapay Desk {}", status.version),
        format!(
            "OS: {} {} ({})",
            std::env::consts::OS,
            std::env::consts::ARCH,
            std::env::consts::FAMILY
        ),
        format!(
            "Mode: {mode}{}",
            if status.mode_chosen { "" } else { " (default)" }
        ),
        format!("Language: {}", super::lang(app).tag()),
        format!("Keys kept in: {}", status.key_store),
        format!("Watches: {pending} pending, {} in all", watches.len()),
    ];
    if let Some(w) = status.settings_warning {
        lines.push(format!("Settings warning: {}", redact(&w, &known)));
    }
    let errors = recent_errors();
    lines.push(format!("Last errors ({}):", errors.len()));
    for (when, code, message) in errors {
        lines.push(format!("  {when} {code}: {}", redact(&message, &known)));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_keys_are_blanked_words_and_versions_stay() {
        let text = "No payment with tid 210N1 \
                    (key sk_live_abcdefghijklmnopqrstuvwxyz, masked ••••ab12, order 889912). \
                    Ninjapay Desk 2.10.3; admin_key_required";
        let out = redact(text, &["ord-77".into()]);
        for secret in ["210N1", "abcdefghijklmnop", "ab12", "889912"] {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
        for kept in ["No payment with tid", "2.10.3", "admin_key_required"] {
            assert!(out.contains(kept), "{kept} lost from {out}");
        }
        assert_eq!(
            redact("tid ord-77 ended", &["ord-77".into()]),
            "tid [tid] ended"
        );
    }
}
