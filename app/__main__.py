"""`python -m app`: the same as the `cobranza` command."""

import sys

from app.cli import main

sys.exit(main())
