//! The README's alert-config example is the real example file, so it can never drift.
#![cfg(not(target_arch = "wasm32"))]

use tau_overlay::engine::{EngineConfig, EXAMPLE_CONFIG};

#[test]
fn readme_config_example_is_the_tested_example_file() {
    let readme = include_str!("../README.md");
    let start = readme.find("```json\n").expect("README has a ```json block") + "```json\n".len();
    let end = start + readme[start..].find("```").expect("closed block");
    let block = &readme[start..end];
    assert_eq!(
        block.trim(),
        EXAMPLE_CONFIG.trim(),
        "README's config example differs from src/engine/example_config.json"
    );
    EngineConfig::from_json(block).expect("README's example parses");
}
