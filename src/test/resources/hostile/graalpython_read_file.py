# GraalPy's own built-in module needs no import; its file reading meets the sandbox.
# expect: BLOCKED
# message: using files
# line: 5
print(__graalpython__.read_file("/etc/hostname"))
