"""The README is the manual: its generated sections are current and every command and option is in it."""
from __future__ import annotations

import re

import click
import pytest

from newskb.kb.cli import cli
from newskb.kb.docs import README, SECTIONS, section
from newskb.kb.schema import TABLES

README_TEXT = README.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_generated_sections_are_current(name: str) -> None:
    assert section(README_TEXT, name) == SECTIONS[name](), (
        f"run: python -m newskb.kb.docs  (README {name} section)")


def test_every_table_and_column_is_documented() -> None:
    for table in TABLES:
        assert f"### `{table.name}`" in README_TEXT
        for column in table.columns:
            assert f"| `{column.name}` |" in section(README_TEXT, "schema")


@pytest.mark.parametrize("name,command", sorted(cli.commands.items()))
def test_every_command_and_option_is_in_the_readme(name: str, command: click.Command) -> None:
    assert f"newskb {name}" in README_TEXT
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert opt in README_TEXT, f"{name} {opt} is not in the README"


def test_first_lines_give_exactly_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README_TEXT, flags=re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
