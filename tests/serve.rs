//! Issue 7 point 8: `.ci/serve` takes its ports as options, fails fast and clearly when one is
//! taken (before building anything), and leaves no process behind.
#![cfg(not(target_arch = "wasm32"))]

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs `.ci/serve args…` in its own process group; kills the group after 30 s. Asserts that
/// nothing of the group is left afterwards.
fn serve(args: &[&str]) -> Run {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::env::temp_dir().join(format!("tau-overlay-serve-{}-{}", std::process::id(), args.join("_")));
    let (stdout, stderr) = (out.with_extension("out"), out.with_extension("err"));
    let started = Instant::now();
    let mut child = Command::new("bash")
        .arg(format!("{root}/.ci/serve"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .process_group(0)
        .spawn()
        .expect("bash runs .ci/serve");
    let group = format!("-{}", child.id());
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = Command::new("kill").args(["-s", "KILL", "--", &group]).status();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let took = started.elapsed();
    std::thread::sleep(Duration::from_millis(200));
    let left = Command::new("kill")
        .args(["-0", "--", &group])
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success();
    if left {
        let _ = Command::new("kill").args(["-s", "KILL", "--", &group]).status();
    }
    let read = |p: &std::path::Path| {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let _ = std::fs::remove_file(p);
        text
    };
    let run = Run {
        code,
        stdout: read(&stdout),
        stderr: read(&stderr),
        took,
    };
    assert!(!left, "processes of .ci/serve outlived it; stderr: {}", run.stderr);
    run
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn assert_fails_fast_naming(run: &Run, port: u16) {
    assert!(run.code.is_some(), "still running after 30 s; stdout: {}", run.stdout);
    assert_eq!(run.code, Some(1), "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!("port {port}")) && run.stderr.contains("already in use"),
        "the message names the taken port: {}",
        run.stderr
    );
    assert!(!run.stdout.contains("http://"), "no URL is advertised: {}", run.stdout);
    assert!(
        run.took < Duration::from_secs(10),
        "fails before building: took {:?}",
        run.took
    );
}

#[test]
fn serve_fake_tau_with_its_port_taken_fails_fast_and_leaves_nothing_running() {
    let holder = TcpListener::bind("127.0.0.1:0").unwrap();
    let tau_port = holder.local_addr().unwrap().port();
    let port = free_port().to_string();
    let run = serve(&["--fake-tau", "--tau-port", &tau_port.to_string(), "--port", &port]);
    assert_fails_fast_naming(&run, tau_port);
    assert!(
        run.stderr.contains("--tau-port"),
        "says how to pick another: {}",
        run.stderr
    );
}

#[test]
fn serve_with_the_overlay_port_taken_fails_fast_and_leaves_nothing_running() {
    let holder = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port();
    let run = serve(&[
        "--port",
        &port.to_string(),
        "--fake-tau",
        "--tau-port",
        &free_port().to_string(),
    ]);
    assert_fails_fast_naming(&run, port);
}

#[test]
fn serve_rejects_unknown_options_and_bad_ports() {
    let run = serve(&["--fake-tua"]);
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("unknown option --fake-tua") && run.stderr.contains("--tau-port"),
        "{}",
        run.stderr
    );
    let run = serve(&["--tau-port", "80000", "--fake-tau"]);
    assert_eq!(run.code, Some(1), "stderr: {}", run.stderr);
    assert!(run.stderr.contains("not a port: 80000"), "{}", run.stderr);
}
