# Around the replaced open(), io.open reaches the sandbox: no file access at all.
# expect: BLOCKED
# message: using the file '/etc/hostname'
# line: 6
io = __import__("io", {"__name__": "not_main"})
print(io.open("/etc/hostname").read())
