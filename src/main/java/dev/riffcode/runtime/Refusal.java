package dev.riffcode.runtime;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GraalVM's sandbox refused a script, said in Python's words. Refusals reach us in two ways:
 * as Python exceptions (files, Java, other languages: recognised in riffcode.py, which knows the
 * exception's type, errno and traceback), or as Java errors that Python cannot catch (threads,
 * processes, sockets). The polyglot API gives those only as an internal error with a message, so
 * they are told apart by the sandbox's own wording of the refusal, never by Java class names.
 */
enum Refusal {
    THREAD("starting a thread (threading.Thread.start / _thread.start_new_thread) is not allowed in a Riffcode "
            + "script; for parts that play at the same time use in_thread or live_loop"),
    PROCESS("starting a process (os.system / subprocess / os.exec*) is not allowed in a Riffcode script"),
    NETWORK("opening a network connection (socket / socket.create_connection / urllib) is not allowed in a "
            + "Riffcode script"),
    FILES("using files (open / io.open / os.open / os.listdir / pathlib) is not allowed in a Riffcode script"),
    JAVA("reaching Java (java.type / java.add_to_classpath) is not allowed in a Riffcode script"),
    POLYGLOT("running other languages or sharing values with them (polyglot.eval / polyglot.import_value / "
            + "polyglot.export_value) is not allowed in a Riffcode script"),
    NATIVE("loading native code (ctypes / _ctypes.dlopen) is not allowed in a Riffcode script"),
    EXIT("a Riffcode script cannot exit (exit / sys.exit / os._exit); it ends when its last line has run"),
    /** An operating-system call refused with EPERM that is neither a known file nor a process call. */
    OS("this operating-system call is not allowed in a Riffcode script (scripts have no files or processes)");

    /** GraalPy's emulated POSIX layer answers "NAME was excluded" for the socket calls it leaves out. */
    private static final Pattern EXCLUDED = Pattern.compile("\\b(\\w+) was excluded");
    private static final Set<String> SOCKET_CALLS = Set.of("socket", "socketpair", "connect", "bind", "listen",
            "accept", "getaddrinfo", "getnameinfo", "gethostbyname", "gethostbyaddr", "gethostname");

    private final String text;

    Refusal(String text) {
        this.text = text;
    }

    /** The message, naming the file or Java class concerned when {@code detail} gives one. */
    String describe(String detail) {
        if (detail == null || detail.isEmpty()) {
            return text;
        }
        return switch (this) {
            case FILES -> "using the file '" + detail + "' (open / io.open / os.open / os.listdir / pathlib) "
                    + "is not allowed in a Riffcode script";
            case JAVA -> "reaching the Java class " + detail + " (java.type) is not allowed in a Riffcode script";
            default -> text;
        };
    }

    /** The refusal riffcode.py recognised ("files", "process", ...). */
    static Refusal fromPython(String what) {
        return valueOf(what.toUpperCase(Locale.ROOT));
    }

    /** The refusal an internal error of the Python runtime stands for, or null when it is not one. */
    static Refusal ofInternalError(String message) {
        if (message == null) {
            return null;
        }
        // Truffle's wording when the context may not create threads, processes, or touch files.
        if (message.contains("Creating threads is not allowed")) {
            return THREAD;
        }
        if (message.contains("Process creation is not allowed")) {
            return PROCESS;
        }
        if (message.contains("Operation is not allowed for:")) {
            return FILES;
        }
        Matcher m = EXCLUDED.matcher(message);
        if (m.find() && SOCKET_CALLS.contains(m.group(1))) {
            return NETWORK;
        }
        return null;
    }

    /**
     * The refusal a call to this built-in stands for (its Python name, e.g. "_ctypes.dlopen"), or
     * null; for internal errors whose message says nothing, such as a library that cannot load.
     */
    static Refusal ofBuiltin(String name) {
        String module = name.contains(".") ? name.substring(0, name.indexOf('.')) : "";
        String function = name.substring(name.lastIndexOf('.') + 1);
        return switch (module) {
            case "_thread" -> THREAD;
            case "_socket" -> NETWORK;
            case "_ctypes" -> NATIVE;
            case "_posixsubprocess" -> PROCESS;
            case "java" -> JAVA;
            case "polyglot" -> POLYGLOT;
            case "__graalpython__" -> function.equals("read_file") ? FILES : null;
            case "posix" -> function.equals("_exit") ? EXIT
                    : function.startsWith("exec") || function.startsWith("fork") || function.startsWith("posix_spawn")
                            || function.equals("system") ? PROCESS : null;
            default -> null;
        };
    }
}
