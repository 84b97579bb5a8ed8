package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jqga's own deploy-folder settings: options, config keys, -D dump, framework properties and the default. */
class DeployOptionsTest {

    private static final LauncherProperties LAUNCHER = new LauncherProperties("9.8.7", "2.0.20");

    @Test
    void optionsSetTheDeployFolderAndKey() {
        AgentConfig config = new AgentConfig();
        CommandLine.Action action = CommandLine.apply(new String[] {"--deploy-dir=/srv/deploy", "--deploy-key", "/etc/jqga/key.pem"}, config);
        assertInstanceOf(CommandLine.Action.Proceed.class, action);
        assertEquals("/srv/deploy", config.deployDir);
        assertEquals("/etc/jqga/key.pem", config.deployKey);
    }

    @Test
    void theyAreNeverMatchedByAbbreviation() {
        CommandLine.Action action = CommandLine.apply(new String[] {"--dep=/x"}, new AgentConfig());
        assertEquals("jqga: unrecognized option '--dep=/x'\n", ((CommandLine.Action.Reject) action).diagnostic());
    }

    @Test
    void configKeysAndDump() throws Exception {
        AgentConfig config = new AgentConfig();
        ConfigFileLoader.apply(KeyFile.parse("[general]\ndeploy-dir=/var/lib/jqga/deploy\ndeploy-key=/etc/k.pem\n"), config);
        assertEquals("/var/lib/jqga/deploy", config.deployDir);
        config.applyDefaults();
        String dump = ConfigDump.render(config);
        assertTrue(dump.contains("deploy-dir=/var/lib/jqga/deploy\ndeploy-key=/etc/k.pem\n"), dump);
        AgentConfig unset = new AgentConfig();
        unset.applyDefaults();
        assertTrue(!ConfigDump.render(unset).contains("deploy"), "absent unless set: the dump stays qemu-ga's");
    }

    @Test
    void frameworkPropertiesCarryThemWithTheInstallationDefault() {
        String home = System.getProperty("jqga.home");
        System.setProperty("jqga.home", "/opt/jqga");
        System.setProperty("org.jqga.commandTimeoutMillis", "1234");
        try {
            AgentConfig config = new AgentConfig();
            Map<String, Object> p = FrameworkProperties.of(config, FrameworkProperties.MODE_SERVE, Path.of("/tmp/c"), "/tmp",
                    LAUNCHER, null);
            assertEquals("/opt/jqga/deploy", p.get("org.jqga.deployDir"));
            assertEquals("", p.get("org.jqga.deployKey"));
            assertEquals("1234", p.get("org.jqga.commandTimeoutMillis"), "-Dorg.jqga.* reaches the bundles");

            config.deployDir = "";
            config.method = "unix-listen";
            System.setProperty("org.jqga.method", "isa-serial");
            p = FrameworkProperties.of(config, FrameworkProperties.MODE_SERVE, Path.of("/tmp/c"), "/tmp", LAUNCHER, null);
            assertEquals("", p.get("org.jqga.deployDir"), "empty: no deploy folder");
            assertEquals("unix-listen", p.get("org.jqga.method"), "-D never overrides a real setting");
        } finally {
            System.clearProperty("org.jqga.commandTimeoutMillis");
            System.clearProperty("org.jqga.method");
            if (home == null) {
                System.clearProperty("jqga.home");
            } else {
                System.setProperty("jqga.home", home);
            }
        }
    }
}
