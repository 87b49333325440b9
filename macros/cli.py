"""`handbook`: the command line.

Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage or I/O
error. Bad data never produces a traceback: it produces Problems.

Each subcommand lives in its own module under macros/commands/ and registers
itself in COMMANDS below; this file only parses and dispatches.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from .commands import UsageError

# name -> (module under macros.commands, one-line help)
COMMANDS = {
    "check": ("check", "检查数据：YAML、模式、引用和制度规则 (check the data)"),
    "build": ("build", "检查后严格构建网站到 site/ (check, then build the site strictly)"),
    "coverage": ("coverage", "制度条款覆盖情况 (which data implements each clause of the policy)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="学籍手册 handbook-as-code tools")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(f"macros.commands.{module}").add_arguments(p)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = importlib.import_module(f"macros.commands.{COMMANDS[args.command][0]}")
    try:
        return module.run(args)
    except UsageError as exc:
        print(f"handbook {args.command}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"handbook {args.command}: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
