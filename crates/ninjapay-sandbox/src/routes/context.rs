//! What the routes get: the shared state and host, and for an authenticated ninjapay request
//! its key kind and parameters.

use std::sync::Arc;

use crate::host::Host;
use crate::keys::KeyKind;
use crate::params::Params;
use crate::shared::Shared;

/// Router state: one per listener.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub shared: Arc<Shared>,
    pub host: Host,
}

/// Everything a handler needs about one authenticated request.
#[derive(Debug)]
pub struct Call<'a> {
    pub shared: &'a Shared,
    pub kind: KeyKind,
    pub params: Params,
}
