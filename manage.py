#!/usr/bin/env python
"""Django's command-line utility; `fazhi` (installed in .venv/bin) is the same thing."""

import sys

from fazhi.cli import main

if __name__ == "__main__":
    main(sys.argv)
