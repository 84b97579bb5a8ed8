package org.jqga.transport.virtio.internal;

import java.util.function.Function;

/** The channel the agent was told to serve, from the launcher's framework properties. */
record ChannelSettings(String method, String path, boolean retryPath, boolean listCommandsOnly) {

    static final String VIRTIO_SERIAL = "virtio-serial";
    static final String ISA_SERIAL = "isa-serial";
    static final String UNIX_LISTEN = "unix-listen";
    static final String VSOCK_LISTEN = "vsock-listen";

    /**
     * Reads org.jqga.method, org.jqga.path, org.jqga.retryPath and org.jqga.mode; a missing or empty
     * value means the default.
     *
     * @throws IllegalArgumentException for an unknown method or a listening method without a path
     */
    static ChannelSettings from(Function<String, String> property) {
        String method = valueOr(property.apply("org.jqga.method"), VIRTIO_SERIAL);
        String path = valueOr(property.apply("org.jqga.path"), null);
        if (path == null) {
            path = switch (method) {
                case VIRTIO_SERIAL -> "/dev/virtio-ports/org.qemu.guest_agent.0";
                case ISA_SERIAL -> "/dev/ttyS0";
                case UNIX_LISTEN, VSOCK_LISTEN ->
                        throw new IllegalArgumentException("must specify a path for this channel (" + method + ")");
                default -> throw unknownMethod(method);
            };
        } else if (!method.equals(VIRTIO_SERIAL) && !method.equals(ISA_SERIAL)
                && !method.equals(UNIX_LISTEN) && !method.equals(VSOCK_LISTEN)) {
            throw unknownMethod(method);
        }
        boolean retryPath = Boolean.parseBoolean(valueOr(property.apply("org.jqga.retryPath"), "false"));
        boolean listCommandsOnly = "list-commands".equals(valueOr(property.apply("org.jqga.mode"), "serve"));
        return new ChannelSettings(method, path, retryPath, listCommandsOnly);
    }

    private static IllegalArgumentException unknownMethod(String method) {
        return new IllegalArgumentException("unknown channel method '" + method
                + "' (expected virtio-serial, isa-serial, unix-listen or vsock-listen)");
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
