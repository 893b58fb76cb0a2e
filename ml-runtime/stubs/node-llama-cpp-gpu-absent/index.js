// No prebuilt binaries here: node-llama-cpp asks a binary package for getBinsDir() and, finding
// none, falls back to the next compute layer (CPU).
export {};
