# os gives files and processes: blocked at import.
# expect: BLOCKED
# message: import os
# line: 5
import os
os.listdir("/")
