//! `history`'s `limit`: the docs say only "how many records to return", so the sandbox returns
//! as many as asked (newest first) unless `history_max` / `--history-max` makes it a server that
//! returns fewer.

mod common;

use common::*;
use ninjapay_sandbox::Config;
use reqwest::Method;
use serde_json::Value;

/// `n` new payment requests, oldest first.
async fn receives(rig: &Rig, n: usize) -> Vec<String> {
    let mut tids = Vec::new();
    for _ in 0..n {
        tids.push(rig.receive_tid(r#"{"amount": 0.00001}"#).await);
    }
    tids
}

async fn history(rig: &Rig, limit: Option<u64>) -> Vec<Value> {
    let path = match limit {
        Some(l) => format!("/lapi/v1/history?limit={l}"),
        None => "/lapi/v1/history".to_string(),
    };
    rig.get(&path, "").await.data().as_array().unwrap().clone()
}

fn tids(list: &[Value]) -> Vec<&str> {
    list.iter().map(|p| p["tid"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn as_many_as_asked_newest_first() {
    let rig = rig().await;
    let made = receives(&rig, 120).await;
    let newest_first: Vec<&str> = made.iter().rev().map(String::as_str).collect();

    let list = history(&rig, Some(110)).await;
    assert_eq!(list.len(), 110, "more than 100 when asked");
    assert_eq!(tids(&list), newest_first[..110]);
    // Asking for more than there is gives everything: 120 new + the docs' 2 samples, last.
    let all = history(&rig, Some(1_000_000)).await;
    assert_eq!(all.len(), 122);
    assert_eq!(tids(&all[..120]), newest_first);
    assert_eq!(tids(&all[120..]), ["198A60SO23PN99N7", "128390A389H2920"]);
    // The same limit sent the docs' way, as a JSON body.
    let body = rig
        .get("/lapi/v1/history", r#"{"limit": 101}"#)
        .await
        .data();
    assert_eq!(body.as_array().unwrap().len(), 101);
    // No limit: 20; limit 0: refused.
    assert_eq!(history(&rig, None).await.len(), 20);
    let r = rig.get("/lapi/v1/history?limit=0", "").await;
    r.assert_err(400, "limit");
}

#[tokio::test]
async fn history_max_returns_fewer_than_asked() {
    let rig = rig_with(Config {
        history_max: Some(5),
        ..Config::default()
    })
    .await;
    let made = receives(&rig, 10).await;
    let newest: Vec<&str> = made.iter().rev().take(5).map(String::as_str).collect();
    let list = history(&rig, Some(8)).await;
    assert_eq!(tids(&list), newest, "the 5 newest, though 8 were asked for");
    assert_eq!(history(&rig, Some(3)).await.len(), 3, "fewer asked: fewer");
}

#[tokio::test]
async fn the_binary_takes_history_max() {
    let bin = binary(&["--port", "0", "--history-max", "1"]);
    let r = raw(
        Method::GET,
        &format!("{}/lapi/v1/history?limit=2", bin.api_url),
        &[("x-api-key", INVOICE_KEY)],
        None,
    )
    .await;
    let list = r.unwrap().data();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
}
