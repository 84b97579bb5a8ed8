package org.jqga.launcher;

import java.util.Locale;

/** Entry point of jqga-launcher.jar (see bin/jqga). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Numbers the agent formats must not depend on the guest's locale (qemu-ga formats as the C locale does), and
        // en-US is the one locale for which a first String.format with %d (Felix has one at every start) loads no
        // locale data: 76 classes and the JDK's locale providers, which a guest with LANG=C.UTF-8 paid for.
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        int status = new Launcher(System.out, System.err, System.getenv(), LauncherProperties.load()).run(args);
        System.out.flush();
        System.exit(status);
    }
}
