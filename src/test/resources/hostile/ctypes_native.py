# No native code.
# expect: BLOCKED
# message: native
import ctypes
