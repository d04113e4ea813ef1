#!/usr/bin/env bash
# Builds the small assistant from its Modelfile and starts it; the fit is checked in small.Modelfile.
set -euo pipefail
cd "$(dirname "$0")"
ollama create assistant -f ./small.Modelfile
ollama run assistant "Say hello in one sentence."
