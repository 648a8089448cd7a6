# No Java classes.
# expect: BLOCKED
# message: import java is not allowed in a Riffcode script (no access to Java classes)
import java
java.type("java.lang.Runtime").getRuntime().exec("ls")
