#!/usr/bin/env bash
# Installs the Debian tools the tests and demos use (verilator, iverilog, gtkwave) when they are missing.
set -u
need=()
command -v verilator >/dev/null 2>&1 || need+=(verilator)
command -v iverilog  >/dev/null 2>&1 || need+=(iverilog)
command -v vcd2fst   >/dev/null 2>&1 || need+=(gtkwave)
command -v g++       >/dev/null 2>&1 || need+=(g++)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "meram-hdl: missing tools: ${need[*]}. Install them with: apt-get install -y ${need[*]} (needs root)" >&2
    exit 1
  fi
fi
echo "meram-hdl: installing Debian packages: ${need[*]}"
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
  echo "meram-hdl: could not install ${need[*]} with apt-get. Install them by hand: apt-get install -y ${need[*]}" >&2
  exit 1
fi
