# One huge allocation: a clear memory error, not a dead app.
# expect: MEMORY
# timeout: 30
s = "x" * (2 * 10 ** 9)
