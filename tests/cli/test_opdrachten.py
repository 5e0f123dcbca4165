"""The command group loads a command's module only when it runs, and knows every command."""

from __future__ import annotations

import subprocess
import sys

from tests.cli_support import REPO


def test_every_command_is_named_in_the_module_map():
    from passend.cli.hoofd import MODULES, main

    assert sorted(main.commands) == sorted(MODULES)  # reading them all loads every module
    for naam, module in MODULES.items():
        assert main.commands[naam].callback.__module__ == f"passend.cli.{module}"


def test_a_command_imports_only_its_own_module():
    code = (
        "import sys; from passend.cli.hoofd import main; main.get_command(None, 'status'); "
        "print(sorted(m for m in sys.modules if m.startswith('passend.cli.')))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": ""},
    )
    assert (
        uit.stdout.strip()
        == "['passend.cli.gedeeld', 'passend.cli.hoofd', 'passend.cli.importeren']"
    )
