"""Entry point for ``python -m reporter``."""

from reporter.launch import main

main()
