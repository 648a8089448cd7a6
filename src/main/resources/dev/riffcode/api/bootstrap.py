# Runs once in every fresh sandboxed context, before any user code. It loads the riffcode
# module from the source the host passes in (scripts have no file system) and puts a clear
# first line of defence in front of what scripts must not do. The real barrier is the GraalVM
# sandbox itself (no IO, no host classes, no threads, no processes); this layer exists so that
# a blocked action gets a message that says what was blocked and what to do instead.
# Everything lives inside one function, so nothing but the riffcode names is left for scripts.

def _riffcode_boot(source, host, catalog_json, script_name):
    import builtins
    import sys
    import types

    # Modules scripts may import. The guard checks only imports made by the script itself
    # (__main__), so the standard library can still import what it needs internally.
    allowed = frozenset(("math", "cmath", "random", "itertools", "functools", "collections", "statistics",
                         "string", "re", "operator", "copy", "heapq", "bisect", "fractions", "numbers",
                         "typing", "enum", "dataclasses", "json", "riffcode"))

    why = {
        "os": "files and processes", "io": "files", "pathlib": "files", "shutil": "files",
        "tempfile": "files", "glob": "files", "socket": "the network", "http": "the network",
        "urllib": "the network", "requests": "the network", "ssl": "the network",
        "subprocess": "processes", "multiprocessing": "processes and threads", "threading": "threads",
        "_thread": "threads", "asyncio": "threads and the network", "ctypes": "native code",
        "cffi": "native code", "java": "Java classes", "polyglot": "other languages",
        "importlib": "the module system", "sys": "the interpreter", "signal": "the process",
        "pickle": "arbitrary objects", "marshal": "arbitrary objects", "gc": "the interpreter",
        "time": "the clock (use sleep(beats) for musical time)",
    }

    def blocked(what, reason):
        raise mod.Blocked("%s is not allowed in a Riffcode script (no access to %s)" % (what, reason))

    real_import = builtins.__import__

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        importer = globals.get("__name__") if isinstance(globals, dict) else None
        top = name.partition(".")[0]
        if importer == "__main__" and level == 0 and top not in allowed:
            if top in why:
                blocked("import " + top, why[top])
            raise ImportError("import %s: not available in a Riffcode script; you can import %s"
                              % (top, ", ".join(sorted(allowed))))
        return real_import(name, globals, locals, fromlist, level)

    def no_open(*a, **k):
        blocked("open()", "files")

    def no_exit(*a, **k):
        raise mod.Blocked("a Riffcode script cannot exit; it ends when its last line has run")

    def no_input(*a, **k):
        raise mod.Blocked("a Riffcode script cannot read input")

    mod = types.ModuleType("riffcode")
    mod.__file__ = "riffcode.py"
    sys.modules["riffcode"] = mod
    exec(compile(source, "riffcode.py", "exec"), mod.__dict__)
    mod._install(host, catalog_json, script_name)

    builtins.__import__ = guarded_import
    builtins.open = no_open
    builtins.exit = no_exit
    builtins.quit = no_exit
    builtins.input = no_input
    builtins.breakpoint = no_input
    return mod
