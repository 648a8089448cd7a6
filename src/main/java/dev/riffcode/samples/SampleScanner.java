package dev.riffcode.samples;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the sample folders into a {@link SampleIndex}: every WAV, FLAC and MP3 file in them and their sub-folders.
 * Links are followed only while they stay inside their folder (by real path); a link that leads out is listed as
 * refused, so a name through it gets a clear error instead of the file. Hidden files and folders are skipped.
 */
final class SampleScanner {

    /** At most this many files go into an index: it travels to the sandbox with every run. */
    static final int MAX_FILES = 50_000;
    private static final int MAX_DEPTH = 32;

    private SampleScanner() {
    }

    static SampleIndex scan(List<Path> folders, List<String> clips) {
        List<SampleIndex.Folder> out = new ArrayList<>();
        int[] budget = {MAX_FILES};
        boolean truncated = false;
        for (Path folder : folders) {
            List<String> files = new ArrayList<>();
            Map<String, String> refused = new TreeMap<>();
            truncated |= walk(folder, files, refused, budget);
            files.sort(null);
            out.add(new SampleIndex.Folder(folder.toString(), files, refused));
        }
        return new SampleIndex(out, clips, truncated);
    }

    /** Adds one folder's files; true when the budget ran out. */
    private static boolean walk(Path folder, List<String> files, Map<String, String> refused, int[] budget) {
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            return false;   // gone since it was checked: it holds nothing
        }
        boolean[] full = {false};
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(folder)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (hidden(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String outside = outside(dir, root);
                    if (outside != null) {
                        refused.put(relative(folder, dir), outside);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (hidden(file) || !attrs.isRegularFile()
                            || !SampleNames.hasAudioExtension(file.getFileName().toString())) {
                        return FileVisitResult.CONTINUE;
                    }
                    String outside = outside(file, root);
                    if (outside != null) {
                        refused.put(SampleNames.key(relative(folder, file)), outside);
                        return FileVisitResult.CONTINUE;
                    }
                    if (budget[0] <= 0) {
                        full[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    budget[0]--;
                    files.add(relative(folder, file));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;   // unreadable, or a link loop: nothing to play there
                }
            });
        } catch (IOException e) {
            // what was found before the folder became unreadable stays
        }
        return full[0];
    }

    /** Where a path really leads when that is outside the folder's real path, else null. */
    private static String outside(Path path, Path root) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) ? null : "it leads to " + real;
        } catch (IOException e) {
            return "it cannot be followed: " + e.getMessage();
        }
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String relative(Path folder, Path path) {
        return folder.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
