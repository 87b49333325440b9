"""`handbook`: the command line.

Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage or I/O
error. Bad data never produces a traceback: it produces Problems.

Each subcommand lives in its own module under macros/cli/commands/ and registers
itself in COMMANDS below; this file only parses and dispatches.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from macros.cli.commands import NotLoaded, UsageError
from macros.load.problems import format_text
from macros.time import stamp

# name -> (module under macros.cli.commands, one-line help)
COMMANDS = {
    "check": ("check", "检查数据：YAML、模式、引用和制度规则 (check the data)"),
    "build": ("build", "检查后写出 Markdown 源文件树，再严格构建网站到 site/ (check, write the sources, build the site strictly)"),
    "sources": ("sources", "检查后写出引擎构建用的 Markdown 源文件树 (check, then write the sources tree an engine builds)"),
    "serve": ("serve", "本地预览，数据或页面改动后自动刷新 (live preview at http://127.0.0.1:8000)"),
    "checklists": ("checklists", "打印检查单、检查单汇编和整本手册为 A4 PDF (print the checklists and the handbook)"),
    "due": ("due", "按规则计算截止日期并说明算法 (due date of a time limit, and how)"),
    "calendar": ("calendar", "生成 iCalendar 日历订阅 (write the iCalendar feeds)"),
    "new": ("new", "新建一条数据（角色、流程、步骤……），生成后即通过检查 (scaffold a new entity)"),
    "impact": ("impact", "列出与 git 基线相比改动的数据及其影响，输出 Markdown (change-impact report)"),
    "codeowners": ("codeowners", "由 data/owners.yml 生成 .github/CODEOWNERS (generate CODEOWNERS)"),
    "editor": ("editor", "由数据类型声明生成 .vscode/settings.json 的 yaml.schemas (editor schema config)"),
    "bench": ("bench", "性能基准：1×/10×/50× 合成手册的构建、检查、重建和 PDF 用时 (benchmark)"),
    "first-week": ("first_week", "打印某岗位按工作日排定日期的第一周计划与自检 (print a dated first-week packet)"),
    "coverage": ("coverage", "制度条款覆盖情况 (which data implements each clause of the policy)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="学籍手册 handbook-as-code tools")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(f"macros.cli.commands.{module}").add_arguments(p)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = importlib.import_module(f"macros.cli.commands.{COMMANDS[args.command][0]}")
    try:
        stamp.epoch()  # refused here, before any command meets it deep inside
        return module.run(args)
    except stamp.BadEpoch as exc:
        print(f"handbook {args.command}: {exc}", file=sys.stderr)
        return 2
    except NotLoaded as exc:
        print(format_text(exc.problems))
        return 1
    except UsageError as exc:
        print(f"handbook {args.command}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""  # ENOSPC on a write carries no file name
        print(f"handbook {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
