//! How to start a sandbox.

use std::path::PathBuf;

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct Config {
    /// api host port; 0 = any free port.
    pub port: u16,
    /// prod host port; 0 = any free port (the binary uses port+1).
    pub prod_port: u16,
    /// Sandbox seconds per real second (1.0 = real time).
    pub speed: f64,
    /// Unix seconds the clock starts at; `None` = now.
    pub start_time: Option<i64>,
    /// RNG seed: same seed, same simulated customers.
    pub seed: u64,
    /// Enforce the documented limits.
    pub rate_limits: bool,
    /// At most this many records per `history` answer, whatever `limit` asks for: simulates a
    /// server that returns fewer than asked. `None` (the default): as many as asked, since the
    /// docs set no maximum.
    pub history_max: Option<usize>,
    /// Keep the state (records and clock) in this file: loaded at start if it exists (then
    /// `start_time`, `speed` and `seed` only apply to a fresh start), saved shortly after
    /// every change and on shutdown. See [`crate::persist`]. `None`: memory only.
    pub state_file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            prod_port: 0,
            speed: 1.0,
            start_time: None,
            seed: 42,
            rate_limits: true,
            history_max: None,
            state_file: None,
        }
    }
}
