"""``python -m khabar`` runs the command line."""

from khabar.cli.main import main

main()
