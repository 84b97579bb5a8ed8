package org.jqga.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Time from a bundle update landing in jqga's deploy folder to the new version answering, with a host sending the
 * bundle's command back to back all along (every error reply counts as a failed request). The bundle is the
 * example command {@code __com.example_disk-usage}, deployed once as version 1 and then replaced, by an atomic
 * rename as a package manager does, with a copy that differs only in its Bundle-Version. The new version serves
 * from the first successful answer after the agent logged its deployment (the old component is gone by then).
 */
final class HotDeployBenchmark {

    static final String COMMAND = "__com.example_disk-usage";
    private static final String REQUEST = "{\"execute\":\"" + COMMAND + "\",\"arguments\":{\"path\":\"/\"}}";
    private static final long TIMEOUT_NANOS = 30_000_000_000L;
    private static final String DEPLOY_LOG_LEVEL = "-Djqga.log.level.org.jqga.deploy=info";

    /** How long the update took and how many requests failed meanwhile. */
    record Result(double millis, int failed, int requests) {
    }

    private HotDeployBenchmark() {
    }

    static Figure.Value run(AgentKind jqga, Path exampleBundle, Path work) throws InterruptedException {
        if (!supportsDeployFolder(jqga)) {
            return Figure.Value.notMeasured("n/a (no deploy folder yet)");
        }
        if (exampleBundle == null || !Files.isRegularFile(exampleBundle)) {
            return Figure.Value.notMeasured("n/a (no example bundle; build examples/disk-usage)");
        }
        try {
            Path directory = Files.createDirectories(work.resolve("jqga-deploy"));
            Path deploy = Files.createDirectories(directory.resolve("deploy"));
            // the deploy folder reports each deployment at INFO; the agent logs only warnings unless told otherwise
            Map<String, String> environment = new HashMap<>(jqga.environment());
            environment.merge("JQGA_EXTRA_JAVA_OPTS", DEPLOY_LOG_LEVEL, (mine, added) -> mine + " " + added);
            AgentKind withDeploy = new AgentKind(jqga.name(), jqga.executable(), Map.copyOf(environment),
                    jqga.extraArguments()).withArguments(List.of("--deploy-dir", deploy.toString()));
            try (AgentProcess process = AgentProcess.start(withDeploy, directory);
                 QgaConnection connection = process.awaitFirstAnswer()) {
                Progress.say("jqga: bundle update in the deploy folder");
                Result result = measure(connection, exampleBundle, deploy, directory.resolve("agent.log"));
                String detail = result.failed() == 0 ? "(0 of " + result.requests() + " requests failed)"
                        : "(" + result.failed() + " of " + result.requests() + " requests failed)";
                return new Figure.Value(result.millis(), detail);
            }
        } catch (IOException e) {
            return Figure.Value.notMeasured("n/a (" + e.getMessage() + ")");
        }
    }

    private static Result measure(QgaConnection connection, Path exampleBundle, Path deploy, Path log)
            throws IOException {
        Path target = deploy.resolve("disk-usage.jar");
        drop(withVersion(exampleBundle, "1.0.0.bench1"), target);
        long installDeadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!(logged(log, "1.0.0.bench1") && connection.request(REQUEST).startsWith("{\"return\""))) {
            if (System.nanoTime() > installDeadline) {
                throw new IOException("the first version was not deployed within 30 s; see " + log);
            }
        }
        byte[] second = withVersion(exampleBundle, "1.0.0.bench2");
        int requests = 0;
        int failed = 0;
        long dropped = System.nanoTime();
        drop(second, target);
        boolean deployed = false;
        while (true) {
            // checked before the request: a success after the agent logged the new version is the new version's
            deployed = deployed || logged(log, "1.0.0.bench2");
            String reply = connection.request(REQUEST);
            requests++;
            if (!reply.startsWith("{\"return\"")) {
                failed++;
            } else if (deployed) {
                return new Result((System.nanoTime() - dropped) / 1e6, failed, requests);
            }
            if (System.nanoTime() - dropped > TIMEOUT_NANOS) {
                throw new IOException("the update was not serving within 30 s (" + failed + " failed requests)");
            }
        }
    }

    /** The deploy folder logs "deployed FILE: NAME VERSION (bundle ID)" once the bundle is installed and started. */
    static boolean logged(Path log, String version) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.contains("deployed ") && line.contains(" " + version + " ")) {
                return true;
            }
        }
        return false;
    }

    /** Written beside the target under a dot name (which the deploy folder ignores), then renamed over it. */
    private static void drop(byte[] jar, Path target) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".part");
        Files.write(temporary, jar);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The jar with another Bundle-Version and otherwise the same entries. */
    static byte[] withVersion(Path jar, String version) throws IOException {
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (OutputStream out = new JarOutputStream(bytes, manifest)) {
                JarOutputStream jarOut = (JarOutputStream) out;
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    jarOut.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(jarOut);
                    jarOut.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }

    private static boolean supportsDeployFolder(AgentKind jqga) {
        List<String> command = new ArrayList<>();
        command.add(jqga.executable().toString());
        command.add("--help");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(jqga.environment());
            Process process = builder.start();
            String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return help.contains("--deploy-dir");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
