#!/usr/bin/python3
"""Checks that scripts/lib.sh installs everything the build, the scripts and the tests use.

A used machine hides a missing install step: the package is already there from an earlier hand
install, so the build and CI stay green while a new machine stops at configure. This test maps
every file the configured build found (CMakeCache.txt: *_LIBRARY, *_INCLUDE_DIR, *_EXECUTABLE,
programs, and the config files behind every *_DIR), every program the scripts and tests start,
every QML module the app imports and every Python module the tests import to the Debian package
that owns it (dpkg -S). Each package must be in IMP_PACKAGES, in the dependency closure of
IMP_PACKAGES (apt-cache depends --recurse), or part of any Debian base (Essential or
Priority: required). A file no package owns fails too, unless it is in the source or build tree:
a new machine would not have it.

usage: check_install_list.py --cache BUILD/CMakeCache.txt --lib scripts/lib.sh --source DIR
       [--packages "a b c"]   (replaces the list read from lib.sh)
       [--without PKG]        (leaves PKG out: the self-test shows the check fails, naming it)
"""
from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

# Programs started from shell snippets (scripts/, CMake `sh -c` blocks) that the scan below
# cannot see as a call; everything started from Python or C++ is found by the scan.
SHELL_PROGRAMS = [
    "bash", "cmake", "ctest", "ninja", "apt-get", "dpkg-query", "dpkg", "apt-cache",
    "Xvfb", "xauth", "dbus-run-session", "dbus-daemon", "dbus-launch", "gnome-keyring-daemon",
    "prosody", "prosodyctl", "openssl", "lua5.4", "lupdate", "lrelease", "lintian",
    "appstreamcli", "desktop-file-validate", "rsvg-convert", "dpkg-shlibdeps", "dpkg-deb", "fakeroot", "ccache",
]
QT_BIN = Path("/usr/lib/qt6/bin")


def read_packages(lib_sh: Path) -> list[str]:
    text = lib_sh.read_text()
    m = re.search(r"^IMP_PACKAGES=\((.*?)^\)", text, re.S | re.M)
    if not m:
        sys.exit(f"{lib_sh}: no IMP_PACKAGES=( ... ) list")
    words = []
    for line in m.group(1).splitlines():
        words += line.split("#", 1)[0].split()
    return words


def dependency_closure(packages: list[str]) -> set[str]:
    out = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
         "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *packages],
        capture_output=True, text=True)
    closure = set(packages)
    for line in out.stdout.splitlines():
        line = line.strip().lstrip("|")
        if ":" in line:
            line = line.split(":", 1)[1].strip()
        name = line.strip("<>").split(":")[0]
        if name:
            closure.add(name)
    return closure


def base_packages() -> set[str]:
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Essential} ${Priority}\n"],
                         capture_output=True, text=True, check=True)
    base = set()
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and (parts[1] == "yes" or parts[2] == "required"):
            base.add(parts[0])
    return base


_owner_cache: dict[str, str | None] = {}


def owner(path: str) -> str | None:
    """The package that owns `path`, following symlinks one step at a time (alternatives,
    merged /usr) until some step is owned. The unresolved path wins: libfoo.so belongs to
    libfoo-dev while its target belongs to the runtime package."""
    seen = set()
    p = path
    while p and p not in seen:
        seen.add(p)
        for candidate in (p, re.sub(r"^/usr/", "/", p), re.sub(r"^/(lib|bin|sbin)", r"/usr/\1", p)):
            if candidate in _owner_cache:
                if _owner_cache[candidate]:
                    return _owner_cache[candidate]
                continue
            r = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            pkg = None
            if r.returncode == 0:
                for line in r.stdout.splitlines():
                    name, _, owned = line.partition(": ")
                    if owned.strip() == candidate and not name.startswith("diversion by"):
                        pkg = name.split(",")[0].strip().split(":")[0]
                        break
            _owner_cache[candidate] = pkg
            if pkg:
                return pkg
        if os.path.islink(p):
            target = os.readlink(p)
            p = os.path.normpath(os.path.join(os.path.dirname(p), target))
        else:
            return None
    return None


def cache_files(cache: Path) -> list[tuple[str, str]]:
    """(what, file) for each file the configured build took from the system."""
    found = []
    for line in cache.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.+-]+):(FILEPATH|PATH|STRING|UNINITIALIZED|INTERNAL)=(.*)$", line)
        if not m:
            continue
        name, kind, value = m.groups()
        if kind == "INTERNAL" and not name.endswith("_EXECUTABLE"):
            continue
        if not value or value.endswith("NOTFOUND") or not value.startswith("/"):
            continue
        if name.endswith("_DIR") and os.path.isdir(value) and "cmake" in value:
            # A find_package config directory: the config file in it is what was used.
            configs = [f for f in os.listdir(value)
                       if f.lower().endswith(("config.cmake", "-config.cmake"))]
            for f in configs[:1]:
                found.append((name, os.path.join(value, f)))
        elif kind == "FILEPATH" or name.endswith(("_LIBRARY", "_LIBRARIES", "_INCLUDE_DIR",
                                                   "_EXECUTABLE", "_PROGRAM")):
            found += [(name, v) for v in value.split(";")
                      if v.startswith("/") and os.path.exists(v)]
    return found


def include_dir_file(d: str) -> str | None:
    """A header inside an include dir that belongs to this find (dirs are shared by many)."""
    if d in ("/usr/include", "/usr/local/include"):
        return None  # the system dir says nothing about which package was meant
    for root, _, files in os.walk(d):
        for f in sorted(files):
            if f.endswith((".h", ".hpp")):
                return os.path.join(root, f)
    return None


def scanned_programs(source: Path) -> set[str]:
    """Programs started by the tests, scripts and benchmarks, as their code names them."""
    names = set(SHELL_PROGRAMS)
    patterns = [
        re.compile(r"""subprocess\.\w+\(\s*\[\s*["']([A-Za-z][\w.+-]*)["']"""),
        re.compile(r"""Popen\(\s*\[\s*["']([A-Za-z][\w.+-]*)["']"""),
        re.compile(r"""shutil\.which\(\s*["']([A-Za-z][\w.+-]*)["']"""),
        re.compile(r"""["']/usr/s?bin/([A-Za-z][\w.+-]*)["'\s]"""),
        re.compile(r"""\.start\(\s*QStringLiteral\("([A-Za-z][\w.+-]*)"\)"""),
        re.compile(r"""^\s*COMMAND\s+([A-Za-z][\w.+-]*)\s""", re.M),
    ]
    for sub in ("tests", "scripts", "server", "bench", ".ci"):
        for f in (source / sub).rglob("*"):
            if not f.is_file() or f.suffix not in ("", ".py", ".sh", ".cpp", ".h", ".txt",
                                                   ".cmake"):
                continue
            try:
                text = f.read_text(errors="replace")
            except OSError:
                continue
            for p in patterns:
                names.update(p.findall(text))
    return names


def program_path(name: str) -> str | None:
    for d in ("/usr/bin", "/usr/sbin", "/bin", "/sbin", str(QT_BIN)):
        p = os.path.join(d, name)
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    return None


def qml_imports(source: Path) -> set[str]:
    mods = set()
    for f in list((source / "qml").rglob("*.qml")) + list((source / "tests").rglob("*.qml")):
        for m in re.finditer(r"^\s*import\s+(Qt[\w.]*)", f.read_text(), re.M):
            mods.add(m.group(1))
    return mods


def python_modules(source: Path) -> set[str]:
    local = set()
    files = []
    for sub in ("tests", "server", "bench", "scripts"):
        for f in (source / sub).rglob("*.py"):
            files.append(f)
            local.add(f.stem)
    mods = set()
    for f in files:
        try:
            tree = ast.parse(f.read_text())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                mods.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                mods.add(node.module.split(".")[0])
    return {m for m in mods if m not in sys.stdlib_module_names and m not in local
            and m != "__future__"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True, type=Path)
    ap.add_argument("--lib", required=True, type=Path)
    ap.add_argument("--source", required=True, type=Path)
    ap.add_argument("--packages", help="use this list instead of IMP_PACKAGES")
    ap.add_argument("--without", action="append", default=[],
                    help="leave this package out of the list (shows the check can fail)")
    args = ap.parse_args()
    if sys.executable != "/usr/bin/python3":
        print(f"note: running under {sys.executable}; the tests use /usr/bin/python3")

    packages = args.packages.split() if args.packages is not None else read_packages(args.lib)
    packages = [p for p in packages if p not in args.without]
    closure = dependency_closure(packages)
    base = base_packages()
    allowed = closure | base
    trees = [str(args.source.resolve()), str(args.cache.parent.resolve())]

    needs: list[tuple[str, str]] = []  # (what uses it, file)
    # A find module also records optional parts the build never uses (FindOpenGL's GLU, say):
    # a library or program counts when the generated build names it.
    ninja = ""
    for f in ("build.ninja", "CMakeFiles/rules.ninja"):
        p = args.cache.parent / f
        if p.exists():
            ninja += p.read_text(errors="replace")
    for name, f in cache_files(args.cache):
        is_config = name.endswith("_DIR") and f.endswith(".cmake")
        if ninja and not is_config and not name.endswith("_INCLUDE_DIR") and f not in ninja:
            continue
        if name.endswith("_INCLUDE_DIR") and os.path.isdir(f):
            header = include_dir_file(f)
            if header:
                needs.append((f"CMake {name}", header))
            continue
        needs.append((f"CMake {name}", f))
    for prog in sorted(scanned_programs(args.source)):
        p = program_path(prog)
        if p:
            needs.append((f"program {prog}", p))
        elif prog in SHELL_PROGRAMS:
            needs.append((f"program {prog}", f"/usr/bin/{prog} (not on this machine)"))
    qml_root = Path("/usr/lib/x86_64-linux-gnu/qt6/qml")
    for mod in sorted(qml_imports(args.source)):
        qmldir = qml_root / mod.replace(".", "/") / "qmldir"
        needs.append((f"QML import {mod}", str(qmldir) if qmldir.exists()
                      else f"{qmldir} (not on this machine)"))
    for mod in sorted(python_modules(args.source)):
        spec = importlib.util.find_spec(mod)
        origin = spec.origin if spec and spec.origin else None
        if spec and not origin and spec.submodule_search_locations:
            origin = list(spec.submodule_search_locations)[0]
        needs.append((f"python module {mod}", origin or f"{mod} (not importable here)"))

    problems = []
    checked = 0
    for what, f in needs:
        if any(f.startswith(t + "/") for t in trees):
            continue
        checked += 1
        if f.endswith("(not on this machine)") or f.endswith("(not importable here)"):
            problems.append(f"{what}: {f}")
            continue
        pkg = owner(f)
        if pkg is None:
            problems.append(f"{what}: {f} belongs to no Debian package (a new machine lacks it)")
        elif pkg not in allowed:
            problems.append(f"{what}: {f} comes from package '{pkg}', which IMP_PACKAGES "
                            f"in scripts/lib.sh does not install: add {pkg}")
    print(f"checked {checked} files against {len(packages)} listed packages "
          f"({len(closure)} with dependencies, {len(base)} in the base)")
    if problems:
        print("MISSING from the install list:")
        for p in sorted(set(problems)):
            print("  " + p)
        return 1
    print("install list complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
