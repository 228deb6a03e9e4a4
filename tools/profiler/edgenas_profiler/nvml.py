"""NVIDIA data-centre and desktop GPUs through NVML (the ``pynvml`` module, package ``nvidia-ml-py``).

The total-energy counter (``nvmlDeviceGetTotalEnergyConsumption``, mJ since the driver loaded; Volta and newer) is
the preferred sensor; ``nvmlDeviceGetPowerUsage`` (mW, sampled) is the fallback for GPUs without it.
"""

import time

from .meters import CounterMeter, PolledSource, SampledMeter


class NvmlError(Exception):
    """NVML is missing or cannot give what the sweep asks for."""


def load_pynvml():
    """Imports ``pynvml`` (only when an NVML backend is used)."""
    try:
        import pynvml
    except ImportError:
        raise NvmlError("backend 'nvml' needs the pynvml module: pip install nvidia-ml-py")
    return pynvml


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def device_info(pynvml, handle):
    """GPU name, driver, power limit (W), persistence mode, clocks (MHz) and performance state, where NVML has them."""
    info = {"gpu": _text(pynvml.nvmlDeviceGetName(handle)),
            "driver": _text(pynvml.nvmlSystemGetDriverVersion())}
    queries = {
        "power_limit_w": lambda: pynvml.nvmlDeviceGetPowerManagementLimit(handle) / 1000.0,
        "persistence_mode": lambda: bool(pynvml.nvmlDeviceGetPersistenceMode(handle)),
        "sm_clock_mhz": lambda: pynvml.nvmlDeviceGetClockInfo(handle, pynvml.NVML_CLOCK_SM),
        "memory_clock_mhz": lambda: pynvml.nvmlDeviceGetClockInfo(handle, pynvml.NVML_CLOCK_MEM),
        "max_sm_clock_mhz": lambda: pynvml.nvmlDeviceGetMaxClockInfo(handle, pynvml.NVML_CLOCK_SM),
        "performance_state": lambda: pynvml.nvmlDeviceGetPerformanceState(handle),
    }
    for key, query in queries.items():
        try:
            info[key] = query()
        except pynvml.NVMLError as e:
            info[key] = "unavailable: %s" % e
    return info


def open_meter(gpu_index=0, mode="counter", sample_hz=100.0, pynvml=None, clock=time.perf_counter, sleep=time.sleep):
    """A meter for GPU ``gpu_index`` (NVML's numbering): ``mode`` "counter" (total energy) or "power" (sampled).

    Returns ``(meter, device_info)``. Raises ``NvmlError`` when the GPU has no energy counter and ``mode`` is
    "counter".
    """
    if pynvml is None:
        pynvml = load_pynvml()
    pynvml.nvmlInit()
    try:
        handle = pynvml.nvmlDeviceGetHandleByIndex(gpu_index)
    except pynvml.NVMLError as e:
        raise NvmlError("NVML has no GPU %d: %s" % (gpu_index, e))
    info = device_info(pynvml, handle)
    description = {"backend": "nvml", "gpu_index": gpu_index, "mode": mode}
    if mode == "counter":
        try:
            pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)
        except pynvml.NVMLError as e:
            raise NvmlError("%s has no total-energy counter (%s); set backend.mode to 'power' to sample its power "
                            "instead" % (info["gpu"], e))
        description["sensor"] = "nvmlDeviceGetTotalEnergyConsumption (mJ)"
        return CounterMeter(lambda: pynvml.nvmlDeviceGetTotalEnergyConsumption(handle), description, clock,
                            sleep), info
    description["sensor"] = "nvmlDeviceGetPowerUsage (mW), sampled at %g Hz" % sample_hz
    source = PolledSource(lambda: pynvml.nvmlDeviceGetPowerUsage(handle) / 1000.0, 1.0 / sample_hz, sleep)
    return SampledMeter(source, description, clock, sleep), info
