# expect: BLOCKED
# message: import pathlib
# line: 4
from pathlib import Path
Path("/etc/hostname").read_text()
