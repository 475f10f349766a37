// Starts the playground's Web Worker: wasm-bindgen's no-modules glue, then its wasm.
importScripts("./sfn-worker.js");
wasm_bindgen({ module_or_path: "./sfn-worker_bg.wasm" });
