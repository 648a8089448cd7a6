package dev.riffcode.score;

import java.util.List;

/** A kind of unit generator scripts can create, JSyn-style (SineOscillator, FilterLowPass, ...). */
public record UnitTypeSpec(String name, String doc, List<PortSpec> ports) {

    public UnitTypeSpec {
        ports = List.copyOf(ports);
    }

    public PortSpec port(String portName) {
        for (PortSpec p : ports) {
            if (p.name().equals(portName)) {
                return p;
            }
        }
        return null;
    }
}
