# Around the import guard, subprocess meets the sandbox too (GraalPy answers it with EPERM).
# expect: BLOCKED
# message: starting a process (os.system / subprocess
# line: 7
subprocess = __import__("subprocess", {"__name__": "not_main"})

subprocess.run(["true"])
