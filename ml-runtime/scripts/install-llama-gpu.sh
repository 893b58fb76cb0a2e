#!/usr/bin/env bash
# Puts node-llama-cpp's GPU binaries in place of the stand-ins `npm ci` installs on this project
# (root package.json "overrides": ml-runtime/stubs/node-llama-cpp-gpu-absent), on a GPU machine:
#
#   bash ml-runtime/scripts/install-llama-gpu.sh            # CUDA: @node-llama-cpp/linux-x64-cuda + -cuda-ext (~540 MB)
#   bash ml-runtime/scripts/install-llama-gpu.sh vulkan     # Vulkan: @node-llama-cpp/linux-x64-vulkan (~80 MB)
#   ML_GENERATION_GPU=auto npm start                        # or ML_GENERATION_GPU=cuda; /healthz shows the device
#
# The tarballs come from the npm registry through `npm pack` (integrity checked by npm), at the
# version of the installed node-llama-cpp. package.json and package-lock.json are not touched; the
# next `npm ci` puts the stand-ins back. NODE_MODULES picks another node_modules folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
kind="${1:-cuda}"
case "$kind" in
  cuda) packages=(linux-x64-cuda linux-x64-cuda-ext) ;;
  vulkan) packages=(linux-x64-vulkan) ;;
  *) echo "usage: $0 [cuda|vulkan]" >&2; exit 2 ;;
esac
modules="${NODE_MODULES:-$PWD/node_modules}"
version="$(node -p "require('$modules/node-llama-cpp/package.json').version")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for name in "${packages[@]}"; do
  echo "@node-llama-cpp/$name@$version ..."
  tarball="$(cd "$work" && npm pack --silent "@node-llama-cpp/$name@$version" 2>/dev/null | tail -1)"
  mkdir -p "$work/$name"
  tar xzf "$work/$tarball" -C "$work/$name" --strip-components=1
  rm -rf "${modules:?}/@node-llama-cpp/$name"
  mv "$work/$name" "$modules/@node-llama-cpp/$name"
done
echo "installed; node-llama-cpp reports its GPU with: node -e \"import('node-llama-cpp').then(async (m) => console.log((await m.getLlama({ gpu: 'auto', build: 'never' })).gpu))\""
