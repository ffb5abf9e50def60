"""``python -m newskb`` is the ``newskb`` command."""
from newskb.kb.cli import cli

cli()
