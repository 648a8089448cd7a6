package dev.riffcode.cli;

import dev.riffcode.hearing.HearingReport;

/** The hearing report after a render or a generate, printed short. */
final class HearingOutput {

    private HearingOutput() {
    }

    static void print(Console console, HearingReport report) {
        console.info("Heard:");
        for (String line : report.lines()) {
            console.info("  " + line);
        }
    }
}
