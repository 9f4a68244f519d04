#!/usr/bin/env node
// Converts a scenario written by `sparring generate --units N` into an ink story
// of the same graph: same texts, conditions, effects and targets, one knot per node.
//
//   node to-ink.js SCENARIO.yaml [OUT.ink]      (standard output without OUT)
//
// It handles what `sparring generate` writes, not every scenario: anything else
// (another node type, an unknown key, a non-int variable) is refused with a
// message rather than converted approximately, so the benchmark can never
// silently compare two different graphs.
//
// The mapping:
//   variables: v {type: int, initial: I}  ->  VAR v = I
//   start: n0                              ->  -> n0   (ink starts at the top)
//   line node                              ->  === id === / text #speaker:who / -> next
//   choice node option                     ->  + {if} [text #evidence tags] / ~ do / -> goto
//   choice node fallback                   ->  + -> / text / ~ do / -> goto   (ink's fallback choice)
//   end node                               ->  === id === / debrief #outcome:o / -> END
//
// Choices are sticky (`+`), not once-only (`*`): the generated graph loops back to
// earlier nodes, and a Sparring option stays available on every visit.
//
// Speaker, evidence and outcome have no ink construct; they travel as tags so the
// ink story carries the same data as the YAML and neither side loads less.
//
// Semantic differences that remain (neither changes what is loaded, and neither
// changes the play of this particular graph):
//   - Sparring clamps an int variable to its declared min/max after each effect;
//     ink has no ranged variables and never clamps. The generated effects keep v
//     within [25, 66] anyway, a range they map into itself (+7 only below 60,
//     -5 only from 30 up, v / 2 + 20 sends [25, 66] to [32, 53]), and v starts at
//     50, so the declared [0, 100] is never reached and no clamp ever happens.
//   - Sparring offers the fallback as a choice to pick when no option's condition
//     holds; ink takes its fallback choice automatically, printing its text. Here
//     v < 60 or v >= 30 always holds, so neither ever gets there.
//
// The scenario, framework and cast blocks at the top of the file describe the
// scenario rather than the graph (a few hundred bytes whatever N is) and are left out.
'use strict';

const fs = require('fs');
// js-yaml rather than the `yaml` package: on a 5 MB generated file `yaml` took
// about 30 s (its parse grows faster than linearly with the size: the nodes
// mapping has 2N+1 keys), js-yaml about 1 s, and 100000 units stay practical.
const jsYaml = require('js-yaml');

// ink keywords and built-ins that a knot or variable may not be called.
const INK_RESERVED = new Set([
  'END', 'DONE', 'VAR', 'CONST', 'LIST', 'INCLUDE', 'EXTERNAL', 'function', 'return',
  'temp', 'ref', 'else', 'not', 'and', 'or', 'mod', 'has', 'hasnt', 'true', 'false',
  'stopping', 'cycle', 'shuffle', 'once', 'TURNS_SINCE', 'TURNS', 'CHOICE_COUNT',
  'SEED_RANDOM', 'RANDOM', 'INT', 'FLOOR', 'FLOAT', 'POW', 'READ_COUNT', 'LIST_VALUE',
]);

function fail(message) {
  process.stderr.write(`to-ink: ${message}\n`);
  process.exit(1);
}

// A node id or variable name becomes an ink identifier as is, so that a reader can
// match knots to nodes one for one; refuse the rare id that ink cannot take.
function identifier(name, what) {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || INK_RESERVED.has(name)) {
    fail(`${what} ${JSON.stringify(name)} is not usable as an ink identifier`);
  }
  return name;
}

// Checks that an object has only keys this converter understands.
function onlyKeys(obj, allowed, where) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) fail(`${where} is not a mapping`);
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(`${where} has key '${key}', which to-ink.js does not convert`);
  }
}

// Escapes text so that ink prints it verbatim. In ink a backslash makes the next
// character literal; only characters (or pairs) that ink would otherwise read as
// markup are escaped, which keeps the generated source readable.
function inkText(text, where) {
  if (typeof text !== 'string' || text.trim() === '') fail(`${where} has no text`);
  if (/[\r\n]/.test(text)) fail(`${where} text spans lines`);
  if (text !== text.trim()) fail(`${where} text has surrounding spaces, which ink would drop`);
  // ink strips comments before it parses, backslashes or not, so "//" and "/*"
  // cannot be escaped; no generated text has them.
  if (/\/\/|\/\*/.test(text)) fail(`${where} text contains '//' or '/*', which ink reads as a comment`);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    const markup =
      '\\{}|[]#'.includes(c) || // logic, alternatives, choice brackets, tags, escape itself
      (c === '-' && next === '>') || // divert
      (c === '<' && (next === '>' || next === '-')) || // glue, thread
      (i === 0 && '*+-=~'.includes(c)); // line starts that begin a choice, gather, knot or logic
    out += markup ? `\\${c}` : c;
  }
  return out;
}

// Tags are free text up to the end of the line; only '#' (a new tag) and the
// comment and escape characters need care. Values here are ids and numbers.
function inkTag(name, value) {
  const tag = `${name}:${value}`;
  if (/[#\\\r\n]|\/\/|\/\*/.test(tag)) fail(`cannot write tag ${JSON.stringify(tag)}`);
  return `#${tag}`;
}

// Evidence {principle: weight, ...} becomes one tag per principle, in YAML order.
function evidenceTags(evidence, where) {
  if (evidence === undefined) return [];
  if (evidence === null || typeof evidence !== 'object' || Array.isArray(evidence)) {
    fail(`${where} evidence is not a mapping`);
  }
  return Object.entries(evidence).map(([principle, weight]) => inkTag('evidence', `${principle}=${weight}`));
}

// Conditions and effects use the same infix syntax in both languages for what
// `sparring generate` writes (<, >=, %, !=, +=, -=, =, /, +; ints only; ink's
// int / int is integer division, like Sparring's, for the non-negative v here). Anything outside that small
// alphabet is refused instead of trusted to mean the same thing.
const EXPRESSION = /^[A-Za-z0-9_ ()+\-*/%<>=!&|]+$/;

function inkCondition(condition, where) {
  if (typeof condition !== 'string' || !EXPRESSION.test(condition)) {
    fail(`${where} condition ${JSON.stringify(condition)} is outside what to-ink.js converts`);
  }
  return condition.trim();
}

function inkEffects(effects, where) {
  if (effects === undefined) return [];
  if (!Array.isArray(effects)) fail(`${where} 'do' is not a list`);
  return effects.map((effect) => {
    const m = typeof effect === 'string' && /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=)\s*(.+?)\s*$/.exec(effect);
    if (!m || !EXPRESSION.test(m[3])) fail(`${where} effect ${JSON.stringify(effect)} is outside what to-ink.js converts`);
    return `  ~ ${m[1]} ${m[2]} ${m[3]}`;
  });
}

function convert(doc) {
  const out = [];
  out.push(`// Generated by tools/bench-ink/to-ink.js from a \`sparring generate\` scenario.`);
  out.push(`// Same graph as the YAML: one knot per node, same texts, conditions, effects and targets.`);

  // Variables. Only ints exist in the generated file; the declared range is kept
  // as a comment because ink does not clamp (see the note at the top of to-ink.js).
  const variables = doc.variables || {};
  for (const [name, spec] of Object.entries(variables)) {
    onlyKeys(spec, ['type', 'min', 'max', 'initial'], `variable ${name}`);
    if (spec.type !== 'int' || !Number.isInteger(spec.initial)) fail(`variable ${name} is not an int with an initial value`);
    const range = spec.min !== undefined || spec.max !== undefined
      ? ` // Sparring clamps to [${spec.min ?? ''}, ${spec.max ?? ''}]; ink does not`
      : '';
    out.push(`VAR ${identifier(name, 'variable')} = ${spec.initial}${range}`);
  }

  const nodes = doc.nodes;
  if (!nodes || typeof nodes !== 'object') fail('the scenario has no nodes');
  const ids = new Set(Object.keys(nodes));
  const target = (id, where) => {
    if (!ids.has(id)) fail(`${where} goes to unknown node ${JSON.stringify(id)}`);
    return identifier(id, 'node id');
  };

  out.push('');
  out.push(`-> ${target(doc.start, 'start')}`);

  for (const [id, node] of Object.entries(nodes)) {
    const where = `node ${id}`;
    out.push('');
    out.push(`=== ${identifier(id, 'node id')} ===`);
    switch (node && node.type) {
      case 'line': {
        onlyKeys(node, ['type', 'speaker', 'text', 'next'], where);
        const speaker = node.speaker !== undefined ? ` ${inkTag('speaker', node.speaker)}` : '';
        out.push(`${inkText(node.text, where)}${speaker}`);
        out.push(`-> ${target(node.next, where)}`);
        break;
      }
      case 'choice': {
        onlyKeys(node, ['type', 'options', 'fallback'], where);
        if (!Array.isArray(node.options) || node.options.length === 0) fail(`${where} has no options`);
        node.options.forEach((option, i) => {
          const at = `${where} option ${i + 1}`;
          onlyKeys(option, ['text', 'if', 'do', 'goto', 'evidence'], at);
          const condition = option.if !== undefined ? `{${inkCondition(option.if, at)}} ` : '';
          // Tags inside the brackets belong to the choice, not to the output after it.
          const tags = evidenceTags(option.evidence, at).map((t) => ` ${t}`).join('');
          out.push(`+ ${condition}[${inkText(option.text, at)}${tags}]`);
          out.push(...inkEffects(option.do, at));
          out.push(`  -> ${target(option.goto, at)}`);
        });
        if (node.fallback !== undefined) {
          const at = `${where} fallback`;
          onlyKeys(node.fallback, ['text', 'do', 'goto', 'evidence'], at);
          // ink's fallback choice is a choice with no text ("+ ->"); the text
          // Sparring shows for it becomes the content printed when it is taken.
          const tags = evidenceTags(node.fallback.evidence, at).map((t) => ` ${t}`).join('');
          out.push('+ ->');
          out.push(`  ${inkText(node.fallback.text, at)}${tags}`);
          out.push(...inkEffects(node.fallback.do, at));
          out.push(`  -> ${target(node.fallback.goto, at)}`);
        }
        break;
      }
      case 'end': {
        onlyKeys(node, ['type', 'outcome', 'debrief'], where);
        const outcome = node.outcome !== undefined ? ` ${inkTag('outcome', node.outcome)}` : '';
        if (node.debrief !== undefined) out.push(`${inkText(node.debrief, where)}${outcome}`);
        else if (outcome) out.push(outcome.trim());
        out.push('-> END');
        break;
      }
      default:
        fail(`${where} has type ${JSON.stringify(node && node.type)}, which to-ink.js does not convert`);
    }
  }
  out.push('');
  return out.join('\n');
}

function main() {
  const [input, output] = process.argv.slice(2);
  if (!input) fail('usage: node to-ink.js SCENARIO.yaml [OUT.ink]');
  const doc = jsYaml.load(fs.readFileSync(input, 'utf8'));
  const ink = convert(doc);
  if (output) fs.writeFileSync(output, ink);
  else process.stdout.write(ink);
}

main();
