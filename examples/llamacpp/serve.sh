#!/usr/bin/env bash
# Three llama-server launches on one 12 GB card (see ../.runlocalai.yaml).
set -euo pipefail
MODELS="${MODELS:-$HOME/models}"

case "${1:-small}" in
  small)
    # Fits: 8B at Q4_K_M with a 16K context.
    exec llama-server \
      -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf \
      --ctx-size 16384 -ngl 99 -fa on
    ;;
  medium)
    # Partial offload: a 32B model is larger than the card; the rest of its layers run on the CPU.
    exec llama-server \
      -hf bartowski/Qwen2.5-32B-Instruct-GGUF:Q4_K_M \
      --ctx-size 8192 --parallel 1
    ;;
  large)
    # Won't fit: 70B at Q8_0 is larger than the card and the RAM together.
    exec llama-server -m Meta-Llama-3.1-70B-Instruct-Q8_0.gguf -c 32768 -ngl 99
    ;;
esac
