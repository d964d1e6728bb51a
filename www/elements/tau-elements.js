// Custom elements for the tau-overlay widgets: <tau-alerts>, <tau-chat>, <tau-event-list>,
// <tau-labels>. Load it as a module next to the built overlay (dist/):
//   <script type="module" src="elements/tau-elements.js"></script>
//
// wasm-bindgen cannot subclass HTMLElement, so this script defines the classes and calls the
// bundle's exported mount_element() (the JS mount() over the page's own URL fragment). Trunk
// names the bundle by its hash, so the script reads the built index.html for the names of the
// JS, the wasm and the component stylesheets.
//
// Each element renders in its own shadow root: page CSS does not reach in, the widgets' CSS does
// not leak out. The component stylesheets are <link>ed inside every root (the browser fetches
// each once); the theme (--tau-* custom properties, which cross the shadow boundary) is linked
// in the page's <head> unless the page already set them. Attributes are the URL fragment's keys
// (<tau-event-list events_max="5" tau="localhost:8000">); the token is never an attribute: it
// comes from the page's fragment (#token=…, scrubbed from the address bar) or the element's
// `token` JS property, set before the element is connected. All elements on a page with the
// same tau and token share one events socket.
const WIDGETS = {
  "tau-alerts": "alerts", "tau-chat": "chat", "tau-event-list": "events", "tau-labels": "labels",
  "tau-goal": "goal", "tau-hype-train": "hype", "tau-poll": "poll", "tau-prediction": "prediction",
};
const base = new URL("../", import.meta.url); // the built overlay: dist/, above elements/

const bundle = (async () => {
  const html = await (await fetch(new URL("index.html", base))).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  const href = (selector) => new URL(doc.querySelector(selector).getAttribute("href"), base).href;
  const sheets = [...doc.querySelectorAll("link[rel=stylesheet]")].map((l) => new URL(l.getAttribute("href"), base).href);
  // The default theme is the first stylesheet: it sets the --tau-* properties on :root.
  const [theme, ...components] = sheets;
  if (theme && !document.querySelector("link[data-tau-theme]")) {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: theme });
    link.dataset.tauTheme = "";
    document.head.append(link);
  }
  globalThis.__TAU_EMBED__ = true; // the bundle then mounts no full-page overlay
  const bindings = await import(href("link[rel=modulepreload]"));
  await bindings.default({ module_or_path: href('link[rel=preload][type="application/wasm"]') });
  return { bindings, components };
})();

/** The bundle's exports once loaded, for pages that call `mount()` themselves:
 *  `const { mount } = await (await import("./elements/tau-elements.js")).ready;` */
export const ready = bundle.then(({ bindings }) => bindings);

class TauWidget extends HTMLElement {
  connectedCallback() {
    const generation = (this._generation = (this._generation || 0) + 1);
    bundle.then(({ bindings, components }) => {
      if (generation !== this._generation || !this.isConnected) return; // removed meanwhile
      const root = this.shadowRoot || this.attachShadow({ mode: "open" });
      root.replaceChildren(...components.map((href) => Object.assign(document.createElement("link"), { rel: "stylesheet", href })));
      const box = document.createElement("div");
      box.className = "tau-embed";
      root.append(box);
      const options = { widgets: WIDGETS[this.localName] };
      for (const { name, value } of this.attributes) {
        if (name === "token") console.warn("tau-overlay: the token is never an attribute (ignored)");
        else options[name] = value === "" ? true : value;
      }
      if (this.token) options.token = this.token;
      this._handle = bindings.mount_element(box, options);
    });
  }
  disconnectedCallback() {
    this._generation = (this._generation || 0) + 1;
    if (this._handle) this._handle.unmount();
    this._handle = null;
  }
  /** Raw TAU events of this element's feed (see mount()'s handle.on). */
  on(event, callback) {
    return bundle.then(() => this._handle && this._handle.on(event, callback));
  }
}

for (const name of Object.keys(WIDGETS)) customElements.define(name, class extends TauWidget {});
