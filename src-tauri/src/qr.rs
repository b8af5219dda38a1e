//! QR codes for invoices and voucher URLs, rendered as one SVG path the UI draws with
//! `createElementNS` (no markup from strings, no image files).

use qrcode::{EcLevel, QrCode};

/// Modules of white border around the code, as the QR spec asks.
const QUIET_ZONE: u32 = 4;

/// Encode `text` and return (grid size including the quiet zone, SVG path data with one
/// `M x y h1 v1 h-1 z` square per dark module, merged along rows).
pub fn svg_path(text: &str) -> Result<(u32, String), String> {
    if text.is_empty() {
        return Err("Nothing to encode in a QR code.".into());
    }
    // Medium error correction: invoices are long, and M keeps them scannable on a screen.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| format!("Too long for a QR code: {e}"))?;
    let width = code.width() as u32;
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[(y * width + x) as usize] == qrcode::Color::Dark {
                let start = x;
                while x < width && colors[(y * width + x) as usize] == qrcode::Color::Dark {
                    x += 1;
                }
                let (px, py) = (start + QUIET_ZONE, y + QUIET_ZONE);
                path.push_str(&format!("M{px} {py}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Ok((width + 2 * QUIET_ZONE, path))
}

// Tested through the `qr_svg` command (src-tauri/tests/commands.rs): the path is rasterised and
// read back with an independent QR decoder.
