package org.jqga.api;

/** The risk groups a command declares with {@link GuestCommand#risk()}, for policies that name groups. */
public final class RiskGroup {

    /** Protocol plumbing and read-only facts about the guest. */
    public static final String INFO = "info";
    /** Reads or writes guest files. */
    public static final String FILE = "file";
    /** Runs programs in the guest. */
    public static final String EXEC = "exec";
    /** Shuts down, reboots or suspends the guest, or changes its clock. */
    public static final String POWER = "power";
    /** Freezes and thaws filesystems. */
    public static final String FSFREEZE = "fsfreeze";
    /** Changes users, passwords or ssh keys. */
    public static final String ACCOUNT = "account";
    /** Changes hardware state: vCPUs, memory blocks. */
    public static final String HARDWARE = "hardware";
    /** Manages the agent itself: bundles, policy. */
    public static final String ADMIN = "admin";
    /** Declared nothing: treated as the most risky. */
    public static final String UNCLASSIFIED = "unclassified";

    private RiskGroup() {
    }
}
