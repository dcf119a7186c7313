"""``python -m kgbuild``: the ``kgbuild`` command, for environments without its script on PATH."""

from .cli import main

main(prog_name="kgbuild")
