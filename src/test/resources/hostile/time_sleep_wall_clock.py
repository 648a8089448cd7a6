# time is blocked: musical time is sleep(beats).
# expect: BLOCKED
# message: sleep(beats)
import time
time.sleep(100)
