# No processes.
# expect: BLOCKED
# message: processes
import subprocess
subprocess.run(["ls", "/"])
