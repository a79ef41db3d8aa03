#!/usr/bin/env bash
# Writes OUTPUT-FOLDER/EmbeddedLessons.swift: every file below LESSON-FOLDER
# (hidden ones left out), by its path relative to that folder, in base64 so
# any byte survives. Run by the EmbedLessons plugin when a lesson file
# changed; the file is replaced only when its text changes, so nothing is
# recompiled for nothing.
#
#   embed-lessons.sh LESSON-FOLDER OUTPUT-FOLDER [EXTRA-FILE ...]
#
# Each EXTRA-FILE (the language reference, which `:help TOPIC` reads) is
# embedded at the top of the lesson folder under its own name.
#
# A shell script rather than a Swift tool: the fuzzing build compiles every
# Swift executable with libFuzzer's own `main`, so a tool target would not link.
set -euo pipefail
folder="$1"
outputs="$2"
shift 2
extras=("$@")
mkdir -p "$outputs"
target="$outputs/EmbeddedLessons.swift"
temporary="$(mktemp "$outputs/.EmbeddedLessons.XXXXXX")"
trap 'rm -f "$temporary"' EXIT

files=()
while IFS= read -r file; do files+=("$file"); done < <(
  cd "$folder" && find . -type f ! -path '*/.*' | sed 's|^\./||' | LC_ALL=C sort)
sources=()
for file in "${files[@]}"; do sources+=("$folder/$file"); done
for extra in "${extras[@]}"; do files+=("$(basename "$extra")"); sources+=("$extra"); done

# Names the cache folder the lessons are unpacked into (see LessonLibrary):
# a binary with other lessons never reads another's copy.
fingerprint="$(for i in "${!files[@]}"; do printf '%s\n' "${files[$i]}"; cat "${sources[$i]}"; done \
  | cksum | awk '{ printf "%08x%x", $1, $2 }')"

{
  printf '// Generated before each build by the EmbedLessons plugin from the lesson\n'
  printf '// folder; not in the repository. Do not edit.\n\n'
  printf '/// The lessons and exercises carried by the binary (see `LessonLibrary`).\n'
  printf 'enum EmbeddedLessons {\n'
  printf '  /// Changes whenever any embedded file does.\n'
  printf '  static let fingerprint = "%s"\n\n' "$fingerprint"
  printf '  /// Each file'"'"'s path below the lesson folder and its bytes in base64.\n'
  printf '  static let files: [(path: String, base64: String)] = [\n'
  for i in "${!files[@]}"; do
    file="${files[$i]}"
    escaped="${file//\\/\\\\}"
    escaped="${escaped//\"/\\\"}"
    printf '    ("%s", "%s"),\n' "$escaped" "$(base64 < "${sources[$i]}" | tr -d '\n')"
  done
  printf '  ]\n}\n'
} > "$temporary"

if cmp -s "$temporary" "$target"; then
  rm -f "$temporary"
else
  mv "$temporary" "$target"
fi
trap - EXIT
