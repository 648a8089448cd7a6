# Around the import guard, _ctypes cannot load a native library: no native access.
# expect: BLOCKED
# message: loading native code
# line: 6
_ctypes = __import__("_ctypes", {"__name__": "not_main"})
libc = _ctypes.dlopen("libc.so.6")
