"""``python3 -m edgenas_profiler SWEEP.json --out DIR``: see ``cli``."""

import sys

from .cli import main

sys.exit(main())
