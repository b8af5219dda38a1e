//! About Ninjapay Desk: version, licence and the open-source notices, in a native dialog. The
//! notices are the list `src-tauri/notices/generate.py` writes from Cargo metadata (the direct
//! dependencies, their versions and declared licences), built into the binary.

use tauri::{AppHandle, Manager, Runtime};

use crate::i18n::{t, word, Lang};

/// The generated list of direct dependencies and their licences.
pub const NOTICES: &str = include_str!("../../notices/THIRD-PARTY.txt");

/// (title, body) of the About dialog.
pub fn text(lang: Lang) -> (String, String) {
    let body = format!(
        "{}\n{}\n\n{}\n{}",
        t(
            lang,
            "desktop.about.version",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        t(
            lang,
            "desktop.about.licence",
            &[("licence", env!("CARGO_PKG_LICENSE"))]
        ),
        word(lang, "desktop.about.notices"),
        NOTICES.trim_end()
    );
    (word(lang, "desktop.about.title"), body)
}

/// Show it (needs the dialog plugin; without it, only logged).
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    use tauri_plugin_dialog::MessageDialogKind;
    let (title, body) = text(super::lang(app));
    match app.try_state::<tauri_plugin_dialog::Dialog<R>>() {
        Some(dialog) => dialog
            .message(body)
            .title(title)
            .kind(MessageDialogKind::Info)
            .show(|_| {}),
        None => log::info!("{title}\n{body}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn about_names_version_licence_and_the_main_crates() {
        let (title, body) = super::text(crate::i18n::Lang::EnIn);
        assert_eq!(title, "About Ninjapay Desk");
        assert!(body.contains(&format!("Version {}", env!("CARGO_PKG_VERSION"))));
        assert!(body.contains("Licence: MIT"));
        assert!(body.contains("tauri 2."), "{body}");
    }
}
