package dev.riffcode.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Descriptions and footers that flow to the help's width and break only between words. Picocli's own wrapping also
 * breaks inside paths and URLs ("~/.\nconfig"), which a reader cannot copy. A source line that starts with a space
 * (an example command) is printed exactly as written.
 */
final class FlowingHelp {

    private FlowingHelp() {
    }

    /** Installs the flowing description and footer on a command and all its subcommands. */
    static void install(CommandLine command) {
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> flow(help.commandSpec().usageMessage().description(), width(help)));
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> flow(help.commandSpec().usageMessage().footer(), width(help)));
        command.getSubcommands().values().stream().distinct().forEach(FlowingHelp::install);
    }

    private static int width(Help help) {
        return help.commandSpec().usageMessage().width();
    }

    /** The lines joined with newlines, each paragraph wrapped at spaces to {@code width} columns. */
    static String flow(String[] lines, int width) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith(" ")) {
                out.append(line).append('\n');
                continue;
            }
            for (String wrapped : wrap(line, width)) {
                out.append(wrapped).append('\n');
            }
        }
        return out.toString();
    }

    static List<String> wrap(String paragraph, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
