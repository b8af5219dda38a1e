//! CSV and xlsx exports: the formula guard, BOM and CRLF, exact numbers, numbers as numbers and
//! dates as dates in xlsx.

use std::io::Read;

use ninjapay::{Decimal, Voucher};
use ninjapay_ledger::{
    csv_bytes, guarded, safe_file_name, voucher_table, xlsx_bytes, Cell, Column, ColumnKind, Table,
    VOUCHER_HEADER,
};
use serde_json::json;

#[test]
fn formula_looking_text_is_defused_and_numbers_are_not() {
    for bad in [
        "=1+1",
        "+91 98765",
        "-2+3",
        "@SUM(A1)",
        "  =HYPERLINK(\"x\")",
        "\u{3000}=1",
        "＝1+1",
        "＋1",
        "－1",
        "＠x",
        "\tx",
        "\rx",
    ] {
        assert!(guarded(bad).starts_with('\''), "{bad:?}");
    }
    for fine in ["Diwali", "alice@upi", "1-2", ""] {
        assert_eq!(guarded(fine), fine);
    }
    let t = Table {
        name: "t".into(),
        columns: vec![
            Column::new("a", ColumnKind::Amount),
            Column::new("b", ColumnKind::Text),
            Column::new("=c", ColumnKind::Sats),
        ],
        rows: vec![vec![
            Cell::Number(Decimal::new(-5, 1)),
            Cell::Text("=cmd|' /C calc'!A0".into()),
            Cell::Integer(-7),
        ]],
    };
    let text = String::from_utf8(csv_bytes(&t, 0)).unwrap();
    assert_eq!(text, "\u{feff}a,b,'=c\r\n-0.5,'=cmd|' /C calc'!A0,-7\r\n");
}

fn diwali() -> Voucher {
    serde_json::from_value(json!({
        "tid": "210N66027HB789", "amount": "0.00001", "title": "Diwali, \"big\" sale",
        "voucher_urls": [
            {"voucher_url": "https://www.ninjapay.me/voucher/redeem/7ee15185", "voucher_code": "7ee15185",
             "redeemed_by": "ninjatagUsername", "redeemed_tid": "128660213994", "redeemed_at": "1714912928",
             "callback_status": "201"},
            {"voucher_url": "https://www.ninjapay.me/voucher/redeem/39e11981h"}
        ]
    }))
    .unwrap()
}

#[test]
fn a_voucher_batch_row_per_code_exactly_as_the_shell_exported_it() {
    let text = String::from_utf8(csv_bytes(&voucher_table(&diwali()), 330)).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], VOUCHER_HEADER.join(","));
    assert_eq!(
        lines[1],
        "210N66027HB789,\"Diwali, \"\"big\"\" sale\",7ee15185,https://www.ninjapay.me/voucher/redeem/7ee15185,redeemed,0.00001000,1000,ninjatagUsername,128660213994,2024-05-05T12:42:08Z,2024-05-05 18:12:08 +05:30,201"
    );
    assert!(
        lines[2].contains(",39e11981h,") && lines[2].contains(",open,"),
        "{}",
        lines[2]
    );
}

#[test]
fn file_names_stay_one_component() {
    assert_eq!(
        safe_file_name("vouchers-210N66027HB789", "csv"),
        "vouchers-210N66027HB789.csv"
    );
    assert_eq!(
        safe_file_name("../../etc/passwd", "csv"),
        "_.._etc_passwd.csv"
    );
    assert_eq!(safe_file_name("", "xlsx"), "export.xlsx");
    assert_eq!(safe_file_name("report.XLSX", ".xlsx"), "report.XLSX");
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

/// The `<c>` element of a cell, e.g. `F2`.
fn cell_xml<'a>(sheet: &'a str, r: &str) -> &'a str {
    let start = sheet
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("no {r}"));
    let end = start + sheet[start..].find("</c>").unwrap();
    &sheet[start..end]
}

#[test]
fn xlsx_has_numbers_as_numbers_and_dates_as_dates() {
    let t = Table {
        name: "Payouts: 2024/05".into(),
        columns: vec![
            Column::new("title", ColumnKind::Text),
            Column::new("btc", ColumnKind::Btc),
            Column::new("sats", ColumnKind::Sats),
            Column::new("inr", ColumnKind::Inr),
            Column::new("at", ColumnKind::DateTime),
            Column::new("day", ColumnKind::Date),
        ],
        rows: vec![vec![
            Cell::Text("=1+1".into()),
            Cell::Number("0.00001000".parse().unwrap()),
            Cell::Integer(1_000),
            Cell::Number("1234567.8".parse().unwrap()),
            Cell::Time(1_714_912_928),
            Cell::Date(time::macros::date!(2024 - 05 - 05)),
        ]],
    };
    let bytes = xlsx_bytes(&t, 330).unwrap();
    let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml");
    let styles = unzip(&bytes, "xl/styles.xml");
    let strings = unzip(&bytes, "xl/sharedStrings.xml");
    let book = unzip(&bytes, "xl/workbook.xml");
    // Text is a shared string, never a formula.
    assert!(cell_xml(&sheet, "A2").contains("t=\"s\""));
    assert!(!sheet.contains("<f>"));
    assert!(strings.contains("=1+1"));
    // Numbers are numbers.
    assert!(
        cell_xml(&sheet, "B2").contains("<v>1E-5</v>")
            || cell_xml(&sheet, "B2").contains("<v>0.00001</v>"),
        "{}",
        cell_xml(&sheet, "B2")
    );
    assert!(cell_xml(&sheet, "C2").contains("<v>1000</v>"));
    assert!(cell_xml(&sheet, "D2").contains("<v>1234567.8</v>"));
    // 2024-05-05 12:42:08 UTC is 18:12:08 IST: serial 45417 + 18:12:08.
    let e2 = cell_xml(&sheet, "E2");
    let serial: f64 = e2
        .split("<v>")
        .nth(1)
        .unwrap()
        .split("</v>")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let expect = 45_417.0 + (18.0 * 3600.0 + 12.0 * 60.0 + 8.0) / 86_400.0;
    assert!((serial - expect).abs() < 1e-6, "{e2}");
    assert!(cell_xml(&sheet, "F2").contains("<v>45417</v>"));
    for f in [
        "0.00000000",
        "#,##0",
        "yyyy-mm-dd hh:mm:ss",
        "yyyy-mm-dd",
        r"[&gt;=10000000]##\,##\,##\,##0.00;[&gt;=100000]##\,##\,##0.00;##,##0.00",
    ] {
        assert!(
            styles.contains(&format!("formatCode=\"{f}\"")),
            "{f} not in {styles}"
        );
    }
    // The offset is named in the time column's header; the sheet name is a legal one.
    assert!(strings.contains("at (UTC+05:30)"), "{strings}");
    assert!(book.contains("name=\"Payouts- 2024-05\""), "{book}");

    // A negative ₹ amount gets a one-section format (its minus sign shown), grouped by size.
    let mut t = Table::new("neg", vec![Column::new("inr", ColumnKind::Inr)]);
    t.rows
        .push(vec![Cell::Number("-1234567.8".parse().unwrap())]);
    t.rows.push(vec![Cell::Number("-5".parse().unwrap())]);
    let bytes = xlsx_bytes(&t, 0).unwrap();
    let styles = unzip(&bytes, "xl/styles.xml");
    assert!(
        styles.contains(r###"formatCode="##\,##\,##0.00""###),
        "{styles}"
    );
    assert!(styles.contains(r##"formatCode="#,##0.00""##), "{styles}");
    assert!(
        !styles.contains("&gt;=10000000"),
        "the conditional format is for amounts >= 0"
    );
}
