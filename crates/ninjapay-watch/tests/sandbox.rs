//! The real client against the sandbox, both clocks sped up together (20 s of schedule in
//! 0.25 s of real time).

use std::sync::Arc;
use std::time::Duration;

use ninjapay::{ApiKey, Client, ReceiveRequest};
use ninjapay_sandbox::{Config, Fault, Sandbox, INVOICE_KEY};
use ninjapay_watch::*;

const SPEED: f64 = 80.0;
const START: i64 = 1_800_000_000;

async fn setup(key: &str) -> (Sandbox, Arc<Budget>, Client, Watcher) {
    let sb = ninjapay_sandbox::start(Config {
        speed: SPEED,
        start_time: Some(START),
        ..Config::default()
    })
    .await
    .unwrap();
    let clock: Arc<dyn Clock> = Arc::new(ScaledClock::new(START * 1000, SPEED));
    let budget = Arc::new(Budget::new(clock, BudgetConfig::default()));
    let client = Client::builder()
        .api_url(sb.api_url())
        .prod_url(sb.prod_url())
        .invoice_key(ApiKey::new(key))
        .retry(ninjapay::RetryPolicy::none())
        .observer(budget.clone())
        .build()
        .unwrap();
    let watcher = Watcher::start(
        Arc::new(ClientChecker::new(client.clone())),
        budget.clone(),
        WatcherConfig::default(),
    )
    .unwrap();
    watcher.set_active(Some(Account::Sandbox)).await.unwrap();
    (sb, budget, client, watcher)
}

async fn until_final(watcher: &Watcher, id: u64) -> WatchUpdate {
    let mut rx = watcher.subscribe();
    if let Some(u) = watcher
        .list()
        .into_iter()
        .find(|u| u.id == id && u.is_final)
    {
        return u;
    }
    tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            if let Ok(WatchEvent::Update(u)) = rx.recv().await {
                if u.id == id && u.is_final {
                    return u;
                }
            }
        }
    })
    .await
    .expect("the watch should end")
}

#[tokio::test]
async fn a_received_payment_is_seen_paid_and_user_requests_share_the_budget() {
    let (sb, budget, client, watcher) = setup(INVOICE_KEY).await;
    let p = client
        .receive(&ReceiveRequest {
            amount: "0.0005".parse().unwrap(),
            description: Some("Table 4".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let w = watcher
        .watch(WatchRequest::payment(Account::Sandbox, &p))
        .await
        .unwrap();
    assert!(sb.settle(p.tid.as_str(), "paid"));
    // A transient failure first: the watch goes on.
    sb.inject_for(
        "/lapi/v1/checkPayment",
        Fault::Status {
            status: 500,
            count: 1,
        },
    );
    let done = until_final(&watcher, w.id).await;
    assert_eq!(done.status, WatchStatus::Paid);
    assert!(done.attempt >= 2, "{done:?}");
    let n = done.notification().unwrap();
    assert_eq!(n.title, "Payment paid");
    assert!(n.body.starts_with("0.00050000 BTC — Table 4"), "{}", n.body);
    // The user's receive was counted in the same budget as the watch's checks.
    let usage = budget.usage();
    let receive = usage.iter().find(|u| u.scope == "receive").unwrap();
    let everything = usage.iter().find(|u| u.scope == "everything").unwrap();
    assert_eq!(receive.used, 1);
    assert_eq!(
        everything.used as usize,
        sb.request_count("/lapi/v1/checkPayment")
    );
    watcher.shutdown().await;
}

#[tokio::test]
async fn a_bad_key_ends_the_watch_with_the_reason() {
    let (_sb, _budget, _client, watcher) = setup("not-a-real-key-000000000000000000000").await;
    let w = watcher
        .watch(WatchRequest::new(
            Account::Sandbox,
            WatchKind::Voucher,
            Tid::parse("210N66027HB789").unwrap(),
        ))
        .await
        .unwrap();
    let done = until_final(&watcher, w.id).await;
    assert_eq!(done.status, WatchStatus::Error);
    assert_eq!(done.attempt, 1);
    assert!(done.error.unwrap().message.contains("401"));
}

#[tokio::test]
async fn the_user_is_held_back_locally_before_ninjapay_would_lock_the_key_out() {
    let (sb, budget, client, _watcher) = setup(INVOICE_KEY).await;
    sb.set_speed(0.0);
    for _ in 0..147 {
        budget
            .try_acquire(Priority::User, "/lapi/v1/receive")
            .unwrap();
    }
    let e = client
        .receive(&ReceiveRequest {
            amount: "0.0001".parse().unwrap(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), "rate_limited");
    assert!(
        e.to_string().contains("150 payment requests per minute"),
        "{e}"
    );
    assert_eq!(sb.request_count("/lapi/v1/receive"), 0);
}

#[tokio::test]
async fn a_429_from_ninjapay_pauses_background_checks_and_the_watch_goes_on() {
    let (sb, budget, client, watcher) = setup(INVOICE_KEY).await;
    let p = client
        .receive(&ReceiveRequest {
            amount: "0.0002".parse().unwrap(),
            ..Default::default()
        })
        .await
        .unwrap();
    let w = watcher
        .watch(WatchRequest::payment(Account::Sandbox, &p))
        .await
        .unwrap();
    sb.inject_for(
        "/lapi/v1/checkPayment",
        Fault::Status {
            status: 429,
            count: 1,
        },
    );
    assert!(sb.settle(p.tid.as_str(), "paid"));
    let done = until_final(&watcher, w.id).await;
    assert_eq!(done.status, WatchStatus::Paid);
    assert_eq!(budget.server_limited(), 1);
    assert_eq!(watcher.stats().errors.get("rate_limited"), Some(&1));
}
