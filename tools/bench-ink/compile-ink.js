// Shared by compile.js and compile-and-load.js: compiles ink source with inkjs's
// own compiler and fails loudly, so a broken conversion can never be timed as a
// fast "compile".
'use strict';

// The "full" build is the one that contains the compiler; the plain `inkjs`
// entry point is the runtime alone (what load.js uses, as a game would ship).
const { Compiler } = require('inkjs/full');

function compileInk(source, filename) {
  // Default options, as inklecate uses them: countAllVisits off (the story needs
  // no visit counts). No source file name is given: with one, inkjs insists on
  // a file handler for INCLUDE lines, which the converted stories never have;
  // errors still carry line numbers.
  const compiler = new Compiler(source);
  let story = null;
  try {
    story = compiler.Compile();
  } catch (error) {
    // Compile() throws "Compilation failed." when it reported errors; anything
    // else is a real crash and is shown as such.
    if (compiler.errors.length === 0) throw error;
  }
  if (compiler.errors.length > 0 || story === null) {
    const shown = compiler.errors.slice(0, 20).join('\n');
    throw new Error(`inkjs could not compile ${filename}: ${compiler.errors.length} errors\n${shown}`);
  }
  // Warnings would mean the conversion is not as clean as intended; say so, but
  // on stderr, which the benchmark keeps apart from the timing.
  for (const warning of compiler.warnings.slice(0, 20)) process.stderr.write(`warning: ${warning}\n`);
  return story;
}

module.exports = { compileInk };
