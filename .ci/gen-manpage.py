#!/usr/bin/env python3
"""Write the gongzhi(1) man page from the commands' own help.

    GONGZHI_LANG=en gongzhi --experimental-dump-help | gen-manpage.py --version 0.1.0 --date 2026-12-07 --lang en

Reads swift-argument-parser's help dump (the same data its generate-manual plugin
uses) on stdin and prints roff (man macros) on stdout: every command and subcommand,
with its options, in one page. `--lang zh` gives the page's own headings in Chinese
(the help text itself follows GONGZHI_LANG of the dumping run); `--lang zh-Hant` gives
them in Traditional characters (needs opencc, as the zh-Hant string tables do).
"""
import argparse
import json
import subprocess
import sys

HEADINGS = {
    "en": {
        "name": "NAME", "synopsis": "SYNOPSIS", "description": "DESCRIPTION", "options": "GLOBAL OPTIONS",
        "commands": "COMMANDS", "files": "FILES", "environment": "ENVIRONMENT", "see": "SEE ALSO",
        "manual": "User Commands", "global": "Every command also takes the global options.",
        "default": "default",
        "files.db": "The database (a SQLite file; \\fB\\-\\-db\\fR picks another).",
        "files.kiosk": "Options of the boot-time kiosk service \\fBgongzhi-kiosk@.service\\fR "
        "(read by \\fBgongzhi kiosk \\-\\-config\\fR).",
        "files.themes": "Theme files; every theme there is also compiled into the program.",
        "env.lang": "Interface language: \\fBzh\\fR (default, Simplified Chinese), \\fBzh\\-Hant\\fR (Traditional; also "
        "\\fBzh_TW\\fR, \\fBzh_HK\\fR, \\fBzh_MO\\fR) or \\fBen\\fR; \\fB\\-\\-lang\\fR wins.",
        "env.themes": "A folder searched first for \\fB\\-\\-theme\\fR NAME.",
        "env.xdg": "Where the default database lives (normally \\fI~/.local/share\\fR).",
        "env.nocolor": "When set and no \\fB\\-\\-theme\\fR is given, the \\fBmono\\fR theme is used.",
        "see.doc": "The README in /usr/share/doc/gongzhi.",
    },
    "zh": {
        "name": "名称", "synopsis": "概要", "description": "描述", "options": "全局选项",
        "commands": "命令", "files": "文件", "environment": "环境变量", "see": "参见",
        "manual": "用户命令", "global": "每个命令也接受全局选项。",
        "default": "默认",
        "files.db": "数据库（SQLite 文件；\\fB\\-\\-db\\fR 可指定其他文件）。",
        "files.kiosk": "开机自启展示屏服务 \\fBgongzhi-kiosk@.service\\fR 的选项"
        "（由 \\fBgongzhi kiosk \\-\\-config\\fR 读取）。",
        "files.themes": "主题文件；其中每个主题也已编译进程序。",
        "env.lang": "界面语言：\\fBzh\\fR（默认，简体中文）、\\fBzh\\-Hant\\fR（繁体中文；也可写 \\fBzh_TW\\fR、"
        "\\fBzh_HK\\fR、\\fBzh_MO\\fR）或 \\fBen\\fR；\\fB\\-\\-lang\\fR 优先。",
        "env.themes": "查找 \\fB\\-\\-theme\\fR 名称时最先搜索的文件夹。",
        "env.xdg": "默认数据库所在位置（通常为 \\fI~/.local/share\\fR）。",
        "env.nocolor": "设置且未给出 \\fB\\-\\-theme\\fR 时使用 \\fBmono\\fR 主题。",
        "see.doc": "/usr/share/doc/gongzhi 中的说明。",
    },
}


def traditional(headings):
    """The Chinese headings in Traditional characters, converted as the string tables
    are (.ci/gen-zh-hant: OpenCC s2tw); the help text itself comes converted already."""
    keys = sorted(headings)
    text = subprocess.run(["opencc", "-c", "s2tw.json"], input="\n".join(headings[k] for k in keys),
                          capture_output=True, text=True, check=True).stdout
    return dict(zip(keys, text.split("\n")))


def esc(text):
    """Plain text to roff: backslashes, lines that would start a request, and a break
    point (\\:) after every CJK character, which groff would otherwise not break between."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c + "\\:" if is_cjk(c) else c for c in text)
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def is_cjk(c):
    o = ord(c)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF


def arg_label(arg):
    names = arg.get("names") or []
    flags = []
    for n in names:
        prefix = {"long": "--", "short": "-", "longWithSingleDash": "-"}.get(n["kind"], "--")
        flags.append("\\fB" + esc(prefix + n["name"]) + "\\fR")
    value = arg.get("valueName", "")
    if arg["kind"] == "positional":
        label = "\\fI" + esc(value) + "\\fR"
    elif arg["kind"] == "option":
        label = ", ".join(flags) + " \\fI" + esc(value) + "\\fR"
    else:
        label = ", ".join(flags)
    if arg.get("isRepeating"):
        label += " ..."
    return label


def synopsis_part(arg):
    if arg["kind"] == "positional":
        part = "\\fI" + esc(arg.get("valueName", "")) + "\\fR"
    else:
        name = arg.get("preferredName") or (arg.get("names") or [{"kind": "long", "name": "?"}])[0]
        prefix = "-" if name["kind"] == "short" else "--"
        part = "\\fB" + esc(prefix + name["name"]) + "\\fR"
        if arg["kind"] == "option":
            part += " \\fI" + esc(arg.get("valueName", "")) + "\\fR"
    if arg.get("isRepeating"):
        part += " ..."
    return "[" + part + "]" if arg.get("isOptional") else part


def visible(args, skip):
    out = []
    for a in args or []:
        if not a.get("shouldDisplay", True):
            continue
        names = tuple(n["name"] for n in a.get("names") or [])
        if names and names in skip:
            continue
        if names in (("help",), ("h", "help"), ("version",)):
            continue
        out.append(a)
    return out


def options(out, args, h):
    for a in args:
        out.append(".TP")
        out.append(arg_label(a))
        text = esc(a.get("abstract", ""))
        if a.get("defaultValue") not in (None, ""):
            text += " (" + h["default"] + ": " + esc(a["defaultValue"]) + ")"
        out.append(text if text else "\\&")
        if a.get("discussion"):
            out.append(".IP")
            out.append(esc(a["discussion"]))


def commands(out, cmd, path, global_names, h):
    for sub in cmd.get("subcommands") or []:
        if not sub.get("shouldDisplay", True) or sub["commandName"] == "help":
            continue
        full = path + [sub["commandName"]]
        args = visible(sub.get("arguments"), global_names)
        out.append('.SS "' + esc(" ".join(full)) + '"')
        out.append(".B " + esc(" ".join(full)))
        if sub.get("subcommands"):
            out.append("\\fIcommand\\fR")
        else:
            out.append(" ".join(synopsis_part(a) for a in args))
        out.append(".PP")
        out.append(esc(sub.get("abstract", "")))
        if sub.get("discussion"):
            out.append(".PP")
            out.append(esc(sub["discussion"]))
        options(out, args, h)
        commands(out, sub, full, global_names, h)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--version", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--lang", choices=sorted(HEADINGS) + ["zh-Hant"], default="en")
    o = p.parse_args()
    h = HEADINGS[o.lang] if o.lang in HEADINGS else traditional(HEADINGS["zh"])
    root = json.load(sys.stdin)["command"]
    name = root["commandName"]
    global_args = visible(root.get("arguments"), set())
    global_names = {tuple(n["name"] for n in a.get("names") or []) for a in global_args}

    out = ['.TH "%s" "1" "%s" "%s %s" "%s"' % (name.upper(), o.date, name, esc(o.version), h["manual"])]
    if o.lang.startswith("zh"):
        out += [".nh", ".ad l"]
    abstract = root.get("abstract", "")
    out += [".SH " + h["name"], esc(name) + " \\- " + esc(abstract.split(". ")[0].split("。")[0].rstrip("."))]
    out += [".SH " + h["synopsis"], ".B " + name, " ".join(synopsis_part(a) for a in global_args)]
    out += [".br", ".B " + name, "\\fIcommand\\fR [\\fIoptions\\fR]"]
    out += [".SH " + h["description"], esc(abstract)]
    if root.get("discussion"):
        out += [".PP", esc(root["discussion"])]
    out += [".SH " + h["options"]]
    options(out, global_args, h)
    out += [".SH " + h["commands"], h["global"]]
    commands(out, root, [name], global_names, h)
    out += [".SH " + h["files"]]
    for path, key in [
        ("~/.local/share/gongzhi/gongzhi.sqlite", "files.db"),
        ("/etc/gongzhi/kiosk.toml", "files.kiosk"),
        ("/usr/share/gongzhi/themes", "files.themes"),
    ]:
        out += [".TP", "\\fI" + esc(path) + "\\fR", h[key]]
    out += [".SH " + h["environment"]]
    for var, key in [
        ("GONGZHI_LANG", "env.lang"),
        ("GONGZHI_THEMES", "env.themes"),
        ("XDG_DATA_HOME", "env.xdg"),
        ("NO_COLOR", "env.nocolor"),
    ]:
        out += [".TP", "\\fB" + var + "\\fR", h[key]]
    out += [".SH " + h["see"], "\\fBsystemctl\\fR(1), \\fBsqlite3\\fR(1).", h["see.doc"]]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
