# expect: BLOCKED
# line: 3
import io
io.open("/etc/hostname").read()
