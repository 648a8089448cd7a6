package dev.riffcode.engine.realtime;

/**
 * A child JVM that lists the output devices and opens each name it is given ("-" for the default), saying
 * {@code device NAME|default}, then {@code opened NAME} or {@code error MESSAGE} per name.
 */
final class OpenDevice {

    private OpenDevice() {
    }

    public static void main(String[] args) {
        for (Devices.Device d : Devices.list()) {
            System.out.println("device " + d.name() + "|" + d.isDefault());
        }
        for (String name : args) {
            try (JavaSoundOutput out = JavaSoundOutput.open(name.equals("-") ? null : name, 44_100, 100)) {
                System.out.println("opened " + out.name());
            } catch (AudioDeviceException e) {
                System.out.println("error " + e.getMessage());
            }
        }
    }
}
