#!/usr/bin/env python3
"""Fails when a module's dependencies cross the architecture's boundaries (docs/ARCHITECTURE.md, "Modules").

Reads the manifest with `swift package dump-package` and follows every target's dependencies (targets and
products) transitively. Run by scripts/test.sh before the build; exits 1 naming each forbidden path.
"""
import json
import subprocess
import sys

# module -> what it must never reach, directly or through another module
FORBIDDEN = {
    # The wire formats stand alone.
    "WireFormats": {"*"},
    # The sources' data: no compiler, no database, no service.
    "SourceData": {"PromptCompiler", "CCmark", "Yams", "Mustache", "PostgresStore", "CLibPQ", "WorkingMemory",
                   "WorkingMemoryService", "Hummingbird", "Tokenization"},
    # The store builds without the compiler (cmark, Yams, Mustache) and without the service.
    "PostgresStore": {"PromptCompiler", "CCmark", "Yams", "Mustache", "WorkingMemory", "Tokenization",
                      "WorkingMemoryService", "Hummingbird", "NIOCore", "NIOPosix"},
    # The compiler is pure: no database, no sources, no service.
    "PromptCompiler": {"PostgresStore", "CLibPQ", "SourceData", "WorkingMemory", "WorkingMemoryService", "Hummingbird"},
    # The builder knows no database and no service.
    "WorkingMemory": {"PostgresStore", "CLibPQ", "WorkingMemoryService", "Hummingbird"},
    # The quick-start renderer compiles none of the service's dependencies.
    "wm-render": {"WorkingMemoryService", "Hummingbird", "NIOCore", "NIOPosix", "ServiceLifecycle", "Prometheus",
                  "Metrics", "Crypto"},
}


def dependencies(target):
    names = []
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.append(dependency[kind][0])
    return names


def main():
    manifest = json.loads(subprocess.check_output(["swift", "package", "dump-package"], text=True))
    targets = {target["name"]: target for target in manifest["targets"]}
    failures = []
    for module, forbidden in FORBIDDEN.items():
        if module not in targets:
            failures.append(f"{module}: no such target in Package.swift")
            continue
        # Depth-first, remembering the path to each module reached.
        paths = {module: [module]}
        stack = [module]
        while stack:
            current = stack.pop()
            for name in dependencies(targets[current]) if current in targets else []:
                if name in paths:
                    continue
                paths[name] = paths[current] + [name]
                if "*" in forbidden or name in forbidden:
                    failures.append(f"{module} reaches {name}: " + " -> ".join(paths[name]))
                stack.append(name)
    if failures:
        print("scripts/check-module-graph.py: module boundaries crossed:", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        return 1
    print(f"module graph: {len(FORBIDDEN)} boundaries hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
