"""EdgeNAS on-board profiler: measures the energy and latency of single layers and whole networks on a board.

Configured by a JSON sweep file; writes CSVs in the schema ``./nas calibrate`` and the reference data use
(``conv.csv``, ``fc.csv``, ``networks-<space>-b<batch>.csv``) and a ``meta.json``. Energies are in mJ and
latencies in ms, both per forward pass of the whole batch ("per inference"). Runs on Python 3.6 or later;
PyTorch and the energy backend's library (``pynvml`` for NVML) are imported only when a sweep is measured, so
the pure logic (sweep files, integration, CSV writing, resume) works and is tested without them.
"""

__version__ = "0.1.0"
