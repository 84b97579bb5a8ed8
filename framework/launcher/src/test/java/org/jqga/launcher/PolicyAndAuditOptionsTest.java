package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jqga's own policy-file and audit-log settings: options, config keys, -D dump and framework properties. */
class PolicyAndAuditOptionsTest {

    private static final LauncherProperties LAUNCHER = new LauncherProperties("9.8.7", "2.0.20");

    @Test
    void optionsAndConfigKeysReachTheBundles() throws Exception {
        AgentConfig config = new AgentConfig();
        ConfigFileLoader.apply(KeyFile.parse("[general]\npolicy-file=/etc/a.json\naudit-log=/var/log/a.jsonl\n"), config);
        CommandLine.Action action = CommandLine.apply(new String[] {"--policy-file=/etc/qemu/p.json"}, config);
        assertInstanceOf(CommandLine.Action.Proceed.class, action);
        config.applyDefaults();
        assertEquals("/etc/qemu/p.json", config.policyFile, "the command line wins over the file");
        Map<String, Object> p = FrameworkProperties.of(config, FrameworkProperties.MODE_SERVE, Path.of("/tmp/c"), "/tmp",
                LAUNCHER, null);
        assertEquals("/etc/qemu/p.json", p.get("org.jqga.policyFile"));
        assertEquals("/var/log/a.jsonl", p.get("org.jqga.auditLog"));
        String dump = ConfigDump.render(config);
        assertTrue(dump.contains("policy-file=/etc/qemu/p.json\naudit-log=/var/log/a.jsonl\n"), dump);
    }

    @Test
    void absentSettingsLeaveTheBundleDefaultsAndTheQemuDump() throws Exception {
        AgentConfig config = new AgentConfig();
        config.applyDefaults();
        Map<String, Object> p = FrameworkProperties.of(config, FrameworkProperties.MODE_SERVE, Path.of("/tmp/c"), "/tmp",
                LAUNCHER, null);
        assertFalse(p.containsKey("org.jqga.policyFile") && System.getProperty("org.jqga.policyFile") == null);
        assertFalse(p.containsKey("org.jqga.auditLog") && System.getProperty("org.jqga.auditLog") == null);
        assertFalse(ConfigDump.render(config).contains("policy-file"));
    }

    @Test
    void adminSocketAndSyslogAuditReachTheBundles() throws Exception {
        AgentConfig config = new AgentConfig();
        ConfigFileLoader.apply(KeyFile.parse("[general]\nadmin-socket=/run/a/admin.sock\naudit-log=syslog:daemon\n"), config);
        assertEquals("/run/a/admin.sock", config.adminSocket);
        CommandLine.Action action = CommandLine.apply(new String[] {"--admin-socket=/run/jqga-admin/x.sock"}, config);
        assertInstanceOf(CommandLine.Action.Proceed.class, action);
        config.applyDefaults();
        Map<String, Object> p = FrameworkProperties.of(config, FrameworkProperties.MODE_SERVE, Path.of("/tmp/c"), "/tmp",
                LAUNCHER, null);
        assertEquals("/run/jqga-admin/x.sock", p.get("org.jqga.adminSocket"));
        assertEquals("syslog:daemon", p.get("org.jqga.auditLog"));
        assertTrue(ConfigDump.render(config).contains("audit-log=syslog:daemon\nadmin-socket=/run/jqga-admin/x.sock\n"));
        assertTrue(Usage.text("1").contains("--admin-socket"));
    }
}
