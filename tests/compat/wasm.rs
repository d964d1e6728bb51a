//! Which WebAssembly proposals a module uses, and whether OBS's Chromium 103 runs it.
//!
//! The listing is the validator's own (wasmparser checks every section, type and operator
//! against its feature flags): starting from every proposal switched on, each is switched off
//! in turn, broadest first (gc before typed function references, relaxed SIMD before SIMD), and
//! stays off when the module still validates. What is left is the smallest set of proposals the
//! module needs. The gate validates the module with exactly Chromium 103's set.

use wasmparser::{Validator, WasmFeatures as F};

/// The browser the overlay must run in: OBS 28–30's browser source is Chromium (CEF) 103.
pub const CHROMIUM: u32 = 103;

/// A WebAssembly proposal and the first Chrome release that runs it in an OBS browser source.
pub struct Proposal {
    /// The proposal's name, as webassembly.org/features spells it.
    pub name: &'static str,
    /// wasmparser's flags for it.
    pub flags: F,
    /// First Chrome that ships it on by default, as far as this check accepts it; `None` = this
    /// check accepts it in no Chrome.
    pub chrome: Option<u32>,
}

/// Every proposal wasmparser can gate, a proposal after the ones it builds on ([`check`]
/// switches them off from the end). Chrome versions are the "Chrome" column of
/// <https://webassembly.org/features/> (the `browsers.Chrome.features` table of
/// `features.json` in github.com/WebAssembly/website), checked on 2026-12-01, cross-checked
/// with the V8 release posts on v8.dev:
/// mutableGlobals 74, signExtensions 74, saturatedFloatToInt 75, bulkMemory 75, multiValue 85,
/// simd 91, exceptions (legacy) 95, referenceTypes 96, tailCall 112, extendedConst 114,
/// relaxedSimd 114, gc 119, typedFunctionReferences 119, multiMemory 120, memory64 133,
/// exceptionsFinal (exnref) 137. `threads` says 74, but a shared memory needs a
/// `SharedArrayBuffer`, which Chrome 92+ gives only to cross-origin-isolated pages (COOP +
/// COEP headers, chromestatus.com/feature/5724912467574784); an OBS browser source serves the
/// overlay without them, so threads count as missing. Legacy exception handling (try/catch)
/// runs in Chrome 95+, but wasmparser gates its tags and `throw` with the flag of the newer
/// exnref proposal (137), so this check cannot tell the two apart and rejects both: stricter
/// than Chrome, and harmless here (the overlay builds with `panic = "abort"` and throws nothing).
/// The rest never shipped in Chrome.
pub const PROPOSALS: &[Proposal] = &[
    p("mutable-globals", F::MUTABLE_GLOBAL, Some(74)),
    p("sign-extension", F::SIGN_EXTENSION, Some(74)),
    p("nontrapping-float-to-int", F::SATURATING_FLOAT_TO_INT, Some(75)),
    p("bulk-memory", F::BULK_MEMORY, Some(75)),
    p("multi-value", F::MULTI_VALUE, Some(85)),
    p("simd128", F::SIMD, Some(91)),
    p("legacy exception handling (see above)", F::LEGACY_EXCEPTIONS, None),
    p("reference-types", F::REFERENCE_TYPES, Some(96)),
    p("tail-call", F::TAIL_CALL, Some(112)),
    p("extended-const", F::EXTENDED_CONST, Some(114)),
    p("relaxed-simd", F::RELAXED_SIMD, Some(114)),
    p("typed-function-references", F::FUNCTION_REFERENCES, Some(119)),
    p("gc", F::GC, Some(119)),
    p("multi-memory", F::MULTI_MEMORY, Some(120)),
    p("memory64", F::MEMORY64, Some(133)),
    p(
        "exception handling (tags, throw, try_table, exnref)",
        F::EXCEPTIONS,
        Some(137),
    ),
    p("threads (shared memory, atomics)", F::THREADS, None),
    p("shared-everything-threads", F::SHARED_EVERYTHING_THREADS, None),
    p("stack-switching", F::STACK_SWITCHING, None),
    p("wide-arithmetic", F::WIDE_ARITHMETIC, None),
    p("custom-page-sizes", F::CUSTOM_PAGE_SIZES, None),
    p("memory-control", F::MEMORY_CONTROL, None),
    p("custom-descriptors", F::CUSTOM_DESCRIPTORS, None),
    p("compact-import-section", F::COMPACT_IMPORTS, None),
];

const fn p(name: &'static str, flags: F, chrome: Option<u32>) -> Proposal {
    Proposal { name, flags, chrome }
}

impl Proposal {
    /// Whether Chromium [`CHROMIUM`] runs it.
    pub fn in_chromium(&self) -> bool {
        self.chrome.is_some_and(|v| v <= CHROMIUM)
    }
}

/// A proposal the module uses, with the validator's words about its first use.
pub struct Use {
    /// The proposal.
    pub proposal: &'static Proposal,
    /// What the validator said with the proposal switched off (names the first use and offset).
    pub evidence: String,
}

/// What [`check`] found.
pub struct WasmReport {
    /// Every proposal the module uses, in [`PROPOSALS`] order.
    pub used: Vec<Use>,
    /// The validator's error with exactly Chromium's features; `None` = it validates.
    pub chromium_error: Option<String>,
}

impl WasmReport {
    /// The used proposals Chromium [`CHROMIUM`] lacks.
    pub fn missing_in_chromium(&self) -> Vec<&Use> {
        self.used.iter().filter(|u| !u.proposal.in_chromium()).collect()
    }

    /// Whether Chromium [`CHROMIUM`] can compile the module.
    pub fn passes(&self) -> bool {
        self.chromium_error.is_none() && self.missing_in_chromium().is_empty()
    }
}

/// The flags wasmparser needs for any core module at all (floats, the externref/funcref types).
const BASE: F = F::FLOATS.union(F::GC_TYPES);

/// Every proposal in [`PROPOSALS`] switched on.
fn all_proposals() -> F {
    PROPOSALS.iter().fold(BASE, |acc, p| acc | p.flags)
}

/// Exactly the proposals Chromium [`CHROMIUM`] runs.
pub fn chromium_features() -> F {
    PROPOSALS
        .iter()
        .filter(|p| p.in_chromium())
        .fold(BASE, |acc, p| acc | p.flags)
}

fn validate(bytes: &[u8], features: F) -> Result<(), String> {
    Validator::new_with_features(features)
        .validate_all(bytes)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Lists the proposals `bytes` uses and validates it as Chromium [`CHROMIUM`] would. An error
/// means the bytes are no valid core module even with every proposal on.
pub fn check(bytes: &[u8]) -> Result<WasmReport, String> {
    let mut needed = all_proposals();
    validate(bytes, needed).map_err(|e| format!("not a valid WebAssembly module: {e}"))?;
    for proposal in PROPOSALS.iter().rev() {
        if validate(bytes, needed.difference(proposal.flags)).is_ok() {
            needed = needed.difference(proposal.flags);
        }
    }
    let used = PROPOSALS
        .iter()
        .filter(|p| needed.contains(p.flags))
        .map(|proposal| {
            let evidence = validate(bytes, needed.difference(proposal.flags))
                .err()
                .unwrap_or_default();
            Use { proposal, evidence }
        })
        .collect();
    let chromium_error = validate(bytes, chromium_features()).err();
    Ok(WasmReport { used, chromium_error })
}
