#!/usr/bin/env node
// Timed by `run` as a whole process: compile ink source with inkjs's compiler,
// which hands back the runtime Story built in memory (no JSON round trip), then stop.
//   node compile-and-load.js STORY.ink
'use strict';

const fs = require('fs');
const { compileInk } = require('./compile-ink');

const [input] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node compile-and-load.js STORY.ink\n');
  process.exit(2);
}
const story = compileInk(fs.readFileSync(input, 'utf8'), input);
// Same check as load.js, so both ink figures end at the same point.
if (!story.canContinue) {
  process.stderr.write(`compile-and-load.js: ${input} compiled but cannot start\n`);
  process.exit(1);
}
