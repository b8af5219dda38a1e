//! Build script: generates the Tauri context and the permissions for our own commands.
//!
//! Every command gets an `allow-…`/`deny-…` permission and is denied unless a capability in
//! `capabilities/` grants it (the main window's capability does). The list of commands is read
//! from the `generate_handler![…]` in `src/lib.rs`, the one place they are written, so the
//! permissions and the handlers cannot drift apart.

fn commands_of(lib_rs: &str) -> Vec<String> {
    let start = lib_rs
        .find("generate_handler![")
        .expect("src/lib.rs registers its commands with generate_handler![…]")
        + "generate_handler![".len();
    let end = start
        + lib_rs[start..]
            .find(']')
            .expect("generate_handler![…] is closed");
    lib_rs[start..end]
        .split(',')
        .map(|entry| entry.trim())
        .filter(|entry| !entry.is_empty() && !entry.starts_with("//"))
        .map(|entry| entry.rsplit("::").next().unwrap_or(entry).to_owned())
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    let lib_rs = std::fs::read_to_string("src/lib.rs").expect("read src/lib.rs");
    let commands = commands_of(&lib_rs);
    assert!(commands.len() > 10, "found only {commands:?} in src/lib.rs");
    let names: Vec<&'static str> = commands
        .into_iter()
        .map(|c| &*Box::leak(c.into_boxed_str()))
        .collect();
    let names: &'static [&'static str] = Box::leak(names.into_boxed_slice());
    let attrs = tauri_build::Attributes::new()
        // The one config is at the repository root (paths inside are relative to it); lib.rs's
        // generate_context! names the same file. No src-tauri/tauri.conf.json symlink: Windows
        // checkouts lose symlinks. (The Tauri CLI gets its copy from scripts/tauri.mjs.)
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(names));
    tauri_build::try_build(attrs).expect("failed to run tauri-build");
}
