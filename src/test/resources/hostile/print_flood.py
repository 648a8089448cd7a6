# Printed output is bounded: the script runs, the output is cut at 64 KB.
# expect: OK
# message: true
for i in range(20000):
    print("line", i, "of too much output")
play(60)
