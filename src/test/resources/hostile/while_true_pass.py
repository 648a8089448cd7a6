# The statement limit does not count this; the wall-time bound stops it.
# expect: TIMEOUT
# timeout: 2
while True:
    pass
