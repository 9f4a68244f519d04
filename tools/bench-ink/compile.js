#!/usr/bin/env node
// Compiles STORY.ink to STORY.json once, the file that load.js then times.
//   node compile.js STORY.ink STORY.json
'use strict';

const fs = require('fs');
const { compileInk } = require('./compile-ink');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: node compile.js STORY.ink STORY.json\n');
  process.exit(2);
}
const story = compileInk(fs.readFileSync(input, 'utf8'), input);
// Written without the byte-order mark that inklecate adds: load.js reads plain JSON.
fs.writeFileSync(output, story.ToJson());
