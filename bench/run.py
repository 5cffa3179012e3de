"""Run every benchmark (`make bench`). They are not part of `make test`.

Today: capability search over 100,000 generated suppliers on PostgreSQL
(bench/suppliers/search_bench.py). Arguments go to it; see --help.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/run.py` puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))

from bench.suppliers import search_bench  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    return search_bench.main(argv)


if __name__ == "__main__":
    sys.exit(main())
