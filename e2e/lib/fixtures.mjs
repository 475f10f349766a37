// Scenarios of the history and graph tests (e2e/fixtures/*.json), opened through a share
// link (`#s=1.` + base64url of the raw-deflated JSON text, as README.md describes it).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BASE_URL, REPO } from './harness.mjs';

/// The page URL that opens e2e/fixtures/NAME.json.
export function fixtureUrl(name) {
  const text = fs.readFileSync(path.join(REPO, 'e2e/fixtures', `${name}.json`));
  return `${BASE_URL}#s=1.${zlib.deflateRawSync(text).toString('base64url')}`;
}

/// The page URL that opens a built-in preset.
export const presetUrl = (id) => `${BASE_URL}#p=${id}`;

/// Opens the page at each of the usual sizes in turn and calls `fn(page, width)`.
export const SIZES = [[1440, 900], [1280, 720], [390, 844]];

/// The page URL that opens the scenario `value` (an object) through a share link.
export function scenarioUrl(value) {
  const text = Buffer.from(JSON.stringify(value, null, 2));
  return `${BASE_URL}#s=1.${zlib.deflateRawSync(text).toString('base64url')}`;
}

/// A built-in preset's scenario, parsed.
export function presetScenario(id) {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'crates/sim/presets', `${id}.json`), 'utf8'));
}
