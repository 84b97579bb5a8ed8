package org.jqga.benchmark;

import java.io.IOException;

/** Just enough reading of replies for the benchmark; a full JSON parser would cost more than the agents do. */
final class Replies {

    private Replies() {
    }

    static String requireReturn(String request, String reply) throws IOException {
        if (!reply.startsWith("{\"return\"")) {
            throw new IOException("request " + abbreviate(request) + " failed: " + abbreviate(reply));
        }
        return reply;
    }

    /** The integer after {@code "name":}; base64 never contains a quote, so the key cannot occur inside a buffer. */
    static long integer(String reply, String name) throws IOException {
        int key = reply.indexOf("\"" + name + "\"");
        if (key < 0) {
            throw new IOException("no " + name + " in " + abbreviate(reply));
        }
        int i = reply.indexOf(':', key) + 1;
        while (reply.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        while (i < reply.length() && (Character.isDigit(reply.charAt(i)) || reply.charAt(i) == '-')) {
            i++;
        }
        return Long.parseLong(reply.substring(start, i));
    }

    /** {"return": 1000} */
    static long returnedInteger(String reply) throws IOException {
        return integer(reply, "return");
    }

    static boolean flag(String reply, String name) {
        int key = reply.indexOf("\"" + name + "\"");
        return key >= 0 && reply.startsWith("true", skipSpaces(reply, reply.indexOf(':', key) + 1));
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
