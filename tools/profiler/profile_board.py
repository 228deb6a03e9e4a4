#!/usr/bin/env python3
"""EdgeNAS on-board profiler: ``python3 profile_board.py SWEEP.json --out DIR [--resume] [--plan]``.

Copy ``tools/profiler`` to the board and run this file there; it needs Python 3.6+, PyTorch, and for NVIDIA
desktop/data-centre GPUs the ``pynvml`` module (package ``nvidia-ml-py``).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from edgenas_profiler.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
