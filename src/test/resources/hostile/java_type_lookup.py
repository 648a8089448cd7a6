# No Java classes.
# expect: BLOCKED
# message: Java
import java
java.type("java.lang.Runtime").getRuntime().exec("ls")
