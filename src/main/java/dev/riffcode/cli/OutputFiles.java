package dev.riffcode.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a command writes its results, and what to tell the user when it cannot: the folder that is missing, the
 * permission that is lacking, the disk that is full, in words, never a Java stack trace.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Why OUT cannot be written, checked before any work is done, or null when its folder exists and takes files.
     * The write can still fail later (a full disk); {@link #explain} covers that.
     */
    static String problemWith(Path output) {
        Path folder = folderOf(output);
        if (Files.isDirectory(output)) {
            return "cannot write " + output + ": it is a folder; give a file name, e.g. " + output.resolve("out.wav");
        }
        if (!Files.exists(folder)) {
            return "cannot write " + output + ": the folder " + folder + " does not exist; create it (mkdir -p "
                    + folder + ") or choose another place";
        }
        if (!Files.isDirectory(folder)) {
            return "cannot write " + output + ": " + folder + " is a file, not a folder";
        }
        if (!Files.isWritable(folder)) {
            return "cannot write " + output + ": the folder " + folder + " is not writable; choose another place";
        }
        return null;
    }

    /** A failed write, said as a person would say it, naming the file or folder and what to do. */
    static String explain(IOException e) {
        return explain(e, null);
    }

    /** As {@link #explain(IOException)}, naming {@code writing} when the error itself names no file. */
    static String explain(IOException e, Path writing) {
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile()
                : writing == null ? null : writing.toString();
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        String where = file == null ? "" : " " + visibleName(file);
        if (lower.contains("no space left") || lower.contains("disk quota")) {
            return "could not write" + where + ": the disk is full; free some space or write elsewhere";
        }
        if (lower.contains("read-only file system")) {
            return "could not write" + where + ": the folder is on a read-only file system; choose another place";
        }
        if (e instanceof AccessDeniedException) {
            return "could not write" + where + ": permission denied; choose a folder you can write to";
        }
        if (e instanceof NoSuchFileException) {
            return "could not write" + where + ": its folder does not exist; create it or choose another place";
        }
        if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
            return "could not write" + where + ": part of the path is a file, not a folder";
        }
        return "input/output error" + where + ": " + (reason == null ? e.getClass().getSimpleName() : reason);
    }

    /** An exception from a command, if it is an I/O failure, else null. */
    static IOException ioCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /** Temporary files are named {@code .NAME.RANDOM.tmp}; the user knows the file by NAME. */
    private static String visibleName(String file) {
        Path p = Path.of(file);
        String name = p.getFileName() == null ? file : p.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp")) {
            String base = name.substring(1, name.length() - 4);
            int dot = base.lastIndexOf('.');
            return p.resolveSibling(dot > 0 ? base.substring(0, dot) : base).toString();
        }
        return file;
    }

    private static Path folderOf(Path output) {
        Path parent = output.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("/") : parent;
    }
}
