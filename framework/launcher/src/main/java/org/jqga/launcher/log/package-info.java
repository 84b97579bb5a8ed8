/** The agent's slf4j provider: plain log lines on System.err, levels from system properties. */
package org.jqga.launcher.log;
