# Around the import guard, the java module still cannot look up a Java class: no host class lookup.
# expect: BLOCKED
# message: reaching the Java class java.lang.System
# line: 6
java = __import__("java", {"__name__": "not_main"})
System = java.type("java.lang.System")
print(System.getProperty("user.home"))
