//! Real headless Chromium driven through chromedriver (WebDriver), for end-to-end tests.
//!
//! chromedriver runs in its own process group; the guard kills the whole group on drop, so a
//! failed test never leaves Chromium running.

use fantoccini::{Client, ClientBuilder};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running chromedriver plus one browser session.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session with offline-safe flags.
    pub async fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut command = Command::new(chromedriver);
        command
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command.spawn().expect("chromedriver on PATH (run .ci/setup)");
        let profile = TempDir(std::env::temp_dir().join(format!("tau-overlay-e2e-{}-{port}", std::process::id())));
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1920,1080",
                    format!("--user-data-dir={}", profile.0.display()),
                ]
            }
        });
        let caps: fantoccini::wd::Capabilities = caps.as_object().unwrap().clone();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() > Duration::from_secs(30) => panic!("cannot start a browser session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    /// Text content of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let script = "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)";
        let value = self
            .client
            .execute(script, vec![serde_json::json!(css)])
            .await
            .unwrap_or_default();
        value
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Waits until `check` (run against the page's texts for `css`) holds, or panics with `what`.
    pub async fn wait_for(
        &self,
        css: &str,
        within: Duration,
        what: &str,
        check: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let started = Instant::now();
        loop {
            let texts = self.texts(css).await;
            if check(&texts) {
                return texts;
            }
            if started.elapsed() > within {
                panic!("timed out after {within:?} waiting for {what}; `{css}` shows {texts:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts recording every alert the page puts on screen (kind, shape, headline), in order.
    pub async fn record_alerts(&self) {
        let script = r#"
            window.__alerts = [];
            const seen = (el) => window.__alerts.push({
                kind: el.dataset.kind, shape: el.dataset.shape,
                text: (el.querySelector('[data-testid=alert-headline]') || el).textContent });
            new MutationObserver((mutations) => {
                for (const m of mutations) for (const n of m.addedNodes) {
                    if (n.nodeType !== 1) continue;
                    if (n.matches('[data-testid=alert]')) seen(n);
                    n.querySelectorAll('[data-testid=alert]').forEach(seen);
                }
            }).observe(document.body, { childList: true, subtree: true });
        "#;
        self.client
            .execute(script, vec![])
            .await
            .expect("install the alert recorder");
    }

    /// Alerts recorded since [`Browser::record_alerts`]: `(kind, shape, headline)`.
    pub async fn recorded_alerts(&self) -> Vec<(String, String, String)> {
        let value = self
            .client
            .execute("return window.__alerts || []", vec![])
            .await
            .expect("read the recorder");
        let field = |a: &serde_json::Value, k: &str| a[k].as_str().unwrap_or_default().to_string();
        value
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| (field(a, "kind"), field(a, "shape"), field(a, "text")))
            .collect()
    }

    /// Text of the first element matching `css`, or empty.
    pub async fn text(&self, css: &str) -> String {
        self.texts(css).await.into_iter().next().unwrap_or_default()
    }

    /// `location.href` of the page.
    pub async fn href(&self) -> String {
        self.client.current_url().await.unwrap().to_string()
    }

    /// Closes the session; the drop guard then stops chromedriver and Chromium.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Kill chromedriver's whole process group (Chromium included).
        // `--` matters: without it procps' kill reads `-PGID` as an option and signals every process.
        let pgid = self.driver.id();
        if pgid > 1 {
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &format!("-{pgid}")])
                .status();
        }
        let _ = self.driver.wait();
    }
}
