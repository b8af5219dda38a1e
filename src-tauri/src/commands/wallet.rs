//! The BTC / Lightning wallet (`api` host, `/lapi/v1`).

use ninjapay::reconcile::Attempt;
use ninjapay::{
    Client, DecodedInvoice, Payment, PaymentFigures, ReceiveRequest, SendReceipt, SendRequest,
    WalletInfo,
};
use ninjapay_ledger::{Origin, Seen};
use ninjapay_watch::WatchRequest;
use tauri::{AppHandle, Runtime, State};

use super::{body, look_up, parse_tid, write, File};
use crate::desk::Desk;
use crate::error::{AppError, AppResult};
use crate::ipc::WithFigures;

/// Default number of payments `history` returns.
const DEFAULT_HISTORY: u32 = 20;
/// How far back an unknown outcome is looked for.
const LOOK_BACK: u32 = 50;

/// A payment with its direction and unsigned amount.
pub type PaymentView = WithFigures<Payment, PaymentFigures>;

fn view(p: Payment) -> PaymentView {
    let figures = p.figures();
    WithFigures { record: p, figures }
}

/// Wallet name and balance.
#[tauri::command]
pub async fn wallet_info(desk: State<'_, Desk>) -> AppResult<WalletInfo> {
    let (account, client) = desk.session().current().await?;
    let info = client.wallet_info().await?;
    // New records of this account belong to this wallet.
    desk.books()
        .set_ninjatag(&account, info.ninjatag.as_deref());
    Ok(info)
}

/// Create a payment request (BOLT11 invoice), and watch it until paid.
#[tauri::command]
pub async fn receive<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<PaymentView> {
    let request: ReceiveRequest = body(request)?;
    let send = |c: Client| async move { c.receive(&request).await };
    let (account, payment) = write(&app, &desk, send, |p, file| file(Seen::Payment(p))).await?;
    desk.auto_watch(WatchRequest::payment(account, &payment))
        .await;
    Ok(view(payment))
}

/// One payment's state.
#[tauri::command]
pub async fn check_payment(desk: State<'_, Desk>, tid: String) -> AppResult<PaymentView> {
    let tid = parse_tid(&tid)?;
    let fetch = |c: Client| async move { c.check_payment(&tid).await };
    Ok(view(
        look_up(&desk, fetch, |p, file| file(Seen::Payment(p)))
            .await?
            .1,
    ))
}

/// Pay a Lightning invoice or a ninjatag (Admin key). Sent once, never retried.
#[tauri::command]
pub async fn send<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<SendReceipt> {
    let request: SendRequest = body(request)?;
    let sent = &request;
    let send = |c: Client| async move { c.send(sent).await };
    let seen = |receipt: &SendReceipt, file: File| {
        file(Seen::Sent {
            receipt,
            request: &request,
        })
    };
    Ok(write(&app, &desk, send, seen).await?.1)
}

/// The latest payments, with their directions.
#[tauri::command]
pub async fn history(desk: State<'_, Desk>, limit: Option<u32>) -> AppResult<Vec<PaymentView>> {
    let limit = limit.unwrap_or(DEFAULT_HISTORY);
    let (account, client) = desk.session().current().await?;
    let list = client.history(limit).await?;
    let seen: Vec<Seen<'_>> = list.iter().map(Seen::Payment).collect();
    desk.books().file(&account, Origin::LookedUp, &seen);
    Ok(list.into_iter().map(view).collect())
}

/// Decode a BOLT11 invoice.
#[tauri::command]
pub async fn decode(desk: State<'_, Desk>, invoice: String) -> AppResult<DecodedInvoice> {
    Ok(desk
        .session()
        .client()
        .await?
        .decode(invoice.trim())
        .await?)
}

/// After an unknown outcome: the payments in the latest history that could be the send
/// (`kind` = `send`) or payment request (`receive`) attempted at `since` (Unix seconds).
#[tauri::command]
pub async fn find_attempt(
    desk: State<'_, Desk>,
    kind: String,
    request: serde_json::Value,
    since: i64,
    invoice_amount: Option<String>,
) -> AppResult<Vec<PaymentView>> {
    let attempt = match kind.as_str() {
        "send" => {
            let amount = invoice_amount.and_then(|a| a.parse().ok());
            Attempt::of_send(&body::<SendRequest>(request)?, amount, since)
        }
        "receive" => Attempt::of_receive(&body::<ReceiveRequest>(request)?, since),
        other => {
            return Err(AppError::Validation(format!(
                "Only a send or a payment request can be found in the history, not {other:?}."
            )))
        }
    };
    let history = desk.session().client().await?.history(LOOK_BACK).await?;
    Ok(attempt
        .find(&history)
        .into_iter()
        .cloned()
        .map(view)
        .collect())
}
