package org.jqga.commands.power.internal;

/** What each suspend mode is called by the three mechanisms qemu-ga tries. */
enum SuspendMode {
    DISK("systemd-hibernate", "hibernate", "--hibernate", "pm-hibernate", "disk"),
    RAM("systemd-suspend", "suspend", "--suspend", "pm-suspend", "mem"),
    /** The kernel's /sys/power/state has no hybrid mode. */
    HYBRID("systemd-hybrid-sleep", "hybrid-sleep", "--suspend-hybrid", "pm-suspend-hybrid", null);

    final String systemdService;
    final String systemctlVerb;
    final String pmIsSupportedFlag;
    final String pmProgram;
    final String powerState;

    SuspendMode(String systemdService, String systemctlVerb, String pmIsSupportedFlag, String pmProgram,
            String powerState) {
        this.systemdService = systemdService;
        this.systemctlVerb = systemctlVerb;
        this.pmIsSupportedFlag = pmIsSupportedFlag;
        this.pmProgram = pmProgram;
        this.powerState = powerState;
    }
}
