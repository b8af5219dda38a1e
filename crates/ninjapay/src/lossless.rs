//! Keeping every number exactly as the server wrote it.
//!
//! `serde_json` parses a JSON number into an `f64` (or an integer) before any of our types see
//! it, which would turn `0.00001000` into `1e-5` and route money through floating point. Rather
//! than switch on `serde_json/arbitrary_precision` (a workspace-wide feature that breaks
//! `#[serde(flatten)]`), the body text is rewritten first: every number token outside a string
//! becomes a string holding the same digits. All decoders in [`crate::de`] accept numbers as
//! strings, so `Decimal`s keep the exact text and scale that was sent.

/// Rewrites `text` so that each JSON number token is wrapped in quotes.
///
/// The input does not have to be valid JSON: anything the scanner does not recognise is copied
/// as it is, and the JSON parser that runs afterwards reports the error.
pub(crate) fn quote_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut copied_to = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip over a string, honouring backslash escapes.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < bytes.len()
                    && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    i += 1;
                }
                out.push_str(&text[copied_to..start]);
                out.push('"');
                out.push_str(&text[start..i]);
                out.push('"');
                copied_to = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied_to.min(text.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::quote_numbers;

    #[test]
    fn numbers_become_strings_with_their_exact_digits() {
        let text = r#"{"amount": 0.00001000, "n": -12, "e": 1.5e-3, "s": "a 12 \" 3", "b": true, "z": null, "a": [1,2]}"#;
        assert_eq!(
            quote_numbers(text),
            r#"{"amount": "0.00001000", "n": "-12", "e": "1.5e-3", "s": "a 12 \" 3", "b": true, "z": null, "a": ["1","2"]}"#
        );
    }

    #[test]
    fn truncated_input_is_copied_without_panicking() {
        assert_eq!(
            quote_numbers(r#"{"a": "unterminated"#),
            r#"{"a": "unterminated"#
        );
        assert_eq!(quote_numbers(r#"{"a": 12"#), r#"{"a": "12""#);
        assert_eq!(quote_numbers(""), "");
    }
}
