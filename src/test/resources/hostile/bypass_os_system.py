# Around the import guard, os.system meets the sandbox: the context may not create processes.
# expect: BLOCKED
# message: starting a process (os.system
# line: 6
os = __import__("os", {"__name__": "not_main"})
os.system("true")
