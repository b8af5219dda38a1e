//! `ninjapay-sandbox`: serve the sandbox on two local ports until Ctrl-C.

use std::process::ExitCode;

use ninjapay_sandbox::cli::{self, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match cli::parse_args(&args) {
        Ok(Command::Run(c)) => c,
        Ok(Command::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let speed = config.speed;
    let sandbox = match ninjapay_sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{}",
        cli::banner(&sandbox.api_url(), &sandbox.prod_url(), speed)
    );
    // Serve until the process is interrupted (Ctrl-C ends it).
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}
