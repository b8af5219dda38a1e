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

#[cfg(test)]
mod tests {
    use super::*;

    /// Rasterise the path back into a bitmap (the path is only `M x y h n v1 h-n z` runs).
    fn rasterise(size: u32, path: &str) -> Vec<bool> {
        let mut grid = vec![false; (size * size) as usize];
        for run in path.split('z').filter(|s| !s.is_empty()) {
            let run = run.trim_start_matches('M');
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (u32, u32) = (x.parse().unwrap(), y.parse().unwrap());
            let n: u32 = rest.split_once('v').unwrap().0.parse().unwrap();
            for dx in 0..n {
                grid[(y * size + x + dx) as usize] = true;
            }
        }
        grid
    }

    /// Decode what we drew with an independent QR reader: a scanner must read the same text.
    fn decode(size: u32, path: &str) -> String {
        let scale = 4;
        let grid = rasterise(size, path);
        let px = (size * scale) as usize;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            let (mx, my) = (x as u32 / scale, y as u32 / scale);
            if grid[(my * size + mx) as usize] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code in the picture");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_lightning_invoice_scans_back_to_itself() {
        let invoice = "lnbc10u1pjq8z5dpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpusp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9qyyssq";
        let (size, path) = svg_path(invoice).unwrap();
        assert_eq!(decode(size, &path), invoice);
    }

    #[test]
    fn a_voucher_url_scans_back_and_has_a_quiet_zone() {
        let url = "https://ninjapay.me/voucher/ABCD-1234";
        let (size, path) = svg_path(url).unwrap();
        assert_eq!(decode(size, &path), url);
        let grid = rasterise(size, &path);
        assert!(
            (0..size).all(|i| !grid[i as usize]),
            "top border row is blank"
        );
    }

    #[test]
    fn empty_and_oversized_texts_are_refused() {
        assert!(svg_path("").is_err());
        assert!(svg_path(&"x".repeat(5000))
            .unwrap_err()
            .contains("Too long"));
    }
}
