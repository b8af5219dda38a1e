//! Which account a record belongs to, and which records a view may show.
//!
//! An account row is one wallet at one server: the mode, the two base URLs (empty for the
//! sandbox, whose ports change at every start) and the wallet's ninjatag (empty until the
//! shell learns it from Wallet Info and calls [`crate::Ledger::set_ninjatag`]). New records of a
//! server are filed under its *active* wallet.

use ninjapay::{Account, Mode};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Which records a query covers. Sandbox records never show among Live ones (or the other
/// way round) unless the caller asks for [`Scope::BothModes`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "camelCase")]
pub enum Scope {
    /// One server's records: every wallet seen there, or only `ninjatag`'s.
    Account {
        /// The server.
        account: Account,
        /// One wallet only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ninjatag: Option<String>,
    },
    /// Every account of one mode.
    Mode {
        /// Sandbox or Live.
        mode: Mode,
    },
    /// Sandbox and Live together: only when the user asked for both.
    BothModes,
}

impl Scope {
    /// Every wallet at this server.
    pub fn account(account: &Account) -> Scope {
        Scope::Account {
            account: account.clone(),
            ninjatag: None,
        }
    }

    /// One wallet at this server.
    pub fn wallet(account: &Account, ninjatag: &str) -> Scope {
        Scope::Account {
            account: account.clone(),
            ninjatag: Some(clean_tag(ninjatag)),
        }
    }

    /// Every account of a mode.
    pub fn mode(mode: Mode) -> Scope {
        Scope::Mode { mode }
    }
}

impl From<&Account> for Scope {
    fn from(account: &Account) -> Scope {
        Scope::account(account)
    }
}

/// The account a record belongs to, as shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountInfo {
    /// Sandbox or Live.
    pub mode: Mode,
    /// The server (`{"mode":"sandbox"}` or the live base URLs).
    pub account: Account,
    /// The wallet's ninjatag, when known.
    pub ninjatag: Option<String>,
}

impl AccountInfo {
    /// Reads `mode, api_url, prod_url, ninjatag` from four columns of `row` starting at `first`.
    pub(crate) fn from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<AccountInfo> {
        Ok(AccountInfo::from_parts(
            &row.get::<_, String>(first)?,
            row.get(first + 1)?,
            row.get(first + 2)?,
            row.get(first + 3)?,
        ))
    }

    fn from_parts(mode: &str, api: String, prod: String, tag: String) -> AccountInfo {
        let account = if mode == "live" {
            Account::Live {
                api_url: api,
                prod_url: prod,
            }
        } else {
            Account::Sandbox
        };
        AccountInfo {
            mode: account.mode(),
            account,
            ninjatag: (!tag.is_empty()).then_some(tag),
        }
    }
}

fn parts(account: &Account) -> (&'static str, &str, &str) {
    match account {
        Account::Sandbox => ("sandbox", "", ""),
        Account::Live { api_url, prod_url } => ("live", api_url.as_str(), prod_url.as_str()),
    }
}

/// A ninjatag as stored: trimmed, without a leading `@`.
pub(crate) fn clean_tag(tag: &str) -> String {
    tag.trim().trim_start_matches('@').trim().to_owned()
}

/// The account row new records of `account` go to (created on first use).
pub(crate) fn active_id(conn: &Connection, account: &Account, now: i64) -> Result<i64> {
    let (mode, api, prod) = parts(account);
    let found = conn
        .prepare_cached(
            "SELECT id FROM accounts WHERE mode = ?1 AND api_url = ?2 AND prod_url = ?3
             ORDER BY active DESC, ninjatag = '' DESC, id LIMIT 1",
        )?
        .query_row(params![mode, api, prod], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO accounts (mode, api_url, prod_url, ninjatag, active, first_seen_at)
         VALUES (?1, ?2, ?3, '', 1, ?4)",
        params![mode, api, prod, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Makes `tag` (or "not known yet" for `None`) the active wallet of `account`. Records filed
/// while the wallet was not known are adopted by the first ninjatag set after them.
pub(crate) fn set_ninjatag(
    conn: &Connection,
    account: &Account,
    tag: Option<&str>,
    now: i64,
) -> Result<()> {
    let (mode, api, prod) = parts(account);
    let tag = tag.map(clean_tag).unwrap_or_default();
    let id_of = |t: &str| -> Result<Option<i64>> {
        Ok(conn
            .query_row(
                "SELECT id FROM accounts WHERE mode = ?1 AND api_url = ?2 AND prod_url = ?3
                 AND ninjatag = ?4",
                params![mode, api, prod, t],
                |r| r.get(0),
            )
            .optional()?)
    };
    let untagged = id_of("")?;
    let target = match (id_of(&tag)?, untagged) {
        (Some(id), Some(u)) if !tag.is_empty() => {
            // Adopt what was filed before the wallet was known (a tid already present under
            // the wallet stays where it was).
            conn.execute(
                "UPDATE OR IGNORE records SET account_id = ?1 WHERE account_id = ?2",
                params![id, u],
            )?;
            id
        }
        (Some(id), _) => id,
        (None, Some(u)) if !tag.is_empty() => {
            conn.execute(
                "UPDATE accounts SET ninjatag = ?1 WHERE id = ?2",
                params![tag, u],
            )?;
            u
        }
        (None, _) => {
            conn.execute(
                "INSERT INTO accounts (mode, api_url, prod_url, ninjatag, active, first_seen_at)
                 VALUES (?1, ?2, ?3, ?4, 0, ?5)",
                params![mode, api, prod, tag, now],
            )?;
            conn.last_insert_rowid()
        }
    };
    conn.execute(
        "UPDATE accounts SET active = (id = ?1) WHERE mode = ?2 AND api_url = ?3 AND prod_url = ?4",
        params![target, mode, api, prod],
    )?;
    Ok(())
}

/// The account rows a scope covers.
pub(crate) fn scope_ids(conn: &Connection, scope: &Scope) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    match scope {
        Scope::Account { account, ninjatag } => {
            let (mode, api, prod) = parts(account);
            let mut st = conn.prepare_cached(
                "SELECT id, ninjatag FROM accounts WHERE mode = ?1 AND api_url = ?2 AND prod_url = ?3",
            )?;
            let rows = st.query_map(params![mode, api, prod], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            let want = ninjatag.as_deref().map(clean_tag);
            for row in rows {
                let (id, tag) = row?;
                if want.as_ref().is_none_or(|w| *w == tag) {
                    ids.push(id);
                }
            }
        }
        Scope::Mode { mode } => {
            let mut st = conn.prepare_cached("SELECT id FROM accounts WHERE mode = ?1")?;
            for id in st.query_map([mode.as_str()], |r| r.get(0))? {
                ids.push(id?);
            }
        }
        Scope::BothModes => {
            let mut st = conn.prepare_cached("SELECT id FROM accounts")?;
            for id in st.query_map([], |r| r.get(0))? {
                ids.push(id?);
            }
        }
    }
    Ok(ids)
}

/// `(1,2,3)` for an `IN` list (ids are integers from the database; `(NULL)` when empty, which
/// matches nothing).
pub(crate) fn in_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        return "(NULL)".to_owned();
    }
    let parts: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("({})", parts.join(","))
}

/// Every account row, for a picker.
pub(crate) fn all(conn: &Connection) -> Result<Vec<AccountInfo>> {
    let mut st = conn.prepare_cached(
        "SELECT mode, api_url, prod_url, ninjatag FROM accounts ORDER BY mode, api_url, ninjatag",
    )?;
    let rows = st.query_map([], |r| AccountInfo::from_row(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
