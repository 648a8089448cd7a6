# expect: BLOCKED
# message: import sys
import sys
sys.exit(1)
