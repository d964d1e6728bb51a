// JS half of the OBS compatibility check (.ci/compat): every .js file and inline <script> under
// the given paths must parse as ES2023, the newest syntax Chromium 103 (OBS 28–30) has, and use
// none of the newer built-ins listed below.
// Usage: node .ci/compat.mjs PATH...   (acorn from .tools/acorn, installed by .ci/setup)
//
// Why acorn and not esbuild --target=chrome103: esbuild *lowers* newer syntax to the target
// without a word (it only errors on syntax it cannot lower), so it is a transpiler, not a
// check. acorn gates each syntax feature by `ecmaVersion` (checked: at 2023 it rejects the
// RegExp `v` flag, import attributes, RegExp modifiers, duplicate named groups and `using`).
// Chrome 103 has all of ES2022 (class static blocks 94, `#x in o` 91, top-level await 89,
// RegExp `d` flag 90) and ES2023's only syntax (hashbang, 74); ES2024+ syntax came later:
// RegExp `v` flag 112, import attributes 123, RegExp modifiers and duplicate named capture
// groups 125, `using` declarations 134 (v8.dev/features, chromestatus.com). Decorators and
// `import defer` have shipped in no Chrome.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const acornPath = join(root, ".tools/acorn/node_modules/acorn/dist/acorn.mjs");
let acorn;
try {
  acorn = await import(pathToFileURL(acornPath).href);
} catch {
  console.error(`compat-js: acorn not found at ${acornPath} (run .ci/setup)`);
  process.exit(2);
}

const CHROMIUM = 103;
const ES = 2023;

// Built-ins newer than Chrome 103 (MDN browser-compat-data, chromestatus.com), by the property
// name they are reached through; `on` limits a name to one object (`Promise.try`).
const NEWER_APIS = [
  { name: "toSorted", chrome: 110 }, { name: "toReversed", chrome: 110 }, { name: "toSpliced", chrome: 110 },
  { name: "isWellFormed", chrome: 111 }, { name: "toWellFormed", chrome: 111 },
  { name: "transferToFixedLength", chrome: 114 },
  { name: "groupBy", chrome: 117 },
  { name: "withResolvers", chrome: 119 },
  { name: "fromAsync", chrome: 121 },
  { name: "symmetricDifference", chrome: 122 }, { name: "isSubsetOf", chrome: 122 },
  { name: "isSupersetOf", chrome: 122 }, { name: "isDisjointFrom", chrome: 122 },
  { name: "try", on: "Promise", chrome: 128 },
  { name: "isError", on: "Error", chrome: 134 },
  { name: "f16round", on: "Math", chrome: 135 },
  { name: "escape", on: "RegExp", chrome: 136 },
  { name: "promising", on: "WebAssembly", chrome: 137 }, { name: "Suspending", on: "WebAssembly", chrome: 137 },
];
const NEWER_GLOBALS = [{ name: "Iterator", chrome: 122 }, { name: "Float16Array", chrome: 135 }];

function files(path, out) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) files(join(path, entry), out);
  } else {
    out.push(path);
  }
  return out;
}

// [{ code, module, line }] for a file: the whole file, or each inline <script> of an HTML page.
function scripts(path) {
  const text = readFileSync(path, "utf8");
  const ext = extname(path);
  if (ext === ".js" || ext === ".mjs") return [{ code: text, module: ext === ".mjs" || null, line: 0 }];
  if (ext !== ".html") return [];
  const out = [];
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2].trim()) continue;
    const line = text.slice(0, m.index).split("\n").length - 1;
    out.push({ code: m[2], module: /\btype\s*=\s*["']?module\b/i.test(m[1]), line });
  }
  return out;
}

function parse(code, ecmaVersion, module) {
  return acorn.parse(code, { ecmaVersion, sourceType: module ? "module" : "script", locations: true });
}

// Walks every node of an acorn AST.
function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (Array.isArray(child)) child.forEach((c) => walk(c, visit));
    else if (child && typeof child === "object" && typeof child.type === "string") walk(child, visit);
  }
}

function apiUses(ast) {
  const found = [];
  walk(ast, (node) => {
    if (node.type === "MemberExpression") {
      const prop = node.computed ? (node.property.type === "Literal" ? node.property.value : null) : node.property.name;
      const on = node.object.type === "Identifier" ? node.object.name : null;
      for (const api of NEWER_APIS) {
        if (api.name === prop && (!api.on || api.on === on)) {
          found.push({ loc: node.property.loc.start, what: `${api.on ? api.on + "." : "."}${prop}`, chrome: api.chrome });
        }
      }
    } else if (node.type === "Identifier") {
      for (const g of NEWER_GLOBALS) {
        if (g.name === node.name) found.push({ loc: node.loc.start, what: node.name, chrome: g.chrome });
      }
    }
  });
  return found;
}

const paths = process.argv.slice(2);
if (!paths.length) {
  console.error("usage: node .ci/compat.mjs PATH...");
  process.exit(2);
}
let checked = 0;
let bad = 0;
for (const path of paths.flatMap((p) => files(p, []))) {
  for (const s of scripts(path)) {
    checked++;
    const report = (line, col, msg) => {
      bad++;
      console.log(`compat-js: ${path}:${line + s.line}:${col + 1}: NOT IN CHROMIUM ${CHROMIUM}: ${msg}`);
    };
    // A .js file is tried as a module first (the wasm-bindgen glue is one), then as a script.
    const modes = s.module === null ? [true, false] : [s.module];
    let ast = null;
    let error = null;
    for (const module of modes) {
      try {
        ast = parse(s.code, ES, module);
        break;
      } catch (e) {
        error ??= e;
      }
    }
    if (!ast) {
      let newer = false;
      for (const module of modes) {
        try {
          parse(s.code, "latest", module);
          newer = true;
        } catch {}
      }
      const what = newer ? `syntax newer than ES${ES}` : "not valid JavaScript";
      report(error.loc?.line ?? 1, error.loc?.column ?? 0, `${what}: ${error.message}`);
      continue;
    }
    for (const u of apiUses(ast)) report(u.loc.line, u.loc.column, `${u.what} (needs Chrome ${u.chrome})`);
  }
}
console.log(`compat-js: ${checked} scripts checked (ES${ES} syntax, built-ins up to Chrome ${CHROMIUM}), ${bad} violations`);
process.exit(bad || !checked ? 1 : 0);
