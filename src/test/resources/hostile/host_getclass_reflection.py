# The one Java object scripts can reach exposes only its exported methods:
# no getClass(), so no reflection or class loaders.
# expect: SCRIPT
# message: getClass
# line: 7
import riffcode
riffcode._host.getClass().getClassLoader()
