//! Keeping a sandbox's state across restarts (the app's Sandbox mode): the world and the clock
//! in one versioned JSON file, replaced atomically (temp file in the same directory, fsync,
//! rename), so a crash or `kill -9` leaves either the old or the new file.
//!
//! - **What is kept**: every record (payments, vouchers, orders, tokens, quotes and drafts),
//!   the balance, the ids already used, and the clock (how far it runs ahead of real time, and
//!   its speed). Faults, rate-limit windows and the request log are not kept.
//! - **The clock** goes on while the sandbox is closed, like the real Ninjapay: on reload it is
//!   real time plus the saved lead (what `advance` added), never earlier than when it was
//!   saved. A payment due to be paid while the app was closed is paid on reload.
//! - **Randomness**: the RNG cannot be saved; at each save a seed is drawn from a copy of it
//!   (the live stream is untouched) and a reloaded world is reseeded with it.
//! - **When**: a writer task saves within [`SAVE_DEBOUNCE`] of any request that touched the
//!   world (only when the JSON changed), and once more on [`crate::Sandbox::shutdown`].
//! - **A bad file** (corrupt, unreadable, or from a newer version) is moved aside as
//!   `*.bad`, a warning is logged, and the sandbox starts fresh (seeded). It never fails start.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::state::World;

/// The file format version this build writes; it reads this one and every older one.
/// 2: widget tokens keep a whole payment record (1 kept only their invoice and expiry).
pub const STATE_VERSION: u32 = 2;

/// How soon after a change the state is written.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(200);

/// The file.
#[derive(Debug, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    /// Sandbox time when saved (unix seconds, fractional).
    pub now: f64,
    /// Sandbox time minus real time when saved (seconds): what `advance` added.
    pub lead: f64,
    pub speed: f64,
    /// Seeds the reloaded world's RNG.
    pub rng_seed: u64,
    pub world: World,
}

/// The JSON for `world` at sandbox time `now` with clock `speed`.
pub fn snapshot(world: &World, now: f64, speed: f64) -> io::Result<Vec<u8>> {
    let real = crate::clock::real_now_unix_f64();
    #[derive(Serialize)]
    struct SavedRef<'a> {
        version: u32,
        now: f64,
        lead: f64,
        speed: f64,
        rng_seed: u64,
        world: &'a World,
    }
    let rng_seed = world.rng.clone().gen::<u64>();
    serde_json::to_vec(&SavedRef {
        version: STATE_VERSION,
        now,
        lead: now - real,
        speed,
        rng_seed,
        world,
    })
    .map_err(io::Error::other)
}

/// Reads `path`: `Ok(None)` when there is no file; a bad file is moved aside (with a warning)
/// and also gives `Ok(None)`.
pub fn load(path: &Path) -> Option<Saved> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "sandbox state unreadable; starting fresh");
            return None;
        }
    };
    match serde_json::from_slice::<Saved>(&bytes) {
        Ok(mut s) if s.version <= STATE_VERSION => {
            s.world.rng = StdRng::seed_from_u64(s.rng_seed);
            s.world.upgrade();
            Some(s)
        }
        other => {
            let why = match other {
                Ok(s) => format!("version {} is newer than {STATE_VERSION}", s.version),
                Err(e) => e.to_string(),
            };
            let aside = bad_path(path);
            tracing::warn!(path = %path.display(), moved_to = %aside.display(), why, "sandbox state corrupt; starting fresh");
            let _ = fs::rename(path, &aside);
            None
        }
    }
}

/// Where a bad file is moved: `NAME.bad`.
pub fn bad_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bad");
    path.with_file_name(name)
}

/// Replaces `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    let tmp = path.with_file_name(name);
    {
        // Readable by the user only: the file lists payments.
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
