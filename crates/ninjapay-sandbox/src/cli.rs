//! Command-line arguments of the `ninjapay-sandbox` binary, hand-parsed.

use crate::config::Config;

pub const USAGE: &str = "usage: ninjapay-sandbox [--port N] [--prod-port N] [--speed F] [--seed N] [--start-time UNIX] [--no-rate-limits] [--history-max N]
  --port N          api host port (default 8787)
  --prod-port N     prod host port (default port+1)
  --speed F         sandbox seconds per real second (default 1.0)
  --seed N          RNG seed for simulated customers (default 42)
  --start-time UNIX where the sandbox clock starts (default now)
  --no-rate-limits  do not enforce the documented rate limits
  --history-max N   answer history with at most N records, whatever limit asks (default: no cap)";

/// What the command line asked for.
#[derive(Debug, Clone)]
pub enum Command {
    Run(Config),
    Help,
}

fn number<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("{flag}: {v:?} is not a valid value"))
}

/// Parses the arguments after the program name.
pub fn parse_args<S: AsRef<str>>(args: &[S]) -> Result<Command, String> {
    let mut config = Config {
        port: 8787,
        ..Config::default()
    };
    let mut prod_port: Option<u16> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_ref();
        i += 1;
        // Accept `--flag=value` as well as `--flag value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (arg, None),
        };
        let takes_value = matches!(
            flag,
            "--port" | "--prod-port" | "--speed" | "--seed" | "--start-time" | "--history-max"
        );
        let val = if !takes_value {
            ""
        } else if let Some(v) = inline {
            v
        } else {
            match args.get(i).map(|s| s.as_ref()) {
                Some(v) if !v.starts_with("--") => {
                    i += 1;
                    v
                }
                _ => return Err(format!("{flag} needs a value")),
            }
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" => config.port = number(flag, val)?,
            "--prod-port" => prod_port = Some(number(flag, val)?),
            "--speed" => {
                let s: f64 = number(flag, val)?;
                if !s.is_finite() || s < 0.0 {
                    return Err("--speed must be a finite number >= 0".into());
                }
                config.speed = s;
            }
            "--seed" => config.seed = number(flag, val)?,
            "--start-time" => config.start_time = Some(number(flag, val)?),
            "--history-max" => config.history_max = Some(number(flag, val)?),
            "--no-rate-limits" if inline.is_none() => config.rate_limits = false,
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    config.prod_port = match prod_port {
        Some(p) => p,
        None if config.port == 0 => 0,
        None => config
            .port
            .checked_add(1)
            .ok_or("--port 65535 leaves no room for the prod port; pass --prod-port")?,
    };
    Ok(Command::Run(config))
}

/// The banner the binary prints once both listeners are up.
pub fn banner(api_url: &str, prod_url: &str, speed: f64) -> String {
    format!(
        "Ninjapay sandbox — no real money
  api host  (https://api.ninjapay.me):  {api_url}
  prod host (https://prod.ninjapay.me): {prod_url}
  Invoice key: {}
  Admin key:   {}
  Clock: {speed:.1}x  (POST /_sandbox/clock/advance {{\"seconds\":60}} to jump)",
        crate::keys::INVOICE_KEY,
        crate::keys::ADMIN_KEY
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Config {
        match parse_args(args).unwrap() {
            Command::Run(c) => c,
            Command::Help => panic!("help"),
        }
    }

    #[test]
    fn defaults_and_flags() {
        let c = run(&[]);
        assert_eq!(
            (c.port, c.prod_port, c.speed, c.seed),
            (8787, 8788, 1.0, 42)
        );
        assert!(c.rate_limits);
        assert_eq!(c.history_max, None, "no cap unless asked");
        let c = run(&[
            "--port",
            "9000",
            "--speed=60",
            "--seed",
            "7",
            "--no-rate-limits",
        ]);
        assert_eq!(
            (c.port, c.prod_port, c.speed, c.seed),
            (9000, 9001, 60.0, 7)
        );
        assert!(!c.rate_limits);
        let c = run(&["--port", "9000", "--prod-port", "9100"]);
        assert_eq!(c.prod_port, 9100);
        let c = run(&["--port", "0"]);
        assert_eq!(c.prod_port, 0);
        assert_eq!(run(&["--history-max", "5"]).history_max, Some(5));
        assert_eq!(run(&["--history-max=0"]).history_max, Some(0));
        assert!(matches!(parse_args(&["--help"]).unwrap(), Command::Help));
    }

    #[test]
    fn bad_args() {
        assert!(parse_args(&["--port"]).unwrap_err().contains("--port"));
        assert!(parse_args(&["--port", "x"]).unwrap_err().contains("--port"));
        assert!(parse_args(&["--port", "70000"]).is_err());
        assert!(parse_args(&["--speed", "-1"]).is_err());
        assert!(parse_args(&["--bogus"]).unwrap_err().contains("--bogus"));
        assert!(parse_args(&["--port", "65535"]).is_err());
        assert!(parse_args(&["--history-max"]).is_err());
        assert!(parse_args(&["--history-max", "-1"])
            .unwrap_err()
            .contains("--history-max"));
    }
}
