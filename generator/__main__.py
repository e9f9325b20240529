"""``python -m generator`` runs the thidua command line."""

from .cli import run

run()
