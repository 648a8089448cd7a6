# No processes.
# expect: BLOCKED
# message: import subprocess is not allowed in a Riffcode script (no access to processes)
import subprocess
subprocess.run(["ls", "/"])
