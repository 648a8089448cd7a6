# Going around the import guard still meets the sandbox: no file access at all.
# expect: BLOCKED
# line: 5
os = __import__("os", {"__name__": "not_main"})
os.listdir("/")
