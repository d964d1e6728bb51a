#![cfg(not(target_arch = "wasm32"))]
//! The wasm half of the OBS browser compatibility check (`.ci/compat`): every WebAssembly
//! proposal Chromium 103 lacks is caught in modules built with wasm-encoder, what 103 has
//! passes, and the proposals a module uses are listed. CSS and JS: `tests/compat_web.rs`.

#[path = "compat/mod.rs"]
mod compat;

use compat::wasm;
use std::path::PathBuf;
use wasm_encoder::{
    CodeSection, ConstExpr, FieldType, Function, FunctionSection, GlobalSection, GlobalType, HeapType,
    Instruction as I, MemArg, MemorySection, MemoryType, Module, RefType, StorageType, TagKind, TagSection, TagType,
    TypeSection, ValType,
};

fn memory(memory64: bool, shared: bool) -> MemoryType {
    MemoryType {
        minimum: 1,
        maximum: Some(1),
        memory64,
        shared,
        page_size_log2: None,
    }
}

/// A module with one `() -> results` function running `body`, the given memories, and
/// `extra` sections appended by the caller's closure (globals, tags).
fn module(memories: &[MemoryType], results: &[ValType], locals: &[ValType], body: &[I]) -> Vec<u8> {
    module_with(memories, results, locals, body, |_| {}, |_| {})
}

fn module_with(
    memories: &[MemoryType],
    results: &[ValType],
    locals: &[ValType],
    body: &[I],
    extra_types: impl FnOnce(&mut TypeSection),
    after_memory: impl FnOnce(&mut Module),
) -> Vec<u8> {
    let mut m = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([], results.iter().copied());
    extra_types(&mut types);
    m.section(&types);
    let mut funcs = FunctionSection::new();
    funcs.function(0);
    m.section(&funcs);
    if !memories.is_empty() {
        let mut mems = MemorySection::new();
        for t in memories {
            mems.memory(*t);
        }
        m.section(&mems);
    }
    after_memory(&mut m);
    let mut code = CodeSection::new();
    let mut f = Function::new(locals.iter().map(|&t| (1, t)));
    for i in body {
        f.instruction(i);
    }
    f.instruction(&I::End);
    code.function(&f);
    m.section(&code);
    m.finish()
}

fn names(report: &wasm::WasmReport) -> Vec<&str> {
    report.used.iter().map(|u| u.proposal.name).collect()
}

/// Asserts Chromium 103 rejects `bytes` and that `proposal` is among the missing ones.
fn assert_missing(bytes: &[u8], proposal: &str) {
    let report = wasm::check(bytes).expect("a valid module");
    assert!(!report.passes(), "{proposal}: passed, uses {:?}", names(&report));
    let missing: Vec<&str> = report.missing_in_chromium().iter().map(|u| u.proposal.name).collect();
    assert!(
        missing.iter().any(|n| n.starts_with(proposal)),
        "{proposal} not among the missing {missing:?}"
    );
    assert!(
        report.chromium_error.is_some(),
        "{proposal}: Chromium's validator accepted it"
    );
}

#[test]
fn a_module_using_only_what_chromium_103_has_passes_and_lists_its_proposals() {
    let bytes = module(
        &[memory(false, false)],
        &[ValType::I32, ValType::I32],
        &[],
        &[
            I::I32Const(200),
            I::I32Extend8S,
            I::Drop,
            I::F32Const(1.5.into()),
            I::I32TruncSatF32S,
            I::Drop,
            I::I32Const(0),
            I::I32Const(0),
            I::I32Const(8),
            I::MemoryFill(0),
            I::V128Const(7),
            I::I32x4ExtractLane(0),
            I::Drop,
            I::I32Const(1),
            I::I32Const(2),
        ],
    );
    let report = wasm::check(&bytes).unwrap();
    assert_eq!(
        names(&report),
        [
            "sign-extension",
            "nontrapping-float-to-int",
            "bulk-memory",
            "multi-value",
            "simd128"
        ]
    );
    assert!(report.passes(), "{:?}", report.chromium_error);
}

#[test]
fn an_mvp_module_uses_no_proposal() {
    let report = wasm::check(&module(&[], &[ValType::I32], &[], &[I::I32Const(1)])).unwrap();
    assert!(report.used.is_empty(), "{:?}", names(&report));
    assert!(report.passes());
}

#[test]
fn tail_calls_are_caught() {
    assert_missing(&module(&[], &[], &[], &[I::ReturnCall(0)]), "tail-call");
}

#[test]
fn memory64_is_caught() {
    assert_missing(&module(&[memory(true, false)], &[], &[], &[]), "memory64");
}

#[test]
fn multiple_memories_are_caught() {
    assert_missing(
        &module(&[memory(false, false), memory(false, false)], &[], &[], &[]),
        "multi-memory",
    );
}

#[test]
fn shared_memory_and_atomics_are_caught() {
    assert_missing(&module(&[memory(false, true)], &[], &[], &[]), "threads");
    let atomic = [
        I::I32Const(0),
        I::I32AtomicLoad(MemArg {
            offset: 0,
            align: 2,
            memory_index: 0,
        }),
        I::Drop,
    ];
    assert_missing(&module(&[memory(false, false)], &[], &[], &atomic), "threads");
}

#[test]
fn extended_constant_expressions_are_caught() {
    let bytes = module_with(
        &[],
        &[],
        &[],
        &[],
        |_| {},
        |m| {
            let mut globals = GlobalSection::new();
            let ty = GlobalType {
                val_type: ValType::I32,
                mutable: false,
                shared: false,
            };
            globals.global(ty, &ConstExpr::extended([I::I32Const(1), I::I32Const(2), I::I32Add]));
            m.section(&globals);
        },
    );
    assert_missing(&bytes, "extended-const");
}

#[test]
fn relaxed_simd_is_caught_though_plain_simd_is_fine() {
    let bytes = module(
        &[],
        &[],
        &[],
        &[I::V128Const(0), I::V128Const(0), I::I8x16RelaxedSwizzle, I::Drop],
    );
    assert_missing(&bytes, "relaxed-simd");
    let report = wasm::check(&bytes).unwrap();
    let simd = report
        .used
        .iter()
        .find(|u| u.proposal.name == "simd128")
        .expect("simd listed");
    assert!(simd.proposal.in_chromium());
}

#[test]
fn gc_types_are_caught() {
    let field = FieldType {
        element_type: StorageType::Val(ValType::I32),
        mutable: true,
    };
    let bytes = module_with(&[], &[], &[], &[], |t| t.ty().struct_([field]), |_| {});
    assert_missing(&bytes, "gc");
}

#[test]
fn typed_function_references_are_caught() {
    let local = ValType::Ref(RefType {
        nullable: true,
        heap_type: HeapType::Concrete(0),
    });
    assert_missing(&module(&[], &[], &[local], &[]), "typed-function-references");
}

#[test]
fn exception_handling_is_caught() {
    let bytes = module_with(
        &[],
        &[],
        &[],
        &[I::Throw(0)],
        |_| {},
        |m| {
            let mut tags = TagSection::new();
            tags.tag(TagType {
                kind: TagKind::Exception,
                func_type_idx: 0,
            });
            m.section(&tags);
        },
    );
    assert_missing(&bytes, "exception handling");
}

#[test]
fn bytes_that_are_no_module_are_an_error() {
    assert!(wasm::check(b"\0asm\x01\0\0\0\x01\xff").is_err());
    assert!(wasm::check(b"not wasm").is_err());
}

#[test]
fn the_file_report_names_the_missing_proposal_and_where() {
    let dir = scratch("wasm");
    let path = dir.join("bad.wasm");
    std::fs::write(&path, module(&[], &[], &[], &[I::ReturnCall(0)])).unwrap();
    assert_eq!(compat::files(&[dir]).unwrap(), std::slice::from_ref(&path));
    let report = compat::check_file(&path).unwrap().expect("a .wasm is checked");
    assert_eq!(report.violations.len(), 1, "{:?}", report.violations);
    assert!(
        report.violations[0].contains("tail-call is missing in Chromium 103"),
        "{}",
        report.violations[0]
    );
    assert!(report.violations[0].contains("offset"), "{}", report.violations[0]);
    assert!(
        report.notes[0].contains("tail-call (Chrome 112)"),
        "{}",
        report.notes[0]
    );
}

/// A fresh directory under the target dir for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tau-compat-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
