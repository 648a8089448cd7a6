package dev.riffcode.cli;

import dev.riffcode.engine.realtime.Devices;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code riffcode devices}: the audio outputs live play can use. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the audio output devices live play can use.",
            "",
            "Pass (part of) a name to ./riffcode live --device NAME; without --device the default is used."})
final class DevicesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<Devices.Device> devices = Devices.list();
        if (devices.isEmpty()) {
            System.out.println("No audio output device was found. Live play can still record what it plays in real "
                    + "time: ./riffcode live FILE.py --record OUT.wav");
            return 0;
        }
        for (Devices.Device d : devices) {
            System.out.println((d.isDefault() ? "* " : "  ") + d.name() + (d.description().isBlank() ? ""
                    : "  (" + d.description() + ")"));
        }
        System.out.println();
        System.out.println("* the default. Use: ./riffcode live FILE.py --device \"NAME\"");
        return 0;
    }
}
