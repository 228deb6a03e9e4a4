#!/usr/bin/env bash
# Refits every built-in board profile from the reference measurements in ../shared/data (and the datasheet figures
# in energy/boards/datasheets/) and redraws the predicted-vs-measured plots in results/energy/, then derives the boards
# without measurements (Jetson Xavier NX, Orin Nano). Run from the project root: energy/boards/regenerate.sh
# Each profile also stores the exact command that made it (provenance.command).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DATA="${EDGENAS_DATA:-../shared/data}"
B=energy/src/main/resources/org/edgenas/energy/boards
DS=energy/boards/datasheets
mkdir -p results/energy

./nas calibrate --name jetson-tx2 --datasheet $DS/jetson-tx2.json \
  --description "NVIDIA Jetson TX2, TensorRT FP32 (torch2trt), batch 1; energy = mean board power (INA3221) x latency" \
  --space nb201 --networks "$DATA/nb201/jetson_latency.csv" --latency-column tx2_trt_b1_latency_ms \
  --power-points "$DATA/nb201/tx2_energy_points.csv" --plot results/energy/jetson-tx2.png --out $B/jetson-tx2.json

# latency only: the Jetson Nano columns of the same file (BRP-NAS / EAGLE measurements); optimised execution, which
# cross-validates better than eager on both (2.5 % against 6.8 % MAPE in FP32, 5.1 % against 6.4 % in FP16)
./nas calibrate --name jetson-nano --datasheet $DS/jetson-nano.json \
  --description "NVIDIA Jetson Nano, FP32, batch 1 (BRP-NAS / EAGLE measurements); latency only" \
  --space nb201 --networks "$DATA/nb201/jetson_latency.csv" --latency-column nano_fp32_latency_ms \
  --plot results/energy/jetson-nano.png --out $B/jetson-nano.json
./nas calibrate --name jetson-nano-fp16 --datasheet $DS/jetson-nano-fp16.json --precision FP16 \
  --description "NVIDIA Jetson Nano, FP16, batch 1 (BRP-NAS / EAGLE measurements); latency only" \
  --space nb201 --networks "$DATA/nb201/jetson_latency.csv" --latency-column nano_fp16_latency_ms \
  --plot results/energy/jetson-nano-fp16.png --out $B/jetson-nano-fp16.json

for rt in onnx litert torchmobile; do
  case $rt in
    onnx) name=raspberry-pi-5; runtime="ONNX Runtime" ;;
    litert) name=raspberry-pi-5-litert; runtime="LiteRT" ;;
    torchmobile) name=raspberry-pi-5-torchmobile; runtime="PyTorch Mobile" ;;
  esac
  ./nas calibrate --name $name --datasheet $DS/raspberry-pi-5.json \
    --description "Raspberry Pi 5, $runtime, FP32, batch 1, CIFAR-100 shape; energy per inference on the core rail, idle subtracted (HW-NAS-Bench-360)" \
    --space nb201 --space-set classes=100 --networks "$DATA/nb201/pi5_energy.csv" --energy-column ${rt}_energy_mj \
    --latency-column ${rt}_latency_ms --min-value 1 --plot results/energy/$name.png --out $B/$name.json
done

# layer sweeps and NB201 networks at batch 1 and 256 together; energy in the network file is per image; H200 energy
# (and some latencies) read over 0.25 s windows are noisy, hence --robust (see ../shared/data/README.md)
./nas calibrate --name h200 --datasheet $DS/h200.json --execution eager --robust \
  --description "NVIDIA H200, PyTorch eager FP32 (cuDNN, TF32 allowed), energy per inference incl. idle power" \
  --conv "$DATA/h200/conv.csv" --fc "$DATA/h200/fc.csv" --meta "$DATA/h200/meta.json" \
  --space nb201 --networks "$DATA/h200/nb201_networks.csv" --latency-column latency_ms \
  --energy-column energy_total_mj_per_inf --energy-per image \
  --plot results/energy/h200.png --out $B/h200.json

./nas calibrate --name h200-paper --form paper --datasheet $DS/h200.json \
  --description "NVIDIA H200, PyTorch eager FP32; paper form (Lahmer et al. 2022) on total energy" \
  --conv "$DATA/h200/conv.csv" --fc "$DATA/h200/fc.csv" --meta "$DATA/h200/meta.json" \
  --plot results/energy/h200-paper.png --out $B/h200-paper.json

# Boards without measurements: derived from the measured TX2 (the nearest calibrated board: a Jetson running TensorRT
# FP32, with energy) and each board's datasheet. Their intervals come from the leave-one-board-out errors of such
# derivations on the boards above, which DerivedBoardStudy measures (./nas bench rebuilds the benchmarks jar, since
# the profiles just refitted are newer than it) and writes to
# energy/src/main/resources/org/edgenas/energy/derivation-errors.json, with its table in results/energy/derived.md.
./nas bench org.edgenas.bench.DerivedBoardStudy --data "$DATA" --out results/energy
./nas calibrate --name jetson-xavier-nx --derive-from jetson-tx2 --datasheet $DS/jetson-xavier-nx.json \
  --description "NVIDIA Jetson Xavier NX, TensorRT FP32, batch 1 (studied by Lahmer et al. 2022): DERIVED from jetson-tx2 and the datasheet, no measurements" \
  --out $B/jetson-xavier-nx.json
./nas calibrate --name jetson-orin-nano --derive-from jetson-tx2 --datasheet $DS/jetson-orin-nano.json \
  --description "NVIDIA Jetson Orin Nano 8GB (15 W mode), TensorRT FP32, batch 1: DERIVED from jetson-tx2 and the datasheet, no measurements" \
  --out $B/jetson-orin-nano.json
