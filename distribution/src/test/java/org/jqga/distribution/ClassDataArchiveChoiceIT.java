package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which class-data archive bin/jqga trains and uses for which JVM: Java 17 to 24 two CDS layers (a static base from
 * the training's class list, a dynamic top), Java 25 and later one AOT cache; each named after the JVM build. The
 * JVM here is a stand-in that records its command lines, in a copy of bin/jqga, so the real archives stay as they are.
 */
class ClassDataArchiveChoiceIT {

    private static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    private static final String REFLECTION_THRESHOLD = "-Dsun.reflect.inflationThreshold=1000";

    @TempDir
    Path dir;

    @Test
    void java25TrainsAndThenUsesOneAotCacheNamedAfterTheJvmBuild() throws Exception {
        Path jdk = fakeJdk("25.0.3");
        Path home = installation();
        String cache = home.resolve("lib/cds/jqga-" + jvmId(jdk) + ".aot").toString();

        List<List<String>> training = run(home, jdk, true);
        assertEquals(1, training.size(), "one training run: " + training);
        assertTrue(training.get(0).contains("-XX:AOTCacheOutput=" + cache), training.toString());
        assertTrue(training.get(0).contains("-Djqga.cdsTraining=true"), training.toString());
        assertNoCdsOptions(training.get(0));

        Files.writeString(Path.of(cache), "an AOT cache the training wrote");
        List<String> serving = run(home, jdk, false).get(0);
        assertTrue(serving.contains("-XX:AOTCache=" + cache), serving.toString());
        assertFalse(serving.contains("-Djqga.cdsTraining=true"), serving.toString());
        assertNoCdsOptions(serving);
        // Felix's and jnr's use of sun.misc.Unsafe and native access are intended, not news at every start
        assertTrue(serving.contains("--sun-misc-unsafe-memory-access=allow"), serving.toString());
        assertTrue(serving.contains("--enable-native-access=ALL-UNNAMED"), serving.toString());
        // Java 18 and later reflect through method handles; the property would only mislead a reader of ps
        assertFalse(serving.contains(REFLECTION_THRESHOLD), serving.toString());
    }

    @Test
    void java25WithoutATrainedCacheStartsWithoutOne() throws Exception {
        Path jdk = fakeJdk("25.0.3");
        List<String> serving = run(installation(), jdk, false).get(0);
        assertTrue(serving.stream().noneMatch(arg -> arg.startsWith("-XX:AOTCache")), serving.toString());
        assertNoCdsOptions(serving);
    }

    @Test
    void java17TrainsTwoCdsLayersAndNeverAnAotCache() throws Exception {
        Path jdk = fakeJdk("17.0.15");
        Path home = installation();
        String prefix = home.resolve("lib/cds/jqga-" + jvmId(jdk)).toString();

        List<List<String>> training = run(home, jdk, true);
        assertEquals(3, training.size(), "class list run, base dump, top layer run: " + training);
        assertTrue(training.get(0).contains("-XX:DumpLoadedClassList=" + prefix + ".classlist"), training.toString());
        assertTrue(training.get(1).contains("-Xshare:dump"), training.toString());
        assertTrue(training.get(1).contains("-XX:SharedArchiveFile=" + prefix + "-base.jsa"), training.toString());
        assertTrue(training.get(2).contains("-XX:ArchiveClassesAtExit=" + prefix + ".jsa"), training.toString());
        // only the top layer's run links the bundles' classes, which needs java.lang opened (CdsTraining)
        assertFalse(training.get(0).contains(OPEN_JAVA_LANG), training.toString());
        assertTrue(training.get(2).contains(OPEN_JAVA_LANG), training.toString());
        for (List<String> command : training) {
            assertTrue(command.stream().noneMatch(arg -> arg.startsWith("-XX:AOT")), command.toString());
            assertFalse(command.contains("--sun-misc-unsafe-memory-access=allow"), command.toString());
        }
        assertTrue(training.get(0).contains(REFLECTION_THRESHOLD), training.toString());
        assertTrue(training.get(2).contains(REFLECTION_THRESHOLD), training.toString());
    }

    @Test
    void java17ServesWithItsLayersAndWithoutTheTrainingsOptions() throws Exception {
        Path jdk = fakeJdk("17.0.15");
        Path home = installation();
        String prefix = home.resolve("lib/cds/jqga-" + jvmId(jdk)).toString();
        Files.createDirectories(home.resolve("lib/cds"));
        Files.writeString(Path.of(prefix + ".jsa"), "stand-in");

        List<String> serving = run(home, jdk, false).get(0);
        assertTrue(serving.contains("-XX:SharedArchiveFile=" + prefix + ".jsa"), serving.toString());
        assertFalse(serving.contains(OPEN_JAVA_LANG), serving.toString());
        assertFalse(serving.contains("-Djqga.cdsTraining=true"), serving.toString());
        assertTrue(serving.contains(REFLECTION_THRESHOLD), serving.toString());
    }

    private static void assertNoCdsOptions(List<String> command) {
        assertTrue(command.stream().noneMatch(arg -> arg.startsWith("-Xshare") || arg.startsWith("-XX:SharedArchiveFile")
                || arg.startsWith("-XX:ArchiveClassesAtExit") || arg.startsWith("-XX:DumpLoadedClassList")), command.toString());
    }

    /** A JDK whose java writes its arguments, one per line, and a line "--" after them, to $ARGS_FILE. */
    private Path fakeJdk(String version) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk-" + version));
        // sorted keys, as a JDK's release file has them; the build is what names the archives
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_RUNTIME_VERSION=\"" + version
                + "+7-test\"\nJAVA_VERSION=\"" + version + "\"\nJAVA_VERSION_DATE=\"2026-01-20\"\n");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor arg in \"$@\"; do printf '%s\\n' \"$arg\"; done >> \"$ARGS_FILE\"\n"
                + "echo -- >> \"$ARGS_FILE\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
    }

    /** bin/jqga of the distribution in an installation of its own, with an empty lib/. */
    private Path installation() throws IOException {
        Path home = dir.resolve("jqga-" + System.nanoTime());
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(AgentProcess.DISTRIBUTION.resolve("bin/jqga"), home.resolve("bin/jqga"), StandardCopyOption.COPY_ATTRIBUTES);
        return home;
    }

    /** The JDK's directory name and its build, as bin/jqga names the archives of that JVM. */
    private static String jvmId(Path jdk) throws IOException {
        String release = Files.readString(jdk.resolve("release"));
        String build = release.substring(release.indexOf("JAVA_RUNTIME_VERSION=\"") + "JAVA_RUNTIME_VERSION=\"".length());
        return jdk.getFileName() + "-" + build.substring(0, build.indexOf('"'));
    }

    /** @return each command line the stand-in java was given, in order */
    private List<List<String>> run(Path home, Path jdk, boolean training) throws Exception {
        Path args = dir.resolve("args-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jqga").toString(), "-m", "unix-listen", "-p",
                dir.resolve("agent.sock").toString(), "-t", dir.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().put("ARGS_FILE", args.toString());
        builder.environment().remove("JQGA_JAVA_OPTS");
        builder.environment().remove("JQGA_EXTRA_JAVA_OPTS");
        if (training) {
            builder.environment().put("JQGA_CDS_TRAIN", "1");
        } else {
            builder.environment().remove("JQGA_CDS_TRAIN");
        }
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, script.exitValue(), output);
        String recorded = Files.readString(args);
        return Arrays.stream(recorded.split("(?m)^--\n"))
                .map(command -> Arrays.asList(command.split("\n")))
                .collect(Collectors.toList());
    }
}
