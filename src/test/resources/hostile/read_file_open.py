# A script may not read files.
# expect: BLOCKED
# message: open()
# line: 5
print(open("/etc/passwd").read())
