"""Entry point of the bundled application: the same `cobranza` command (GUI by default, every subcommand),
from one executable."""

import multiprocessing
import sys

if __name__ == "__main__":
    # the risk model and the tests' helpers start processes; a frozen child must not rerun the CLI
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())
