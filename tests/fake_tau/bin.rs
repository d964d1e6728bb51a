//! `cargo run --example fake-tau -- [--port 8000] [--token SECRET] [--dist dist]
//! [--keepalive-secs 120] [--max-socket-secs 86400] [--streamer LOGIN] [--bot LOGIN]…`
//!
//! Runs the fake TAU server (see `mod.rs`) until killed. Native only: on wasm32 this is empty.

#[cfg(not(target_arch = "wasm32"))]
#[path = "mod.rs"]
mod fake_tau;

#[cfg(not(target_arch = "wasm32"))]
mod real {
    use super::fake_tau::{FakeTau, FakeTauOptions};
    use std::time::Duration;

    const USAGE: &str = "usage: fake-tau [--port 8000] [--token SECRET] [--dist DIR] \
[--keepalive-secs 120] [--max-socket-secs 86400 | 0 for never] [--streamer LOGIN] [--bot LOGIN]...";

    fn parse_args(args: &[String]) -> Result<FakeTauOptions, String> {
        let mut opts = FakeTauOptions {
            port: 8000,
            ..FakeTauOptions::default()
        };
        let mut bots: Vec<String> = Vec::new();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            if flag == "-h" || flag == "--help" {
                return Err(USAGE.to_string());
            }
            let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
            let number = |v: &str| {
                v.parse::<u64>()
                    .map_err(|_| format!("{flag}: not a number: {v}\n{USAGE}"))
            };
            match flag.as_str() {
                "--port" => opts.port = u16::try_from(number(value)?).map_err(|_| "port too big")?,
                "--token" => opts.token = value.clone(),
                "--dist" => opts.dist = Some(value.into()),
                "--keepalive-secs" => opts.keepalive_every = Duration::from_secs(number(value)?),
                "--max-socket-secs" => {
                    let secs = number(value)?;
                    opts.max_socket_age = (secs > 0).then(|| Duration::from_secs(secs));
                }
                "--streamer" => opts.streamer_login = value.to_lowercase(),
                "--bot" => bots.push(value.to_lowercase()),
                _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
            }
        }
        if !bots.is_empty() {
            opts.chat_bots = bots;
        }
        Ok(opts)
    }

    pub fn main() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let opts = match parse_args(&args) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        runtime.block_on(async move {
            let token = opts.token.clone();
            let streamer = opts.streamer_login.clone();
            let bots = opts.chat_bots.join(", ");
            let dist = opts.dist.clone();
            let tau = match FakeTau::try_start(opts).await {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("fake-tau: cannot listen: {e}");
                    std::process::exit(1);
                }
            };
            let base = tau.base_url();
            println!("fake TAU listening on {base}  (token: {token})");
            println!("  websockets: {}/ws/twitch-events/", tau.ws_base_url());
            println!(
                "              {}/ws/chat-bots/<{streamer} | {bots}>/",
                tau.ws_base_url()
            );
            println!("  REST:       {base}/api/v1/twitch-events/  (Authorization: Token {token})");
            if let Some(dist) = dist {
                println!("  static:     {base}/  from {}", dist.display());
            }
            println!("control endpoints:");
            for (method, path, what) in [
                (
                    "POST",
                    "/_fake/fire/<event_type>",
                    "body = event_data; stored + broadcast live",
                ),
                ("POST", "/_fake/store/<event_type>", "body = event_data; stored only"),
                ("POST", "/_fake/fixture/<name>", "fires tests/fixtures/<name>.json live"),
                (
                    "POST",
                    "/_fake/raw",
                    "body = a raw text frame for twitch-events sockets",
                ),
                ("POST", "/_fake/keep-alive", "keep-alive to every socket"),
                ("POST", "/_fake/drop", "closes every websocket with 1000"),
                ("POST", "/_fake/stall/on|off", "sockets go silent and deaf"),
                ("POST", "/_fake/chat/<login>", "body {\"sender\": …, \"text\": …}"),
                ("POST", "/_fake/token", "body {\"token\": …}; rotates the token"),
                ("GET ", "/_fake/stats", "counters as JSON"),
            ] {
                println!("  {method} {base}{path:<26} {what}");
            }
            std::future::pending::<()>().await;
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    real::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
