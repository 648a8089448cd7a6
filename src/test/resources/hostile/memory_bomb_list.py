# A growing dict of strings once killed a whole JVM; here it ends with a clear error.
# expect: MEMORY
# timeout: 60
d = {}
i = 0
while True:
    d[i] = "x" * 1000 + str(i)
    i += 1
