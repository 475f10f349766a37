#!/usr/bin/env python3
"""Trunk post-build hook: adds a Content-Security-Policy to the built index.html that allows
only this site's own files, the hashes of the inline loader scripts Trunk writes, and
WebAssembly compilation ('wasm-unsafe-eval'; never 'unsafe-eval'); drops the `integrity`
that browsers ignore (and warn about) on the wasm's preload link."""
import base64, hashlib, os, re, sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()
hashes = [
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
]
policy = "; ".join([
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
])
# Chromium ignores `integrity` on a preload whose destination has no subresource integrity
# (the wasm, preloaded `as="fetch"`) and warns on the console for it; the fetch that uses the
# preload carries none either. Module preloads keep theirs.
html = re.sub(
    r"<link\b[^>]*>",
    lambda m: re.sub(r'\s+integrity="[^"]*"', "", m.group(0)) if 'rel="preload"' in m.group(0) else m.group(0),
    html,
)
meta = '<meta http-equiv="Content-Security-Policy" content="%s" />' % policy
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", html)
html = html.replace("<head>", "<head>\n  " + meta, 1)
open(path, "w", encoding="utf-8").write(html)
print("csp: %d inline script hash(es)" % len(hashes))
