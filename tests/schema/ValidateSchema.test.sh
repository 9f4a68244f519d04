#!/usr/bin/env bash
# tools/validate-schema on files that are wrong on purpose must fail with exit status 1 and print
# exactly tests/schema/wrong.expected: the check that passes over scenarios/ is shown able to fail,
# and its messages stay the ones the guide describes. Run from the source folder.
set -uo pipefail

actual=$(tools/validate-schema tests/schema/wrong-modeline.yaml tests/schema/wrong-types.yaml 2>&1)
status=$?
if [ "$status" -ne 1 ]; then
  echo "validate-schema exited with $status on wrong files, not 1; it printed:"
  echo "$actual"
  exit 1
fi
if ! diff -u tests/schema/wrong.expected <(echo "$actual"); then
  echo "validate-schema's report differs from tests/schema/wrong.expected (- expected, + actual)"
  exit 1
fi
echo "validate-schema printed the $(wc -l < tests/schema/wrong.expected) expected lines and exited 1"
