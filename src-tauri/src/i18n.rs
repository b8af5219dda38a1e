//! The words the shell itself shows (menus, tray, window title, native dialogs, notifications),
//! from the same catalogues as the page (`ui/i18n/*.json`, area `"desktop"`), so a word has one
//! home. Rules match `ui/js/i18n.js`: dotted keys, `{name}` placeholders, plural messages as
//! objects of plural categories chosen by `count`, English when a message is missing.

use std::sync::OnceLock;

use serde_json::Value;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    EnIn,
    HiIn,
}

impl Lang {
    /// The catalogue's tag ("en-IN", "hi-IN").
    pub fn tag(self) -> &'static str {
        match self {
            Lang::EnIn => "en-IN",
            Lang::HiIn => "hi-IN",
        }
    }

    /// The chosen language ("en-IN", "hi-IN"), or the system's when `None` (as the page does).
    pub fn pick(chosen: Option<&str>) -> Lang {
        match chosen {
            Some("hi-IN") => Lang::HiIn,
            Some("en-IN") => Lang::EnIn,
            _ => Lang::system(),
        }
    }

    /// From `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set): Hindi for `hi…`, else English.
    pub fn system() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty());
        Lang::from_posix(var.as_deref().unwrap_or(""))
    }

    /// `hi_IN.UTF-8` → Hindi; anything else → English.
    pub fn from_posix(value: &str) -> Lang {
        let lower = value.to_ascii_lowercase();
        if lower == "hi" || lower.starts_with("hi_") || lower.starts_with("hi-") {
            Lang::HiIn
        } else {
            Lang::EnIn
        }
    }

    /// The plural category of `n` (CLDR: Hindi's "one" covers 0 and 1, English's only 1).
    fn category(self, n: u64) -> &'static str {
        match (self, n) {
            (Lang::HiIn, 0 | 1) | (Lang::EnIn, 1) => "one",
            _ => "other",
        }
    }
}

const EN: &str = include_str!("../../ui/i18n/en-IN.json");
const HI: &str = include_str!("../../ui/i18n/hi-IN.json");

fn catalogue(lang: Lang) -> &'static Value {
    static CATALOGUES: OnceLock<(Value, Value)> = OnceLock::new();
    let (en, hi) = CATALOGUES.get_or_init(|| {
        // Both files are checked by ui/tests/i18n.test.mjs; a broken one still leaves the keys.
        let parse = |s: &str| serde_json::from_str(s).unwrap_or(Value::Null);
        (parse(EN), parse(HI))
    });
    match lang {
        Lang::EnIn => en,
        Lang::HiIn => hi,
    }
}

fn lookup(lang: Lang, key: &str) -> Option<&'static Value> {
    key.split('.')
        .try_fold(catalogue(lang), |node, part| node.get(part))
}

fn pick(lang: Lang, message: &Value, count: Option<u64>) -> Option<String> {
    match message {
        Value::String(s) => Some(s.clone()),
        Value::Object(forms) => {
            let n = count.unwrap_or(0);
            forms
                .get(&format!("={n}"))
                .or_else(|| forms.get(lang.category(n)))
                .or_else(|| forms.get("other"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        }
        _ => None,
    }
}

/// True when `key` is a message (a string or a plural object) in `lang`'s own catalogue.
pub fn has(lang: Lang, key: &str) -> bool {
    match lookup(lang, key) {
        Some(Value::String(_)) => true,
        Some(Value::Object(forms)) => forms.get("other").is_some_and(Value::is_string),
        _ => false,
    }
}

/// The message `key` in `lang` with `{name}` placeholders filled from `vars` (a `count` var
/// also chooses the plural form). English when missing in `lang`; the key itself when missing
/// everywhere, so a gap shows rather than a blank.
pub fn t(lang: Lang, key: &str, vars: &[(&str, &str)]) -> String {
    let count = vars
        .iter()
        .find(|(k, _)| *k == "count")
        .and_then(|(_, v)| v.parse().ok());
    let text = lookup(lang, key)
        .and_then(|m| pick(lang, m, count))
        .or_else(|| lookup(Lang::EnIn, key).and_then(|m| pick(Lang::EnIn, m, count)))
        .unwrap_or_else(|| key.to_owned());
    vars.iter().fold(text, |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// [`t`] without placeholders.
pub fn word(lang: Lang, key: &str) -> String {
    t(lang, key, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_each_language() {
        let en = |n: &str| t(Lang::EnIn, "desktop.tray.watching", &[("count", n)]);
        assert_eq!(en("1"), "1 payment being watched");
        assert_eq!(en("2"), "2 payments being watched");
        assert_eq!(en("0"), "0 payments being watched");
        assert_eq!(Lang::HiIn.category(0), "one");
        assert_eq!(Lang::EnIn.category(0), "other");
        assert!(t(Lang::HiIn, "desktop.tray.watching", &[("count", "3")]).starts_with('3'));
    }

    #[test]
    fn a_missing_key_shows_itself() {
        assert_eq!(word(Lang::HiIn, "desktop.nope"), "desktop.nope");
    }

    #[test]
    fn system_language_from_posix_locale() {
        assert_eq!(Lang::from_posix("hi_IN.UTF-8"), Lang::HiIn);
        assert_eq!(Lang::from_posix("en_IN.UTF-8"), Lang::EnIn);
        assert_eq!(Lang::from_posix("C"), Lang::EnIn);
        assert_eq!(Lang::pick(Some("hi-IN")), Lang::HiIn);
    }
}
