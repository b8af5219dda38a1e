//! Records and reports (`ninjapay-ledger`): search everything this computer has seen, the voucher
//! liability as of a date, redemptions over time, bridge payouts, Lightning per day, exports of
//! any of them (CSV or Excel, through the save dialog), and lookups of many batches at once.
//!
//! Every query is scoped by what the page asks for, resolved here against the current mode:
//! `account` (the current server, the default), `mode` (every server of the current mode) or
//! `both` (Sandbox and Live together, only when the user picks it).

use ninjapay::{Account, Rule, Tid};
use ninjapay_ledger::{Bucket, Kind, Page, RecordHistory, RecordQuery, RecordRow, Scope, Table};
use serde::Deserialize;
use serde_json::Value;
use tauri::{AppHandle, Runtime, State};
use time::Date;

use super::parse_tid;
use crate::desk::Desk;
use crate::error::{AppError, AppResult};
use crate::jobs::JobKind;

/// The most tids one "Add batches" may hold.
const MAX_TIDS: usize = 5_000;

async fn scope(desk: &Desk, which: Option<&str>) -> AppResult<Scope> {
    let account = desk.session().account().await;
    Ok(match which.unwrap_or("account") {
        "account" => Scope::account(&account),
        "mode" => Scope::Mode {
            mode: account.mode(),
        },
        "both" => Scope::BothModes,
        other => {
            return Err(AppError::Validation(format!(
                "Unknown scope {other:?}: use account, mode or both."
            )))
        }
    })
}

fn date(field: &str, text: &str) -> AppResult<Date> {
    ninjapay_ledger::parse_date(text).map_err(|_| AppError::refused(field, Rule::Date, &[]))
}

/// The page's records query (camelCase fields of [`RecordQuery`] without `scope`), scoped.
async fn record_query(desk: &Desk, mut query: Value) -> AppResult<RecordQuery> {
    let which = query
        .get("scope")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let scope = scope(desk, which.as_deref()).await?;
    if let Value::Object(map) = &mut query {
        map.insert(
            "scope".into(),
            serde_json::to_value(scope).map_err(|e| AppError::Ledger(e.to_string()))?,
        );
    }
    serde_json::from_value(query).map_err(|e| AppError::Validation(format!("Invalid search: {e}")))
}

/// One page of records (search, filters, sort).
#[tauri::command]
pub async fn records(desk: State<'_, Desk>, query: Value) -> AppResult<Page<RecordRow>> {
    let q = record_query(&desk, query).await?;
    Ok(desk.books().ledger()?.records(&q)?)
}

/// One record's history of states (and a batch's codes).
#[tauri::command]
pub async fn record_history(
    desk: State<'_, Desk>,
    kind: Kind,
    tid: String,
    scope: Option<String>,
) -> AppResult<Vec<RecordHistory>> {
    let s = self::scope(&desk, scope.as_deref()).await?;
    Ok(desk.books().ledger()?.record_history(&s, kind, &tid)?)
}

/// A report's parameters, as the page sends them.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportParams {
    /// `liability`, `redemptions`, `payouts`, `lightning` or `records`.
    pub report: String,
    #[serde(default)]
    pub scope: Option<String>,
    /// Liability: the day (end of day, the user's time zone).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Reports over time: the first and last day.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// Redemptions: `day`, `week` or `month`.
    #[serde(default)]
    pub bucket: Option<Bucket>,
    /// The user's offset from UTC, in minutes.
    #[serde(default)]
    pub utc_offset_minutes: i32,
    /// Records: the search, as for `records` (all matching rows are exported).
    #[serde(default)]
    pub query: Option<Value>,
}

fn json<T: serde::Serialize>(value: &T) -> AppResult<Value> {
    serde_json::to_value(value).map_err(|e| AppError::Ledger(e.to_string()))
}

/// A report's result as JSON for the page, and as a table for an export.
async fn run_report(desk: &Desk, p: ReportParams) -> AppResult<(Value, Table)> {
    let ledger = desk.books().ledger()?;
    let offset = p.utc_offset_minutes;
    if p.report == "records" {
        let mut query = p.query.unwrap_or_else(|| Value::Object(Default::default()));
        if let (Value::Object(map), Some(s)) = (&mut query, &p.scope) {
            map.entry("scope")
                .or_insert_with(|| Value::String(s.clone()));
        }
        let mut q = record_query(desk, query).await?;
        q.page = 0;
        q.page_size = 0;
        let page = ledger.records(&q)?;
        return Ok((json(&page)?, page.to_table()));
    }
    let scope = scope(desk, p.scope.as_deref()).await?;
    let range = || -> AppResult<(Date, Date)> {
        let from = date("from", p.from.as_deref().unwrap_or_default())?;
        let to = date("to", p.to.as_deref().unwrap_or_default())?;
        if to < from {
            return Err(AppError::refused("to", Rule::RangeReversed, &[]));
        }
        Ok((from, to))
    };
    Ok(match p.report.as_str() {
        "liability" => {
            let as_of = date("asOf", p.as_of.as_deref().unwrap_or_default())?;
            let r = ledger.liability(&scope, as_of, offset)?;
            (json(&r)?, r.to_table())
        }
        "redemptions" => {
            let (from, to) = range()?;
            let bucket = p.bucket.unwrap_or(Bucket::Day);
            let r = ledger.redemptions(&scope, from, to, bucket, offset)?;
            (json(&r)?, r.to_table())
        }
        "payouts" => {
            let (from, to) = range()?;
            let r = ledger.payouts(&scope, from, to, offset)?;
            (json(&r)?, r.to_table())
        }
        "lightning" => {
            let (from, to) = range()?;
            let r = ledger.lightning_per_day(&scope, from, to, offset)?;
            (json(&r)?, r.to_table())
        }
        other => {
            return Err(AppError::Validation(format!(
                "Unknown report {other:?}: liability, redemptions, payouts, lightning or records."
            )))
        }
    })
}

/// A report (liability, redemptions, payouts, lightning).
#[tauri::command]
pub async fn report(desk: State<'_, Desk>, params: ReportParams) -> AppResult<Value> {
    Ok(run_report(&desk, params).await?.0)
}

/// Export a report or the records search as `csv` or `xlsx`, through the save dialog (or the
/// export folder). Built off the async threads (100,000 rows take seconds). Returns the path,
/// or `None` when cancelled.
#[tauri::command]
pub async fn export_report<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    params: ReportParams,
    format: String,
) -> AppResult<Option<String>> {
    let offset = params.utc_offset_minutes;
    let name = params.report.clone();
    let (_, table) = run_report(&desk, params).await?;
    let xlsx = match format.as_str() {
        "csv" => false,
        "xlsx" => true,
        other => {
            return Err(AppError::Validation(format!(
                "Export as csv or xlsx, not {other:?}."
            )))
        }
    };
    let bytes = tokio::task::spawn_blocking(move || -> AppResult<Vec<u8>> {
        if xlsx {
            Ok(ninjapay_ledger::xlsx_bytes(&table, offset)?)
        } else {
            Ok(ninjapay_ledger::csv_bytes(&table, offset))
        }
    })
    .await
    .map_err(|e| AppError::Export(format!("The export failed: {e}")))??;
    super::ui::save_as(&app, &format!("ninjapay-{name}"), &format, &bytes).await
}

/// Import the page's old "Recent activity" list (kept in its local storage) into the records,
/// once. True when it was imported now.
///
/// Each entry of that list carries the mode it was made in, and the list holds both modes'
/// entries: a Sandbox entry is filed under the sandbox and a Live one under the live server in
/// effect, whichever mode the app is in now, so the two never mix. An entry without a mode
/// (kept before entries had one) goes under the current account. The page reads the records
/// again when this returns true.
#[tauri::command]
pub async fn import_recent(desk: State<'_, Desk>, json: String) -> AppResult<bool> {
    let current = desk.session().account().await;
    let settings = desk.session().settings();
    let live = Account::live(&settings.api_url().url, &settings.prod_url().url);
    let groups = recent_by_account(&json, &current, &live)?;
    desk.books().import_recent_activity(&groups)
}

/// The old recent-activity list split by the account each entry belongs to (by its `mode`),
/// as JSON arrays, in the order the accounts first appear.
fn recent_by_account(
    json: &str,
    current: &Account,
    live: &Account,
) -> AppResult<Vec<(Account, String)>> {
    let entries: Vec<Value> = serde_json::from_str(json).map_err(|e| {
        AppError::Validation(format!("The recent-activity list is not readable: {e}"))
    })?;
    let mut groups: Vec<(Account, Vec<Value>)> = Vec::new();
    for entry in entries {
        let account = match entry.get("mode").and_then(Value::as_str) {
            Some("sandbox") => Account::Sandbox,
            Some("live") => live.clone(),
            _ => current.clone(),
        };
        match groups.iter_mut().find(|(a, _)| *a == account) {
            Some((_, list)) => list.push(entry),
            None => groups.push((account, vec![entry])),
        }
    }
    Ok(groups
        .into_iter()
        .map(|(account, list)| (account, Value::Array(list).to_string()))
        .collect())
}

/// Look up pasted tids as voucher batches (in the background, inside the request budget) and
/// add them to the records. Progress arrives as `ledger://progress`; returns the job id.
#[tauri::command]
pub async fn add_batches<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    tids: Vec<String>,
) -> AppResult<u64> {
    let mut parsed: Vec<Tid> = Vec::new();
    for raw in tids.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let tid = parse_tid(raw)?;
        if !parsed.contains(&tid) {
            parsed.push(tid);
        }
    }
    if parsed.is_empty() {
        return Err(AppError::refused("tids", Rule::TidsNone, &[]));
    }
    if parsed.len() > MAX_TIDS {
        return Err(AppError::refused(
            "tids",
            Rule::TidsTooMany,
            &[
                ("max", &MAX_TIDS.to_string()),
                ("given", &parsed.len().to_string()),
            ],
        ));
    }
    start(app, &desk, JobKind::Add, parsed).await
}

/// Check every voucher batch of the current account that can still change.
#[tauri::command]
pub async fn refresh_open_batches<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
) -> AppResult<u64> {
    let account = desk.session().account().await;
    let open = desk
        .books()
        .ledger()?
        .open_batches(&Scope::account(&account))?;
    let tids = open.into_iter().map(|b| b.tid).collect();
    start(app, &desk, JobKind::Refresh, tids).await
}

async fn start<R: Runtime>(
    app: AppHandle<R>,
    desk: &Desk,
    kind: JobKind,
    tids: Vec<Tid>,
) -> AppResult<u64> {
    let (account, client) = desk.session().current().await?;
    Ok(desk.jobs().start(
        app,
        std::sync::Arc::clone(desk.books()),
        account,
        client,
        kind,
        tids,
    ))
}

/// Stop a lookup job before its next lookup.
#[tauri::command]
pub fn cancel_job(desk: State<'_, Desk>, job: u64) -> bool {
    desk.jobs().cancel(job)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn old_recent_entries_go_to_the_account_of_their_mode() {
        let live = Account::live("https://api.ninjapay.me", "https://prod.ninjapay.me");
        let list = json!([
            {"kind": "voucher", "tid": "S1", "mode": "sandbox"},
            {"kind": "payment", "tid": "L1", "mode": "live"},
            {"kind": "order", "tid": "S2", "mode": "sandbox"},
            {"kind": "quote", "tid": "OLD1"},
        ])
        .to_string();
        // In Live mode: the Sandbox entries still go to the sandbox.
        let groups = recent_by_account(&list, &live, &live).unwrap();
        let tids = |g: &(Account, String)| -> Vec<String> {
            serde_json::from_str::<Vec<Value>>(&g.1)
                .unwrap()
                .iter()
                .map(|e| e["tid"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, Account::Sandbox);
        assert_eq!(tids(&groups[0]), ["S1", "S2"]);
        assert_eq!(groups[1].0, live);
        assert_eq!(tids(&groups[1]), ["L1", "OLD1"]);
        // In Sandbox mode an entry without a mode is the sandbox's.
        let groups = recent_by_account(&list, &Account::Sandbox, &live).unwrap();
        assert_eq!(tids(&groups[0]), ["S1", "S2", "OLD1"]);
        assert!(recent_by_account("not json", &live, &live).is_err());
        assert!(recent_by_account("[]", &live, &live).unwrap().is_empty());
    }
}
