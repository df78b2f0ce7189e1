#!/usr/bin/env bash
# Installs the Debian tools the tests and demos use when they are missing: verilator, iverilog, gtkwave (vcd2fst), g++,
# OpenSTA (static timing), Chromium (the report's browser check), dieharder (second-opinion battery) and Debian's
# Python with PyTorch, scikit-learn, SciPy and NumPy (the diffusion experiment; always /usr/bin/python3); clang as an
# optional extra (native Verilator builds are much faster with clang++; they fall back to g++).
set -u
need=()
command -v verilator >/dev/null 2>&1 || need+=(verilator)
command -v iverilog  >/dev/null 2>&1 || need+=(iverilog)
command -v vcd2fst   >/dev/null 2>&1 || need+=(gtkwave)
command -v g++       >/dev/null 2>&1 || need+=(g++)
command -v sta       >/dev/null 2>&1 || need+=(opensta)
command -v chromium  >/dev/null 2>&1 || need+=(chromium)
command -v dieharder >/dev/null 2>&1 || need+=(dieharder)
/usr/bin/python3 -c 'import torch, sklearn, scipy, numpy' >/dev/null 2>&1 || need+=(python3-torch python3-sklearn python3-scipy python3-numpy)
optional=()
command -v clang++   >/dev/null 2>&1 || optional+=(clang)
[ ${#need[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    if [ ${#need[@]} -eq 0 ]; then
      echo "meram-hdl: optional: apt-get install -y ${optional[*]} (faster native Verilator builds)" >&2
      exit 0
    fi
    echo "meram-hdl: missing tools: ${need[*]}. Install them with: apt-get install -y ${need[*]} (needs root)" >&2
    exit 1
  fi
fi
install() { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
if [ ${#need[@]} -gt 0 ]; then
  echo "meram-hdl: installing Debian packages: ${need[*]}"
  if ! install "${need[@]}"; then
    echo "meram-hdl: could not install ${need[*]} with apt-get. Install them by hand: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
if [ ${#optional[@]} -gt 0 ]; then
  echo "meram-hdl: installing optional Debian packages: ${optional[*]}"
  install "${optional[@]}" || echo "meram-hdl: could not install ${optional[*]} (optional; g++ is used instead)" >&2
fi
exit 0
