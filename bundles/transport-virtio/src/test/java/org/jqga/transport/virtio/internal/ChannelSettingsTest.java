package org.jqga.transport.virtio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

    private static ChannelSettings from(Map<String, String> properties) {
        return ChannelSettings.from(properties::get);
    }

    @Test
    void defaultsToTheVirtioSerialPort() {
        ChannelSettings settings = from(Map.of());
        assertEquals(new ChannelSettings("virtio-serial", "/dev/virtio-ports/org.qemu.guest_agent.0", false, false),
                settings);
    }

    @Test
    void emptyValuesMeanDefaults() {
        ChannelSettings settings = from(Map.of("org.jqga.method", "isa-serial", "org.jqga.path", "",
                "org.jqga.retryPath", "", "org.jqga.mode", ""));
        assertEquals(new ChannelSettings("isa-serial", "/dev/ttyS0", false, false), settings);
    }

    @Test
    void readsEverySetting() {
        ChannelSettings settings = from(Map.of("org.jqga.method", "unix-listen", "org.jqga.path", "/run/qga.sock",
                "org.jqga.retryPath", "true", "org.jqga.mode", "list-commands"));
        assertEquals(new ChannelSettings("unix-listen", "/run/qga.sock", true, true), settings);
    }

    @Test
    void listeningMethodsNeedAPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("org.jqga.method", "unix-listen")));
        assertTrue(e.getMessage().contains("must specify a path for this channel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("org.jqga.method", "vsock-listen")));
    }

    @Test
    void rejectsAnUnknownMethod() {
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("org.jqga.method", "tcp")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("org.jqga.method", "tcp", "org.jqga.path", "x")));
    }

    @Test
    void serveIsTheDefaultMode() {
        assertFalse(from(Map.of("org.jqga.mode", "serve")).listCommandsOnly());
    }
}
