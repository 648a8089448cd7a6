# Methods the builder does not export are invisible.
# expect: SCRIPT
# message: build
import riffcode
riffcode._host.build([], 1.0, 1.0)
