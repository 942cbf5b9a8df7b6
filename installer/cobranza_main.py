"""Entry point of the bundled application: the same `cobranza` command (GUI by default, every subcommand),
from one executable."""

import multiprocessing
import sys

if __name__ == "__main__":
    # the risk model and the tests' helpers start processes; a frozen child must not rerun the CLI
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--risk-worker"]:  # the GUI's risk training, in a process of its own (app/ui/risk_process.py)
        from app.cli._risk_worker import main as risk_worker

        sys.exit(risk_worker(sys.argv[2:]))
    from app.cli import main

    sys.exit(main())
