package dev.riffcode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help is read in an 80-column terminal: every word the help was written with must come out whole, and no
 * paragraph may be cut into a stub line by a hard line break in the source.
 */
class HelpTextTest {

    private static List<CommandLine> allCommands() {
        CommandLine root = Main.commandLine(CommandLine.defaultFactory(), null);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    private static String usage(CommandLine cl, int width) {
        cl.getCommandSpec().usageMessage().width(width);
        StringWriter text = new StringWriter();
        cl.usage(new PrintWriter(text));
        return text.toString();
    }

    /** The words the help was written with: descriptions, footers, option texts and value labels. */
    private static Set<String> sourceWords(CommandSpec spec) {
        List<String> texts = new ArrayList<>();
        texts.addAll(Arrays.asList(spec.usageMessage().description()));
        texts.addAll(Arrays.asList(spec.usageMessage().footer()));
        for (OptionSpec o : spec.options()) {
            texts.addAll(Arrays.asList(o.description()));
            if (o.arity().max() > 0) {
                texts.add(o.paramLabel());
            }
        }
        Set<String> words = new HashSet<>();
        for (String t : texts) {
            Stream.of(t.split("\\s+")).filter(w -> !w.isEmpty() && !w.contains("${")).forEach(words::add);
        }
        return words;
    }

    @Test
    void noWordIsSplitAcrossLinesAtEightyColumns() {
        for (CommandLine cl : allCommands()) {
            String help = usage(cl, 80);
            Set<String> printed = new HashSet<>(Arrays.asList(help.split("\\s+")));
            for (String word : sourceWords(cl.getCommandSpec())) {
                if (printed.stream().noneMatch(p -> p.contains(word))) {
                    fail("'" + word + "' is split in the help of " + cl.getCommandName() + ":\n" + help);
                }
            }
            for (String line : help.split("\n")) {
                assertTrue(line.length() <= 80, "too wide for 80 columns in " + cl.getCommandName() + ": " + line);
            }
        }
    }

    @Test
    void paragraphsAreNotCutIntoStubLines() {
        // A stub is a short line whose paragraph goes on below it: the sign of a hard break in a flowing sentence.
        for (CommandLine cl : allCommands()) {
            String[] lines = usage(cl, 80).split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                String line = lines[i];
                String next = lines[i + 1];
                boolean flowsOn = !next.isBlank() && !next.startsWith(" ") && Character.isLowerCase(next.charAt(0));
                if (flowsOn && line.length() < 50) {
                    fail("a paragraph of " + cl.getCommandName() + " breaks early after '" + line + "'");
                }
            }
        }
    }

    @Test
    void everyCommandSummaryIsOneWholeSentence() {
        for (CommandLine cl : allCommands()) {
            String[] description = cl.getCommandSpec().usageMessage().description();
            if (description.length > 0 && !cl.getCommandSpec().usageMessage().hidden()) {
                assertTrue(description[0].endsWith("."), "the summary shown in the command list must be a whole "
                        + "sentence: " + cl.getCommandName() + ": " + description[0]);
            }
        }
        assertEquals(0, Main.run("--help"));
    }

    /** Picocli reads every command it is given; a command line that names one needs only that one. */
    @Test
    void aCommandLineGetsTheCommandItNamesOrAllOfThem() {
        List<String> every = new ArrayList<>(Main.commandLine(CommandLine.defaultFactory(), null).getSubcommands()
                .keySet());
        assertEquals(Main.COMMANDS.size() + 1, every.size(), "every command, and sessions: " + every);
        assertEquals(every, new ArrayList<>(Main.commandLine(CommandLine.defaultFactory(), null, "help", "render")
                .getSubcommands().keySet()), "help lists them all");
        assertEquals(every, new ArrayList<>(Main.commandLine(CommandLine.defaultFactory(), null, "rendr")
                .getSubcommands().keySet()), "a misspelt command gets suggestions from all of them");
        for (String name : List.of("render", "sessions", "bench")) {
            assertEquals(List.of(name), new ArrayList<>(Main.commandLine(CommandLine.defaultFactory(), null, name, "x")
                    .getSubcommands().keySet()), "the command named: " + name);
        }
    }
}
