package org.jqga.launcher;

/** Entry point of jqga-launcher.jar (see bin/jqga). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new Launcher(System.out, System.err, System.getenv(), LauncherProperties.load()).run(args);
        System.out.flush();
        System.exit(status);
    }
}
