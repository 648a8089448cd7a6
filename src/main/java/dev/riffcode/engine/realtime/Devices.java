package dev.riffcode.engine.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/**
 * The output devices JavaSound knows that can play 16-bit stereo at a given rate, and choosing one by name. The
 * default is the first of them, as JavaSound orders them (on Linux that is ALSA's "default", which reaches
 * PulseAudio or PipeWire when one runs).
 */
public final class Devices {

    /** One output device, as {@code ./riffcode devices} lists it. */
    public record Device(String name, String description, boolean isDefault) {
    }

    private Devices() {
    }

    /** The devices that can play 44.1 kHz 16-bit stereo, the default first. */
    public static List<Device> list() {
        return list(44_100);
    }

    public static List<Device> list(int sampleRate) {
        List<Mixer.Info> playable = playable(sampleRate);
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < playable.size(); i++) {
            Mixer.Info info = playable.get(i);
            devices.add(new Device(info.getName(), info.getDescription(), i == 0));
        }
        return devices;
    }

    /** The 16-bit little-endian stereo format every output plays. */
    static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 2, true, false);
    }

    static List<Mixer.Info> playable(int sampleRate) {
        DataLine.Info line = new DataLine.Info(SourceDataLine.class, format(sampleRate));
        List<Mixer.Info> out = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                if (AudioSystem.getMixer(info).isLineSupported(line)) {
                    out.add(info);
                }
            } catch (RuntimeException e) {
                // A device that cannot even describe itself cannot be played on; leave it out of the list.
            }
        }
        return out;
    }

    /**
     * The device named {@code wanted} (the whole name or a part of it, ignoring case; a whole match wins), or the
     * default when {@code wanted} is null or blank.
     *
     * @param playable the devices to choose from, the default first
     */
    static Mixer.Info choose(List<Mixer.Info> playable, String wanted) throws AudioDeviceException {
        if (playable.isEmpty()) {
            throw new AudioDeviceException("No audio output device: Java finds no device that can play 16-bit "
                    + "stereo (no sound card, or no sound server such as PulseAudio running). Start the sound server "
                    + "or plug in a device and list what Java finds with `./riffcode devices`; or use "
                    + "`--record OUT.wav` alone, which plays to a virtual clock and needs no device.");
        }
        if (wanted == null || wanted.isBlank()) {
            return playable.get(0);
        }
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        for (Mixer.Info info : playable) {
            if (info.getName().toLowerCase(Locale.ROOT).equals(w)) {
                return info;
            }
        }
        for (Mixer.Info info : playable) {
            if (info.getName().toLowerCase(Locale.ROOT).contains(w)) {
                return info;
            }
        }
        throw new AudioDeviceException("No audio output device matches \"" + wanted.strip() + "\". The devices are: "
                + playable.stream().map(i -> "\"" + i.getName() + "\"").collect(Collectors.joining(", "))
                + ". List them with `./riffcode devices` and give (part of) a name, leave the name out for the "
                + "default, or use `--record OUT.wav` alone, which plays to a virtual clock and needs no device.");
    }
}
