// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

include!("webkit_env.rs");

fn main() {
    set_webkit_env();
    ninjapay_desk_lib::run();
}
