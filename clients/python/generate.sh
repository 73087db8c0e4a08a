#!/usr/bin/env bash
# Generates the Python protobuf modules of the wire contract (proto/src/main/protobuf/scstbus/v1)
# into clients/python/gen/ (gitignored), from the same .proto files the Java build uses.
# Use a protoc whose major.minor matches the python3-protobuf runtime (Debian 12: protoc 3.21.12 and
# python3-protobuf 3.21.12, whose module reports 4.21.12). PROTOC=/path/to/protoc overrides.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
protoc=${PROTOC:-protoc}
src="$root/proto/src/main/protobuf"
if ! command -v "$protoc" >/dev/null 2>&1; then
  echo "generate.sh: protoc not found; apt-get install -y protobuf-compiler (or set PROTOC)" >&2
  exit 1
fi
out="$here/gen"
tmp=$(mktemp -d "$here/.gen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$protoc" -I "$src" --python_out="$tmp" "$src"/scstbus/v1/*.proto
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "generate.sh: $("$protoc" --version) -> ${out#$root/}/scstbus/v1/" >&2
