"""The ``khabar`` command: one module per command group, assembled in :mod:`khabar.cli.main`."""
