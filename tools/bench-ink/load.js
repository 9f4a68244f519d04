#!/usr/bin/env node
// Timed by `run` as a whole process: read a compiled ink story (JSON) and build
// the runtime Story from it, as a game does at start-up, then stop.
//   node load.js STORY.json
'use strict';

const fs = require('fs');
// The runtime-only build: loading a compiled story needs no compiler.
const { Story } = require('inkjs');

const [input] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node load.js STORY.json\n');
  process.exit(2);
}
// Story is given the text, not a parsed object, so JSON parsing is part of the
// load, as it is for Sparring reading its YAML.
const story = new Story(fs.readFileSync(input, 'utf8'));
// A cheap check that the story really is loaded and positioned at its start;
// it reads state without running any of the story.
if (!story.canContinue) {
  process.stderr.write(`load.js: ${input} loaded but cannot start\n`);
  process.exit(1);
}
