# Ignores interrupts (one huge builtin call): the worker is replaced.
# expect: TIMEOUT
# timeout: 2
# grace: 3
print(sum(range(10 ** 15)))
