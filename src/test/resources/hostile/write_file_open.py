# A script may not write files.
# expect: BLOCKED
# line: 4
with open("/tmp/riffcode-pwned.txt", "w") as f:
    f.write("pwned")
