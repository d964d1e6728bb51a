//! The browser part of the bench command (`bash .ci/bench`, issue 12 point 1); ignored in the
//! timed tests. Against the release bundle served by the fake TAU, in headless Chromium:
//! * bytes on first load: gzip -9 of `dist/` by kind, and what the page fetched as Resource
//!   Timing reports it (`transferSize`: body plus headers, as the fake TAU sends it, unzipped);
//! * cold load → authenticated socket, and the longest main-thread task (Long Tasks API);
//! * frame → DOM latency: `BENCH_ALERTS` cheers (default 200), each sent only after the previous
//!   alert left the screen (reaction, not queueing). The page stamps each new alert element
//!   with a `MutationObserver` and the next animation frame (`requestAnimationFrame`), both as
//!   `performance.timeOrigin + performance.now()`; the send time is the same machine's wall
//!   clock read just before the frame is handed to the socket.
//!
//! Writes `bench/results.json` and `bench/results.md`.

use super::fake_tau::FakeTauOptions;
use super::overlay::{dist_dir, open_overlay, wait_for_auth};
use serde_json::{json, Value};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const OBSERVER: &str = r#"
    window.__bench = [];
    window.__longest = 0;
    new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((mutations) => {
        const t = performance.timeOrigin + performance.now();
        for (const m of mutations) for (const n of m.addedNodes) {
            if (n.nodeType !== 1) continue;
            const found = n.matches('[data-testid=alert]') ? [n] : [...n.querySelectorAll('[data-testid=alert]')];
            for (const el of found) {
                const rec = { text: el.textContent, dom: t, frame: null };
                window.__bench.push(rec);
                requestAnimationFrame(() => { rec.frame = performance.timeOrigin + performance.now(); });
            }
        }
    }).observe(document.body, { childList: true, subtree: true });
"#;

const RESOURCES: &str = r#"
    return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .map((e) => ({ name: e.name, transfer: e.transferSize, body: e.encodedBodySize }));
"#;

fn cheer(name: &str) -> Value {
    json!({"is_anonymous": false, "user_id": "1", "user_login": name, "user_name": name,
           "broadcaster_user_id": "12345", "broadcaster_user_login": "teststreamer",
           "broadcaster_user_name": "TestStreamer", "message": "", "bits": 100})
}

fn wall_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

fn kind_of(name: &str) -> &'static str {
    let path = name.split(['?', '#']).next().unwrap_or(name);
    match path.rsplit('.').next() {
        Some("wasm") => "wasm",
        Some("js") => "js",
        Some("css") => "css",
        _ if path.ends_with('/') || path.ends_with(".html") => "html",
        _ => "media",
    }
}

/// gzip -9 sizes of `dist/` (top level, as `.ci/size` counts) by kind.
fn gzip_sizes() -> Vec<(String, u64, u64)> {
    let mut out: Vec<(String, u64, u64)> = ["wasm", "js", "css", "html"]
        .iter()
        .map(|k| (k.to_string(), 0, 0))
        .collect();
    for entry in std::fs::read_dir(dist_dir()).unwrap() {
        let path = entry.unwrap().path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let Some(row) = out.iter_mut().find(|(k, _, _)| k == ext) else {
            continue;
        };
        let gz = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("gzip -9c '{}' | wc -c", path.display()))
            .output()
            .expect("gzip runs");
        row.1 += std::fs::metadata(&path).unwrap().len();
        row.2 += String::from_utf8_lossy(&gz.stdout).trim().parse::<u64>().unwrap();
    }
    out
}

fn percentiles(mut v: Vec<f64>) -> Value {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    json!({"p50": round(at(0.5)), "p99": round(at(0.99)), "max": round(at(1.0)), "n": v.len()})
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let chromium = std::process::Command::new("chromium")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    json!({"cpu": cpu, "cores": cores, "browser": chromium, "os": std::env::consts::OS})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the bench command runs it: bash .ci/bench"]
async fn bench_first_load_and_frame_to_dom_latency() {
    let alerts: usize = std::env::var("BENCH_ALERTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=0.1", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    // Cold load → authenticated socket: navigation start (the page's time origin) to the fake
    // TAU receiving the valid token, both on the machine's wall clock.
    let (auth_at, _) = *tau.auth_attempts().iter().find(|(_, ok)| *ok).unwrap();
    let auth_wall = wall_ms() - auth_at.elapsed().as_secs_f64() * 1000.0;
    let origin = browser
        .client
        .execute("return performance.timeOrigin", vec![])
        .await
        .unwrap();
    let load_to_auth = auth_wall - origin.as_f64().expect("performance.timeOrigin");
    tokio::time::sleep(Duration::from_secs(3)).await; // the backfill pass and first paint settle
    browser
        .client
        .execute(OBSERVER, vec![])
        .await
        .expect("install the observer");

    let resources = browser
        .client
        .execute(RESOURCES, vec![])
        .await
        .expect("resource timing");
    let mut transferred: Vec<(String, u64, u64)> = Vec::new();
    for r in resources.as_array().into_iter().flatten() {
        let name = r["name"].as_str().unwrap_or_default();
        if !name.starts_with(&tau.base_url()) || name.contains("/api/") {
            continue; // the REST token check and backfill are not the bundle
        }
        let kind = kind_of(name).to_string();
        let (t, b) = (r["transfer"].as_u64().unwrap_or(0), r["body"].as_u64().unwrap_or(0));
        match transferred.iter_mut().find(|(k, _, _)| *k == kind) {
            Some(row) => {
                row.1 += t;
                row.2 += b;
            }
            None => transferred.push((kind, t, b)),
        }
    }

    let mut sent = Vec::with_capacity(alerts);
    for i in 0..alerts {
        let name = format!("bench{i:03}");
        sent.push(wall_ms());
        tau.fire("channel-cheer", cheer(&name));
        let started = Instant::now();
        loop {
            let n = browser
                .client
                .execute("return window.__bench.length", vec![])
                .await
                .unwrap();
            if n.as_u64() == Some(i as u64 + 1) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "alert {name} never appeared"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        loop {
            let gone = browser
                .client
                .execute("return document.querySelector('[data-testid=alert]') === null", vec![])
                .await
                .unwrap();
            if gone == json!(true) {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "alert {name} never left");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let longest = browser.client.execute("return window.__longest", vec![]).await.unwrap();
    let records = browser.client.execute("return window.__bench", vec![]).await.unwrap();
    let records = records.as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), alerts);
    let (mut dom, mut frame) = (Vec::new(), Vec::new());
    for (i, r) in records.iter().enumerate() {
        assert!(
            r["text"].as_str().unwrap_or_default().contains(&format!("bench{i:03}")),
            "{r}"
        );
        dom.push(r["dom"].as_f64().unwrap() - sent[i]);
        frame.push(r["frame"].as_f64().unwrap_or(f64::NAN) - sent[i]);
    }
    browser.close().await;
    if std::env::var_os("BENCH_VERBOSE").is_some() {
        println!(
            "frame → DOM per alert (ms): {:?}",
            dom.iter().map(|x| round(*x)).collect::<Vec<_>>()
        );
    }

    let gz = gzip_sizes();
    let first_load: Vec<Value> = ["wasm", "js", "css", "html", "media"]
        .iter()
        .map(|k| {
            let g = gz.iter().find(|(n, _, _)| n == k);
            let t = transferred.iter().find(|(n, _, _)| n == k);
            json!({"kind": k, "raw": g.map(|g| g.1), "gzip": g.map(|g| g.2), "transferred": t.map_or(0, |t| t.1)})
        })
        .collect();
    let results = json!({
        "machine": machine(),
        "first_load_bytes": first_load,
        "first_load_total": {
            "gzip": gz.iter().map(|g| g.2).sum::<u64>(),
            "transferred": transferred.iter().map(|t| t.1).sum::<u64>(),
        },
        "cold_load_to_authenticated_socket_ms": round(load_to_auth),
        // Long Tasks API: the longest main-thread task while the alerts played (from load on).
        "longest_main_thread_task_ms": longest.as_f64().map(round),
        // The first alert after load takes the cold path; it is in the percentiles too.
        "first_alert_frame_to_dom_ms": round(dom[0]),
        "frame_to_dom_ms": percentiles(dom),
        "frame_to_next_animation_frame_ms": percentiles(frame.into_iter().filter(|x| x.is_finite()).collect()),
    });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("results.json"),
        serde_json::to_string_pretty(&results).unwrap() + "\n",
    )
    .unwrap();
    std::fs::write(dir.join("results.md"), markdown(&results)).unwrap();
    println!("{}", markdown(&results));
}

fn markdown(r: &Value) -> String {
    let m = &r["machine"];
    let mut s = format!(
        "Measured on {} ({} cores), {}, headless, loopback; fake TAU serving the release bundle uncompressed.\n\n",
        m["cpu"].as_str().unwrap_or("?"),
        m["cores"],
        m["browser"].as_str().unwrap_or("?")
    );
    s += "| first load | raw bytes | gzip -9 | as transferred |\n|---|---:|---:|---:|\n";
    for row in r["first_load_bytes"].as_array().into_iter().flatten() {
        let cell = |v: &Value| v.as_u64().map_or("–".to_string(), |n| n.to_string());
        s += &format!(
            "| {} | {} | {} | {} |\n",
            row["kind"].as_str().unwrap(),
            cell(&row["raw"]),
            cell(&row["gzip"]),
            cell(&row["transferred"])
        );
    }
    s += &format!(
        "| **total** | | **{}** | **{}** |\n\n",
        r["first_load_total"]["gzip"], r["first_load_total"]["transferred"]
    );
    s += "| socket frame sent → | p50 ms | p99 ms | max ms | alerts |\n|---|---:|---:|---:|---:|\n";
    for (label, key) in [
        ("alert element in the DOM", "frame_to_dom_ms"),
        ("next animation frame", "frame_to_next_animation_frame_ms"),
    ] {
        let p = &r[key];
        s += &format!(
            "| {label} | {} | {} | {} | {} |\n",
            p["p50"], p["p99"], p["max"], p["n"]
        );
    }
    s += &format!(
        "\nThe first alert after load (cold) took {} ms to reach the DOM; cold load → authenticated \
         socket {} ms; longest main-thread task {} ms (Long Tasks API, tasks over 50 ms; 0 = none).\n",
        r["first_alert_frame_to_dom_ms"], r["cold_load_to_authenticated_socket_ms"], r["longest_main_thread_task_ms"]
    );
    s
}
