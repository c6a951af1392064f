#!/usr/bin/env bash
# Builds the libFuzzer targets and runs them.
#   bash scripts/fuzz.sh                 # every target, 600 s each, two at a time
#   bash scripts/fuzz.sh markdown 60     # one target for 60 s
# Targets: frontmatter, templates, markdown. Seed corpora are in Fuzz/corpus/<target> (plus the
# shipped Templates/ and Content/ files); new inputs
# found while fuzzing go to .build-fuzz/corpus/<target>, crashes to .build-fuzz/crashes/<target>.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

seconds=${2:-600}
targets=${1:-"frontmatter templates markdown"}
[ "$targets" = all ] && targets="frontmatter templates markdown"
out=.build-fuzz
mkdir -p "$out"

build() {
    local target=$1 file
    case $target in
        frontmatter) file=Fuzz/FrontMatterTarget.swift ;;
        templates) file=Fuzz/TemplateTarget.swift ;;
        markdown) file=Fuzz/MarkdownTarget.swift ;;
        *) echo "unknown target '$target'" >&2; exit 2 ;;
    esac
    # The library's sources are compiled into the target's own module, with sanitizer coverage.
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name DossierFuzz \
        -I Sources/CCmark $(find Sources/DossierCore -name '*.swift' | sort) "$file" \
        -lcmark -o "$out/fuzz-$target" 2>&1 | { grep -v "Cannot export local symbol '__asan" || true; }
    test -x "$out/fuzz-$target"
}

run() {
    local target=$1 seeds=("Fuzz/corpus/$target")
    # The shipped templates and content are seeds too, read where they are rather than copied.
    case $target in
        templates) seeds+=(Templates Templates/partials) ;;
        frontmatter) seeds+=(Content Content/articles Content/actors Content/topics) ;;
    esac
    mkdir -p "$out/corpus/$target" "$out/crashes/$target"
    "$out/fuzz-$target" "$out/corpus/$target" "${seeds[@]}" \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$out/crashes/$target/" -print_final_stats=1 >"$out/fuzz-$target.log" 2>&1
    local status=$?
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE" "$out/fuzz-$target.log" | sed "s/^/$target: /"
    if [ $status -ne 0 ]; then
        echo "$target: FAILED (exit $status); see $out/fuzz-$target.log and $out/crashes/$target/" >&2
        return 1
    fi
    echo "$target: no crash in $seconds s"
}

for target in $targets; do build "$target"; done
set +e
failed=0
pids=()
running=0
for target in $targets; do
    run "$target" &
    pids+=($!)
    running=$((running + 1))
    if [ $running -ge 2 ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
        running=$((running - 1))
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit $failed
