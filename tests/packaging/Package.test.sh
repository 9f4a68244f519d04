#!/usr/bin/env bash
# The Debian package installs and runs. Makes the .deb as `cpack -G DEB` does, checks its control
# fields and its contents, unpacks it into a scratch root (dpkg-deb -x: no root needed), and runs
# the unpacked program from there, far from the source and build trees: it lints the shipped
# library and plays every scripted transcript (tests/transcripts/*.script), whose output must be
# the reviewed .expected file, with free text scored by the installed models. Then the man page
# renders, the desktop entry validates, the icon parses and the bash completion completes.
#
#   tests/packaging/Package.test.sh BUILD_DIR VERSION SCRATCH_DIR [--sanitized]
#   (from the source tree; ctest runs it as `package`). --sanitized: the build is instrumented
#   by ASan or UBSan, whose data names the source files by their full paths (GCC 12 applies no
#   -ffile-prefix-map there), so the binary is not checked for paths of the trees.
set -euo pipefail
build=$(realpath "$1") version=$2 scratch=$3 sanitized=${4:-}
source_dir=$PWD
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
die() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$scratch"
mkdir -p "$scratch"
scratch=$(realpath "$scratch")
root=$scratch/root

# --- make the package --------------------------------------------------------------------------
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log" >&2; die "cpack -G DEB failed"; }
shopt -s nullglob
debs=("$scratch"/out/*.deb)
[ ${#debs[@]} -eq 1 ] || die "expected one .deb in $scratch/out, found ${#debs[@]}"
deb=${debs[0]}
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"

# --- control fields ----------------------------------------------------------------------------
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = sparring ] || fail "Package is '$(field Package)', not sparring"
[[ "$(field Version)" == "$version"-* ]] || fail "Version is '$(field Version)', not $version-<release>"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
[ "$(field Section)" = education ] || fail "Section is '$(field Section)', not education"
depends=$(field Depends)
echo "Depends: $depends"
# The font by hand; the libraries from dpkg-shlibdeps (one of each kind the binary links).
for package in fonts-dejavu-core libc6 libstdc++6 libsfml-graphics2.5 libyaml-cpp0.7 libfasttext0 libicu72 librsvg2-2; do
  [[ ", $depends," == *", $package"[\ ,]* ]] || fail "Depends lacks $package"
done

# --- contents ----------------------------------------------------------------------------------
dpkg-deb --contents "$deb" >"$scratch/contents"
for path in usr/bin/sparring \
            usr/share/sparring/scenarios/README.md \
            usr/share/sparring/scenarios/schema/scenario.schema.json \
            usr/share/sparring/scenarios/framework/default.yaml \
            usr/share/sparring/scenarios/roleplay/takeover-late-stage.yaml \
            usr/share/sparring/scenarios/panel/why-managers-dont-coach.yaml \
            usr/share/sparring/assets/portraits/maya/neutral.svg \
            usr/share/sparring/models/acts.bin \
            usr/share/sparring/models/tags.bin \
            usr/share/man/man1/sparring.1.gz \
            usr/share/applications/sparring.desktop \
            usr/share/icons/hicolor/scalable/apps/sparring.svg \
            usr/share/bash-completion/completions/sparring; do
  grep -q " \./$path\$" "$scratch/contents" || fail "the package lacks /$path"
done
grep -q '^-rwxr-xr-x .* \./usr/bin/sparring$' "$scratch/contents" || fail "/usr/bin/sparring is not rwxr-xr-x"
if grep -E ' \./usr/share/sparring/(assets/(corpus|screenshots)|.*\.train\.txt|.*/\.)' "$scratch/contents"; then
  fail "the package holds training data, screenshots, scratch files or dot-files (above)"
fi
if grep '^l' "$scratch/contents"; then fail "the package holds symbolic links (above)"; fi
if grep -v ' root/root ' "$scratch/contents"; then fail "files not owned by root (above)"; fi

# --- unpack and run from the scratch root ------------------------------------------------------
dpkg-deb --extract "$deb" "$root"
sparring=$root/usr/bin/sparring
data=$root/usr/share/sparring
if [ "$sanitized" = --sanitized ]; then
  echo "note: a sanitizer build: /usr/bin/sparring is not checked for paths of the source and build trees"
else
  for tree in "$source_dir" "$build"; do
    if grep -qF "$tree" "$sparring"; then fail "/usr/bin/sparring holds the path $tree"; fi
  done
fi
cd "$scratch" # nothing of the source tree is within reach by a relative path

lint=$("$sparring" lint "$data/scenarios" 2>&1) || fail "sparring lint on the installed library failed: $lint"
[[ "$lint" == *"): 0 errors, 0 warnings" ]] || fail "sparring lint is not clean: $lint"

scripts=("$source_dir"/tests/transcripts/*.script)
[ ${#scripts[@]} -ge 2 ] || die "no transcripts in $source_dir/tests/transcripts"
scored=0
for script in "${scripts[@]}"; do
  name=$(basename "$script" .script) # <scenario-id>.<path>
  id=${name%.*}
  scenario=$(grep -rlx --include='*.yaml' "  id: $id" "$data/scenarios" || true)
  scenario=${scenario%%$'\n'*}
  [ -n "$scenario" ] || { fail "no installed scenario has id $id"; continue; }
  out=$scratch/$name.out
  "$sparring" play "$scenario" --script "$script" >"$out" 2>&1 || fail "$name: sparring play exited with $?"
  if grep 'routed by phrases only' "$out"; then fail "$name: the installed scorer did not load (above)"; fi
  grep -q '^== Outcome: ' "$out" || fail "$name: no outcome line"
  if grep -q '^  What your words did: ' "${script%.script}.expected"; then
    grep -q '^  What your words did: ' "$out" || fail "$name: no free-text answer was scored"
    scored=$((scored + 1))
  fi
  diff -u "${script%.script}.expected" "$out" >"$scratch/$name.diff" ||
    fail "$name: the installed program's transcript differs from the reviewed one ($scratch/$name.diff):
$(head -n 20 "$scratch/$name.diff")"
  echo "played $name: $(grep '^== Outcome: ' "$out" || true)"
done

[ $scored -gt 0 ] || fail "no transcript has a free-text answer scored by the models"

# --- man page, desktop entry, icon, completion --------------------------------------------------
man_errors=$(MANWIDTH=80 MANPAGER=cat man --warnings -l "$root/usr/share/man/man1/sparring.1.gz" 2>&1 >"$scratch/man.txt") ||
  fail "man -l failed: $man_errors"
[ -z "$man_errors" ] || fail "the man page has roff warnings: $man_errors"
for text in "NAME" "sparring play" "sparring lint" "--script FILE" "EXIT STATUS"; do
  grep -qF -- "$text" "$scratch/man.txt" || fail "the rendered man page lacks '$text'"
done

desktop=$root/usr/share/applications/sparring.desktop
validation=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $validation"
[ -z "$validation" ] || fail "desktop-file-validate: $validation"
grep -qx 'Exec=sparring' "$desktop" || fail "the desktop entry does not run sparring"
grep -qx 'Icon=sparring' "$desktop" || fail "the desktop entry does not name the sparring icon"
python3 -c 'import sys, xml.etree.ElementTree as ET; sys.exit(ET.parse(sys.argv[1]).getroot().tag != "{http://www.w3.org/2000/svg}svg")' \
  "$root/usr/share/icons/hicolor/scalable/apps/sparring.svg" || fail "the icon is not an SVG document"

complete_words() { # complete_words WORD... : what the installed completion offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sparring; echo "${COMPREPLY[*]}"' \
    complete "$root/usr/share/bash-completion/completions/sparring" "$@"
}
[ "$(complete_words sparring pl)" = play ] || fail "completion of 'sparring pl': '$(complete_words sparring pl)'"
[ "$(complete_words sparring lint --format "")" = "human json" ] || fail "completion of lint --format"
[ "$(complete_words sparring play --as)" = --assess ] || fail "completion of play's options"
[ "$(complete_words sparring play "$data/scenarios/roleplay/tak")" = "$data/scenarios/roleplay/takeover-late-stage.yaml" ] ||
  fail "completion of a scenario file: '$(complete_words sparring play "$data/scenarios/roleplay/tak")'"

[ $failures -eq 0 ] || die "$failures checks of the package failed"
echo "the package installs, plays and documents itself"
