#!/usr/bin/env bash
# Runs the test suite: parsers, annotations, templates, and end-to-end builds with a link check.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
swift format lint --strict --recursive Sources Tests Package.swift
swift build --build-tests
swift test --skip-build "$@"
